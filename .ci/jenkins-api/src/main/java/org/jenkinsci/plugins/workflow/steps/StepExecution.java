/*
 * Compile-only stand-in. Mirrors src/main/java/org/jenkinsci/plugins/workflow/steps/StepExecution.java
 * from org.jenkins-ci.plugins.workflow:workflow-step-api:724.v538c2362b_dfb_, read at jenkinsci/workflow-step-api-plugin commit 0773c3c (716 commits; its src/main equals tag 710.v3e456cc85233), the newest source at hand (724's own source was not available to compare); complete: every public and protected member (static and nested ones too) and the real supertypes, bodies throw.
 */
package org.jenkinsci.plugins.workflow.steps;
import com.google.common.base.Function;
import com.google.common.util.concurrent.ListenableFuture;
import java.io.Serializable;
import java.util.concurrent.TimeUnit;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.function.Consumer;

public abstract class StepExecution implements Serializable {
    @Deprecated
    protected StepExecution() {
        throw new UnsupportedOperationException();
    }

    protected StepExecution(@NonNull StepContext context) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public StepContext getContext() {
        throw new UnsupportedOperationException();
    }

    public abstract boolean start() throws Exception;

    public void stop(@NonNull Throwable cause) throws Exception {
        throw new UnsupportedOperationException();
    }

    public void onResume() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public String getStatus() {
        throw new UnsupportedOperationException();
    }

    public boolean blocksRestart() {
        throw new UnsupportedOperationException();
    }

    public final @CheckForNull String getStatusBounded(long timeout, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    public static ListenableFuture<?> acceptAll(Consumer<StepExecution> c) {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    public static ListenableFuture<?> applyAll(Function<StepExecution, Void> f) {
        throw new UnsupportedOperationException();
    }

    public static <T extends StepExecution> ListenableFuture<?> acceptAll(Class<T> type, Consumer<T> c) {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    public static <T extends StepExecution> ListenableFuture<?> applyAll(Class<T> type, Function<T, Void> f) {
        throw new UnsupportedOperationException();
    }

}
