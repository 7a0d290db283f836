/*
 * Compile-only stand-in. Mirrors src/main/java/org/jenkinsci/plugins/workflow/steps/StepExecution.java
 * from org.jenkins-ci.plugins.workflow:workflow-step-api:724.v538c2362b_dfb_, read at jenkinsci/workflow-step-api-plugin tag 710.v3e456cc85233, the newest source at hand (724's own source was not available to compare); declarations the plugin uses, bodies throw.
 */
package org.jenkinsci.plugins.workflow.steps;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

public abstract class StepExecution implements Serializable {
    protected StepExecution(@NonNull StepContext context) {
        throw new UnsupportedOperationException();
    }

    public @NonNull StepContext getContext() {
        throw new UnsupportedOperationException();
    }

    public abstract boolean start() throws Exception;

    public void stop(@NonNull Throwable cause) throws Exception {
        throw new UnsupportedOperationException();
    }

    public void onResume() {
        throw new UnsupportedOperationException();
    }

    public @CheckForNull String getStatus() {
        throw new UnsupportedOperationException();
    }

    public boolean blocksRestart() {
        throw new UnsupportedOperationException();
    }
}
