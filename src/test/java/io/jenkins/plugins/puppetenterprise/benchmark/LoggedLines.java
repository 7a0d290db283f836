package io.jenkins.plugins.puppetenterprise.benchmark;

import io.jenkins.plugins.puppetenterprise.simulator.PeSimulatorMain;

/**
 * What one waited-for item put in its build log, as much as the figures need: when each of the
 * workload's benchmark lines arrived, and how many lines arrived a second time (a line logged
 * twice means events read twice or an end noticed twice). Keeps hashes, not texts, so that
 * measuring costs the side's heap little. Thread-safe.
 */
final class LoggedLines {
    private static final String MARK = "[plan] " + PeSimulatorMain.BENCHMARK_LINE;

    private final long[] benchmarkLineMs = new long[PeSimulatorMain.BENCHMARK_LINES];
    private int[] hashes = new int[8];
    private int count;
    private int repeated;

    synchronized void log(String text, long nowMs) {
        int hash = text.hashCode();
        for (int i = 0; i < count; i++) {
            if (hashes[i] == hash) {
                repeated++;
                return;
            }
        }
        if (count == hashes.length) {
            hashes = java.util.Arrays.copyOf(hashes, count * 2);
        }
        hashes[count++] = hash;
        if (text.startsWith(MARK)) {
            int k = Integer.parseInt(text.substring(MARK.length()).strip());
            if (k >= 1 && k <= benchmarkLineMs.length) {
                benchmarkLineMs[k - 1] = nowMs;
            }
        }
    }

    /** Per benchmark line (from the first), when it was logged (epoch ms), or 0. */
    synchronized long[] benchmarkLineMs() {
        return benchmarkLineMs.clone();
    }

    synchronized int repeated() {
        return repeated;
    }
}
