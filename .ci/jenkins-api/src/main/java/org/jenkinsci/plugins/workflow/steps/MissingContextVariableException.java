/*
 * Compile-only stand-in. Mirrors src/main/java/org/jenkinsci/plugins/workflow/steps/MissingContextVariableException.java
 * from org.jenkins-ci.plugins.workflow:workflow-step-api:724.v538c2362b_dfb_, read at jenkinsci/workflow-step-api-plugin commit 0773c3c (716 commits; its src/main equals tag 710.v3e456cc85233), the newest source at hand (724's own source was not available to compare); only the type is declared (real package, kind, type parameters), as it appears in the signatures of completed stand-in types; bodies throw.
 */
package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;

public class MissingContextVariableException extends Exception {
    public MissingContextVariableException(@NonNull Class<?> type) {
        throw new UnsupportedOperationException();
    }
}
