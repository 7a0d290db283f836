/*
 * Compile-only stand-in. Mirrors src/main/java/org/jenkinsci/plugins/workflow/steps/EnvironmentExpander.java
 * from org.jenkins-ci.plugins.workflow:workflow-step-api:724.v538c2362b_dfb_, read at jenkinsci/workflow-step-api-plugin tag 710.v3e456cc85233, the newest source at hand; declarations the plugin uses, bodies throw.
 */
package org.jenkinsci.plugins.workflow.steps;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import java.io.IOException;
import java.io.Serializable;
import java.util.Set;

public abstract class EnvironmentExpander implements Serializable {
    public abstract void expand(@NonNull EnvVars env) throws IOException, InterruptedException;

    public @NonNull Set<String> getSensitiveVariables() {
        throw new UnsupportedOperationException();
    }
}
