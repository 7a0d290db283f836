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

    /**
     * A watch waits for PE's answer from now until it runs the returned action (after scheduling
     * the step that handles the answer). A scheduler on a fake clock does not move the clock on
     * meanwhile; a real one ignores it.
     */
    default Runnable awaitingAnswer() {
        return () -> {};
    }

    static WatchScheduler of(ScheduledExecutorService executor) {
        return (task, delay) -> executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
