/*
 * Compile-only stand-in. Mirrors src/main/java/org/jenkinsci/plugins/workflow/steps/StepContext.java
 * from org.jenkins-ci.plugins.workflow:workflow-step-api:724.v538c2362b_dfb_, read at jenkinsci/workflow-step-api-plugin tag 710.v3e456cc85233, the newest source at hand (724's own source was not available to compare); declarations the plugin uses, bodies throw.
 * onFailure(Throwable) comes from Guava's FutureCallback, as in the real class.
 */
package org.jenkinsci.plugins.workflow.steps;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.ListenableFuture;
import edu.umd.cs.findbugs.annotations.Nullable;
import java.io.IOException;
import java.io.Serializable;

public abstract class StepContext implements FutureCallback<Object>, Serializable {
    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    @Override
    public abstract void onSuccess(@Nullable Object result);

    public abstract ListenableFuture<Void> saveState();
}
