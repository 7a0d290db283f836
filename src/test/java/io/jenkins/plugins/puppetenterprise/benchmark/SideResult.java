package io.jenkins.plugins.puppetenterprise.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one side measured in its own JVM, written to a file for the driver: peak threads, peak
 * heap after GC, and per job when watching started and when the end was noticed (epoch ms).
 */
record SideResult(
        int peakTotalThreads,
        int peakOwnThreads,
        List<String> ownPrefixes,
        long peakHeapAfterGc,
        Map<String, Job> jobs) {

    /** One waited-for job; {@code noticedMs} is 0 when its end was never noticed. */
    record Job(long startMs, long noticedMs, String verdict) {}

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
        jobs.forEach((name, job) ->
                lines.add("job " + name + " " + job.startMs() + " " + job.noticedMs() + " " + job.verdict()));
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
                case "job" -> jobs.put(f[1], new Job(Long.parseLong(f[2]), Long.parseLong(f[3]), f[4]));
                default -> throw new IOException("Unexpected line in " + file + ": " + line);
            }
        }
        return new SideResult(total, own, prefixes, heap, jobs);
    }
}
