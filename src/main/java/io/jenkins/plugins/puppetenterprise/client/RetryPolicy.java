package io.jenkins.plugins.puppetenterprise.client;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential back-off with jitter for the requests that may be repeated (idempotent GETs,
 * the token login, stop_plan, token revocation). The n-th retry waits a random time between half
 * and all of {@code min(maxDelay, initialDelay * 2^(n-1))}, so many clients do not retry in step.
 *
 * @param maxAttempts attempts in all, including the first; 1 disables retries
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    /** Five attempts over about 8 to 15 seconds. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(8));

    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("Delays must satisfy 0 <= initialDelay <= maxDelay");
        }
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} (1-based) attempts failed. */
    public Duration delayAfter(int attempt, RandomGenerator random) {
        long initial = initialDelay.toMillis();
        long cap = maxDelay.toMillis();
        long exponential = initial;
        for (int i = 1; i < attempt && exponential < cap; i++) {
            exponential *= 2;
        }
        long ceiling = Math.min(cap, exponential);
        long half = ceiling / 2;
        return Duration.ofMillis(half + (ceiling - half == 0 ? 0 : random.nextLong(ceiling - half + 1)));
    }
}
