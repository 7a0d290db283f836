/*
 * Compile-only stand-in. Mirrors src/main/java/org/jenkinsci/plugins/workflow/steps/StepDescriptor.java
 * from org.jenkins-ci.plugins.workflow:workflow-step-api:724.v538c2362b_dfb_, read at jenkinsci/workflow-step-api-plugin tag 710.v3e456cc85233, the newest source at hand (724's own source was not available to compare); declarations the plugin uses, bodies throw.
 */
package org.jenkinsci.plugins.workflow.steps;
import hudson.model.Descriptor;
import java.util.Set;

public abstract class StepDescriptor extends Descriptor<Step> {
    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();
}
