package io.jenkins.plugins.puppetenterprise.core;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few threads every watch of a JVM shares. Watches only schedule short steps on them (never
 * a blocking call), so two threads serve thousands of waiting builds.
 */
public final class WatchThreads {
    /** Prefix of the names of the threads {@link #newScheduler(int)} starts. */
    public static final String THREAD_NAME_PREFIX = "pe-watch-";

    private WatchThreads() {}

    /** A scheduler with {@code threads} daemon threads named {@value #THREAD_NAME_PREFIX}N. */
    public static ScheduledExecutorService newScheduler(int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, THREAD_NAME_PREFIX + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads, factory);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
