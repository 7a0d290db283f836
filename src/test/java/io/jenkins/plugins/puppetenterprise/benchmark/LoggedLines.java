package io.jenkins.plugins.puppetenterprise.benchmark;

import io.jenkins.plugins.puppetenterprise.simulator.PeSimulatorMain;
import java.util.Arrays;
import java.util.List;

/**
 * What one waited-for item put in its build log, as much as the figures need: when each of the
 * workload's benchmark lines arrived, and how many lines arrived a second time (a line logged
 * twice means events read twice or an end noticed twice). Lines about PE's availability ("PE does
 * not answer …", "PE answers again …") come again with each outage and are left out. Keeps
 * hashes, not texts, so that measuring costs the side's heap little. Thread-safe.
 */
final class LoggedLines {
    private static final String MARK = "[plan] " + PeSimulatorMain.BENCHMARK_LINE;
    private static final List<String> AVAILABILITY =
            List.of("PE does not answer", "PE did not answer", "PE answers again");

    private final long[] benchmarkLineMs = new long[PeSimulatorMain.BENCHMARK_LINES];
    private int[] hashes = new int[8];
    private int count;
    private int repeated;
    private String firstRepeated;

    synchronized void log(String text, long nowMs) {
        if (AVAILABILITY.stream().anyMatch(text::startsWith)) {
            return;
        }
        int hash = text.hashCode();
        for (int i = 0; i < count; i++) {
            if (hashes[i] == hash) {
                repeated++;
                firstRepeated = firstRepeated == null ? text : firstRepeated;
                return;
            }
        }
        if (count == hashes.length) {
            hashes = Arrays.copyOf(hashes, count * 2);
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

    /** The first line logged a second time, or null. */
    synchronized String firstRepeated() {
        return firstRepeated;
    }
}
