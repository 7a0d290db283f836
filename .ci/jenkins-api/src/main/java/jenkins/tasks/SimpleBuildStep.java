/*
 * Compile-only stand-in. Mirrors core/src/main/java/jenkins/tasks/SimpleBuildStep.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; complete: every public and protected member (static and nested ones too) and the real supertypes, bodies throw.
 */
package jenkins.tasks;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStep;
import java.io.IOException;
import java.util.Collection;
import jenkins.model.TransientActionFactory;

public interface SimpleBuildStep extends BuildStep {
    @Deprecated
    default void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull Launcher launcher, @NonNull TaskListener listener) throws InterruptedException, IOException {
        throw new UnsupportedOperationException();
    }

    default void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env, @NonNull Launcher launcher, @NonNull TaskListener listener) throws InterruptedException, IOException {
        throw new UnsupportedOperationException();
    }

    default void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener) throws InterruptedException, IOException {
        throw new UnsupportedOperationException();
    }

    default boolean requiresWorkspace() {
        throw new UnsupportedOperationException();
    }

    interface LastBuildAction extends Action {
        Collection<? extends Action> getProjectActions();
    }

    final class LastBuildActionFactory extends TransientActionFactory<Job> {
        @Override
        public Class<Job> type() {
            throw new UnsupportedOperationException();
        }

        @NonNull
        @Override
        public Collection<? extends Action> createFor(@NonNull Job j) {
            throw new UnsupportedOperationException();
        }
    }
}
