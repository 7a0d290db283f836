package io.jenkins.plugins.puppetenterprise.core.input;

import java.time.Duration;
import java.util.List;

/** The limits every front end applies to how long a step waits, so all of them agree. */
public final class WaitTimeouts {
    /** How long a deploy is waited for when the user sets no wait timeout. */
    public static final Duration DEFAULT_DEPLOY_WAIT = Duration.ofHours(1);
    /** How long a plan run is waited for when the user sets no wait timeout. */
    public static final Duration DEFAULT_PLAN_WAIT = Duration.ofHours(6);
    /** The longest wait anyone may ask for; longer is almost certainly a unit mistake. */
    public static final Duration MAX_WAIT = Duration.ofDays(7);

    private WaitTimeouts() {}

    /** The wait timeout to use, adding a problem for {@code field} when the value is unusable. */
    public static Duration check(String field, Duration requested, Duration fallback, List<InputProblem> problems) {
        if (requested == null) {
            return fallback;
        }
        if (requested.isNegative() || requested.isZero()) {
            problems.add(new InputProblem(
                    field, "must be positive, got " + requested.toSeconds() + " s: give the longest time to wait"));
            return fallback;
        }
        if (requested.compareTo(MAX_WAIT) > 0) {
            problems.add(new InputProblem(
                    field,
                    requested.toSeconds() + " s is more than the maximum of 7 days: check the unit and give a"
                            + " shorter time"));
            return fallback;
        }
        return requested;
    }
}
