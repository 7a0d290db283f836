/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/tasks/BuildStepDescriptor.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; complete: every public and protected member (static and nested ones too) and the real supertypes, bodies throw.
 */
package hudson.tasks;
import hudson.model.AbstractProject;
import hudson.model.Describable;
import hudson.model.Descriptor;
import java.util.List;

public abstract class BuildStepDescriptor<T extends BuildStep & Describable<T>> extends Descriptor<T> {
    protected BuildStepDescriptor(Class<? extends T> clazz) {
        throw new UnsupportedOperationException();
    }

    protected BuildStepDescriptor() {
        throw new UnsupportedOperationException();
    }

    public abstract boolean isApplicable(Class<? extends AbstractProject> jobType);

    public static <T extends BuildStep & Describable<T>> List<Descriptor<T>> filter(List<Descriptor<T>> base, Class<? extends AbstractProject> type) {
        throw new UnsupportedOperationException();
    }
}
