package io.jenkins.plugins.puppetenterprise.jenkins;

import hudson.AbortException;
import java.util.function.Supplier;

/** Turns the core's input problems into a build failure with the same words. */
public final class StepInput {
    private StepInput() {}

    public static <T> T orAbort(Supplier<T> input) throws AbortException {
        try {
            return input.get();
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }
}
