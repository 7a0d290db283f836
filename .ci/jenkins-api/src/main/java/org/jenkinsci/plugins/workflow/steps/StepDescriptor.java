/*
 * Compile-only stand-in. Mirrors src/main/java/org/jenkinsci/plugins/workflow/steps/StepDescriptor.java
 * from org.jenkins-ci.plugins.workflow:workflow-step-api:724.v538c2362b_dfb_, read at jenkinsci/workflow-step-api-plugin commit 0773c3c (716 commits; its src/main equals tag 710.v3e456cc85233), the newest source at hand (724's own source was not available to compare); complete: every public and protected member (static and nested ones too) and the real supertypes, bodies throw.
 */
package org.jenkinsci.plugins.workflow.steps;
import hudson.ExtensionList;
import hudson.model.Descriptor;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

public abstract class StepDescriptor extends Descriptor<Step> {
    public abstract Set<? extends Class<?>> getRequiredContext();

    public Set<? extends Class<?>> getProvidedContext() {
        throw new UnsupportedOperationException();
    }

    public abstract String getFunctionName();

    public boolean takesImplicitBlockArgument() {
        throw new UnsupportedOperationException();
    }

    public boolean isAdvanced() {
        throw new UnsupportedOperationException();
    }

    public boolean isMetaStep() {
        throw new UnsupportedOperationException();
    }

    public final @Nullable Class<?> getMetaStepArgumentType() {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    public Step newInstance(Map<String,Object> arguments) throws Exception {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    public Map<String,Object> defineArguments(Step step) throws UnsupportedOperationException {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    public UninstantiatedDescribable uninstantiate(Step step) throws UnsupportedOperationException {
        throw new UnsupportedOperationException();
    }

    public final void checkContextAvailability(StepContext c) throws MissingContextVariableException, IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public static ExtensionList<StepDescriptor> all() {
        throw new UnsupportedOperationException();
    }

    public static Iterable<StepDescriptor> allMeta() {
        throw new UnsupportedOperationException();
    }

    public static @Nullable StepDescriptor byFunctionName(String name) {
        throw new UnsupportedOperationException();
    }

    public static @NonNull List<StepDescriptor> metaStepsOf(String symbol) {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
        throw new UnsupportedOperationException();
    }

}
