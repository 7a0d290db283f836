package io.jenkins.plugins.puppetenterprise.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Samples what waiting costs inside one side's JVM: live threads (all, and those whose names start
 * with the side's own prefixes) every 200 ms, and the heap in use right after a full collection
 * it asks for every 10 s. Its own thread ({@code bench-sampler}) counts among all threads.
 */
final class ResourceSampler implements AutoCloseable {
    private static final long SAMPLE_MILLIS = 200;
    private static final long GC_EVERY_MILLIS = 10_000;

    private final List<String> ownPrefixes;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread thread;
    private volatile boolean running = true;
    private int peakOwnThreads;
    private long peakHeapAfterGc;

    ResourceSampler(List<String> ownPrefixes) {
        this.ownPrefixes = ownPrefixes;
        threads.resetPeakThreadCount();
        thread = new Thread(this::run, "bench-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long nextGc = System.currentTimeMillis() + GC_EVERY_MILLIS;
        while (running) {
            sampleThreads();
            if (System.currentTimeMillis() >= nextGc) {
                sampleHeapAfterGc();
                nextGc += GC_EVERY_MILLIS;
            }
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sampleThreads() {
        int own = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            if (info != null && ownPrefixes.stream().anyMatch(info.getThreadName()::startsWith)) {
                own++;
            }
        }
        peakOwnThreads = Math.max(peakOwnThreads, own);
    }

    /** Measures now (also at the end, so short runs get at least one figure). */
    synchronized void sampleHeapAfterGc() {
        System.gc();
        peakHeapAfterGc = Math.max(peakHeapAfterGc, memory.getHeapMemoryUsage().getUsed());
    }

    synchronized int peakOwnThreads() {
        return peakOwnThreads;
    }

    int peakTotalThreads() {
        return threads.getPeakThreadCount();
    }

    synchronized long peakHeapAfterGc() {
        return peakHeapAfterGc;
    }

    @Override
    public void close() throws InterruptedException {
        sampleThreads();
        running = false;
        thread.interrupt();
        thread.join();
    }
}
