/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/tasks/BuildStepCompatibilityLayer.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; complete: every public and protected member (static and nested ones too) and the real supertypes, bodies throw.
 */
package hudson.tasks;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.Action;
import hudson.model.Build;
import hudson.model.BuildListener;
import hudson.model.Project;
import java.io.IOException;
import java.util.Collection;

@Deprecated
public abstract class BuildStepCompatibilityLayer implements BuildStep {
    @Override
    public boolean prebuild(AbstractBuild<?, ?> build, BuildListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener) throws InterruptedException, IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public Action getProjectAction(AbstractProject<?, ?> project) {
        throw new UnsupportedOperationException();
    }

    @Override
    @NonNull
    public Collection<? extends Action> getProjectActions(AbstractProject<?, ?> project) {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    public boolean prebuild(Build<?, ?> build, BuildListener listener) {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    public boolean perform(Build<?, ?> build, Launcher launcher, BuildListener listener) throws InterruptedException, IOException {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    public Action getProjectAction(Project<?, ?> project) {
        throw new UnsupportedOperationException();
    }
}
