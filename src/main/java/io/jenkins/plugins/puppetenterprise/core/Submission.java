package io.jenkins.plugins.puppetenterprise.core;

import java.util.Objects;

/**
 * What submitting work to PE gave: a reference to watch (and to persist), or an outcome when
 * nothing was started (PE refused) or it cannot be known whether something was.
 */
public final class Submission {
    private final WatchReference reference;
    private final Outcome outcome;
    private final TextMask mask;

    private Submission(WatchReference reference, Outcome outcome, TextMask mask) {
        this.reference = reference;
        this.outcome = outcome;
        this.mask = mask;
    }

    static Submission submitted(WatchReference reference, TextMask mask) {
        return new Submission(Objects.requireNonNull(reference), null, mask);
    }

    static Submission ended(Outcome outcome) {
        return new Submission(null, Objects.requireNonNull(outcome), TextMask.NONE);
    }

    /** True when PE accepted the work and {@link #reference()} can be watched. */
    public boolean isSubmitted() {
        return reference != null;
    }

    /** The reference to persist and watch, or null when {@link #isSubmitted()} is false. */
    public WatchReference reference() {
        return reference;
    }

    /** Why nothing can be watched (FAILURE or UNKNOWN), or null when submitted. */
    public Outcome outcome() {
        return outcome;
    }

    /** Masks sensitive parameter values; pass it to the watch in the same process. Never persist it. */
    public TextMask mask() {
        return mask;
    }

    @Override
    public String toString() {
        return isSubmitted() ? "Submission[" + reference + "]" : "Submission[" + outcome + "]";
    }
}
