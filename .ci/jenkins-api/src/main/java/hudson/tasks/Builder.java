/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/tasks/Builder.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 */
package hudson.tasks;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;

public abstract class Builder extends BuildStepCompatibilityLayer implements Describable<Builder>, ExtensionPoint {
    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Descriptor<Builder> getDescriptor() {
        throw new UnsupportedOperationException();
    }
}
