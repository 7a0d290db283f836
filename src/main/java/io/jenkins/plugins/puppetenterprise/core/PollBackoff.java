package io.jenkins.plugins.puppetenterprise.core;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The delays between polls of one watch: from fast to slow, growing by a factor per poll up to a
 * ceiling, each delay plus a random jitter in {@code [0, jitter)} so that many watches started
 * together (or recovering from the same outage) spread out instead of polling in step.
 */
public final class PollBackoff {
    /**
     * Every 15 s plus up to 2 s of jitter, without a ramp: for work that takes minutes, as plans
     * and deploys do, fast early polls cost more requests than the seconds they save (see
     * docs/performance.md). The first poll of a watch comes at a random point within its first delay.
     */
    public static final PollBackoff DEFAULT =
            new PollBackoff(Duration.ofSeconds(15), Duration.ofSeconds(15), 1, Duration.ofSeconds(2));

    private final Duration initial;
    private final Duration max;
    private final double factor;
    private final Duration jitter;

    /**
     * @param initial the first delay
     * @param max the slowest delay (before jitter)
     * @param factor how much each delay grows over the previous one, at least 1
     * @param jitter the upper bound of the random delay added to each delay; zero for none
     */
    public PollBackoff(Duration initial, Duration max, double factor, Duration jitter) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.max = Objects.requireNonNull(max, "max");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "poll back-off needs 0 < initial <= max, got initial " + initial + " and max " + max);
        }
        if (!(factor >= 1) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("poll back-off factor must be at least 1, got " + factor);
        }
        if (jitter.isNegative()) {
            throw new IllegalArgumentException("poll back-off jitter must not be negative, got " + jitter);
        }
        this.factor = factor;
    }

    public Duration initial() {
        return initial;
    }

    /** The slowest poll interval, before jitter (the I of the performance targets). */
    public Duration max() {
        return max;
    }

    public double factor() {
        return factor;
    }

    /** The bound of the jitter added to each delay (the J of the performance targets). */
    public Duration jitter() {
        return jitter;
    }

    /**
     * The delay before poll number {@code attempt} (0 for the first poll after the start).
     *
     * @param random a source of uniformly distributed numbers in [0, 1)
     */
    public Duration delay(int attempt, DoubleSupplier random) {
        double nanos = initial.toNanos() * Math.pow(factor, Math.max(0, attempt));
        long base = (long) Math.min(nanos, max.toNanos());
        long extra = (long) (random.getAsDouble() * jitter.toNanos());
        return Duration.ofNanos(base + extra);
    }

    @Override
    public String toString() {
        return "PollBackoff[" + initial + " x" + factor + " up to " + max + " + jitter < " + jitter + "]";
    }
}
