/*
 * Compile-only stand-in. Mirrors src/main/java/org/jenkinsci/plugins/workflow/steps/Step.java
 * from org.jenkins-ci.plugins.workflow:workflow-step-api:724.v538c2362b_dfb_, read at jenkinsci/workflow-step-api-plugin commit 0773c3c (716 commits; its src/main equals tag 710.v3e456cc85233), the newest source at hand (724's own source was not available to compare); complete: every public and protected member (static and nested ones too) and the real supertypes, bodies throw.
 */
package org.jenkinsci.plugins.workflow.steps;
import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

public abstract class Step extends AbstractDescribableImpl<Step> implements ExtensionPoint {
    public abstract StepExecution start(StepContext context) throws Exception;

    @Override
    public StepDescriptor getDescriptor() {
        throw new UnsupportedOperationException();
    }
}
