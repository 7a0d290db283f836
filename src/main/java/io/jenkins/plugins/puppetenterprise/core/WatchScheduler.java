package io.jenkins.plugins.puppetenterprise.core;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a watch's next step after a delay. Production uses a small shared {@link
 * ScheduledExecutorService} ({@link WatchThreads}); tests use a manual scheduler driven by a fake
 * clock, so no test sleeps.
 */
@FunctionalInterface
public interface WatchScheduler {
    /** Runs {@code task} once after {@code delay}; the returned future cancels it. */
    Future<?> schedule(Runnable task, Duration delay);

    static WatchScheduler of(ScheduledExecutorService executor) {
        return (task, delay) -> executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
