package io.jenkins.plugins.puppetenterprise.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one side measured in its own JVM, written to a file for the driver: peak threads, peak
 * heap after GC, and per work item ({@link WorkItem#key()}) when watching started, when the end was
 * noticed and when each benchmark line was logged (epoch ms).
 */
record SideResult(
        int peakTotalThreads,
        int peakOwnThreads,
        List<String> ownPrefixes,
        long peakHeapAfterGc,
        Map<String, Job> jobs) {

    /**
     * One waited-for item.
     *
     * @param noticedMs 0 when its end was never noticed
     * @param repeatedLines how many lines its log got a second time
     * @param lineMs per benchmark line, when it was logged, or 0 (empty for deploys)
     */
    record Job(long startMs, long noticedMs, String verdict, int repeatedLines, long[] lineMs) {}

    static SideResult of(ResourceSampler sampler, List<String> ownPrefixes, Map<String, Job> jobs) {
        return new SideResult(
                sampler.peakTotalThreads(), sampler.peakOwnThreads(), ownPrefixes, sampler.peakHeapAfterGc(), jobs);
    }

    void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("threads_total " + peakTotalThreads);
        lines.add("threads_own " + peakOwnThreads);
        lines.add("own_prefixes " + String.join(",", ownPrefixes));
        lines.add("heap_after_gc " + peakHeapAfterGc);
        jobs.forEach((key, job) -> lines.add("job " + key + " " + job.startMs() + " " + job.noticedMs() + " "
                + job.verdict() + " " + job.repeatedLines() + " "
                + (job.lineMs().length == 0
                        ? "-"
                        : Arrays.stream(job.lineMs()).mapToObj(Long::toString).collect(Collectors.joining(",")))));
        Files.write(file, lines);
    }

    static SideResult read(Path file) throws IOException {
        int total = 0;
        int own = 0;
        long heap = 0;
        List<String> prefixes = List.of();
        Map<String, Job> jobs = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "threads_total" -> total = Integer.parseInt(f[1]);
                case "threads_own" -> own = Integer.parseInt(f[1]);
                case "own_prefixes" -> prefixes = List.of(f[1].split(","));
                case "heap_after_gc" -> heap = Long.parseLong(f[1]);
                case "job" ->
                    jobs.put(
                            f[1],
                            new Job(
                                    Long.parseLong(f[2]),
                                    Long.parseLong(f[3]),
                                    f[4],
                                    Integer.parseInt(f[5]),
                                    f[6].equals("-")
                                            ? new long[0]
                                            : Arrays.stream(f[6].split(","))
                                                    .mapToLong(Long::parseLong)
                                                    .toArray()));
                default -> throw new IOException("Unexpected line in " + file + ": " + line);
            }
        }
        return new SideResult(total, own, prefixes, heap, jobs);
    }
}
