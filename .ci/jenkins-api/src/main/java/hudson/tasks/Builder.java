/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/tasks/Builder.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; complete: every public and protected member (static and nested ones too) and the real supertypes, bodies throw.
 */
package hudson.tasks;
import hudson.DescriptorExtensionList;
import hudson.ExtensionPoint;
import hudson.model.Build;
import hudson.model.BuildListener;
import hudson.model.Describable;
import hudson.model.Descriptor;

public abstract class Builder extends BuildStepCompatibilityLayer implements Describable<Builder>, ExtensionPoint {
    @Override
    public boolean prebuild(Build build, BuildListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Descriptor<Builder> getDescriptor() {
        throw new UnsupportedOperationException();
    }

    public static DescriptorExtensionList<Builder, Descriptor<Builder>> all() {
        throw new UnsupportedOperationException();
    }
}
