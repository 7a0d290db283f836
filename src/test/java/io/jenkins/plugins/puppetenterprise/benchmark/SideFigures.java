package io.jenkins.plugins.puppetenterprise.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one side, from the simulator's request journal (every request that reached PE
 * while the side ran, whatever its endpoint or answer), the work's end times and the side's own
 * measurements. A request is about one item when it reads a plan job's state or events, one
 * deploy's status ({@code GET /deploys/status?id=}) or a Puppet-run job's state, events, nodes or
 * report; a <em>final read</em> is such a request sent after PE finished the item. Every other
 * request (the sweeps' lists, {@code GET /jobs} among them, the whole deploy status) is a list
 * request. "Steady" seconds are those of the side's run from 5 s after its first request (while the
 * watches open their connections, requests admitted in one second may reach PE in the next) and
 * outside the outage and the 10 s after it.
 *
 * @param requests every request while the side ran
 * @param finalReads requests about one item after PE finished it
 * @param listRequests requests about no single item
 * @param steadyRate mean requests per steady second
 * @param busiestSteady the most requests in one steady second
 * @param busiestSteadyLessFinal the most requests in one steady second less that second's final reads
 * @param busiestAfterOutage the most requests in one second from the outage's end on
 * @param busiestAfterOutageLessFresh the same less that second's final reads of work that ended after the outage
 * @param delaysMs per item noticed, the time from its end (or its watch's start, if later) to the
 *     side noticing it, less the part of that time during which PE answered only 503 (nobody can
 *     notice anything then), sorted
 * @param deployDelaysMs the same for deploys only
 * @param jobDelaysMs the same for Puppet runs only
 * @param clearOfOutageDelaysMs the same for the items whose time from end to noticed did not
 *     overlap the outage (the drain after it included)
 * @param endedInOutage items whose time from end to noticed overlapped the outage
 * @param notNoticed items whose end was not noticed before the side gave up
 * @param repeated items whose log got a line twice
 * @param afterWatchEnded requests about an item that reached PE after its watch had ended
 * @param lineDelaysMs per benchmark line logged, from PE recording it (or the watch's start, if
 *     later) to the side logging it, less the outage's part, sorted
 * @param linesMissing benchmark lines PE recorded that the side never logged
 */
record SideFigures(
        SideResult result,
        long requests,
        long finalReads,
        long listRequests,
        double steadyRate,
        long busiestSteady,
        long busiestSteadyLessFinal,
        long busiestAfterOutage,
        long busiestAfterOutageLessFresh,
        List<Long> delaysMs,
        List<Long> deployDelaysMs,
        List<Long> jobDelaysMs,
        List<Long> clearOfOutageDelaysMs,
        int endedInOutage,
        int notNoticed,
        int repeated,
        long afterWatchEnded,
        List<Long> lineDelaysMs,
        int linesMissing) {

    private static final String PLAN_JOBS_PATH = "/orchestrator/v1/plan_jobs/";
    private static final String JOBS_PATH = "/orchestrator/v1/jobs/";
    /** After an outage, the seconds until the watches are back to their rhythm do not count as steady. */
    private static final long RECOVERY_MS = 10_000;
    /**
     * The first seconds of a side's requests, while its HTTP client opens its connections, do not
     * count as steady: counted from its first request, since setting up 10,000 watches can take
     * longer than this.
     */
    private static final long WARM_UP_MS = 5_000;

    /**
     * @param finishMs per item key, when PE finished it
     * @param lineEventMs per plan job, when PE recorded each of its benchmark lines (0: not recorded)
     */
    static SideFigures compute(
            Path journal,
            SideResult result,
            Map<String, Long> finishMs,
            Map<String, long[]> lineEventMs,
            long sideStartMs,
            long sideEndMs,
            long outageStartMs,
            long outageEndMs)
            throws IOException {
        Map<Long, long[]> perSecond = new HashMap<>(); // raw, final reads, final reads of work ended after the outage
        long requests = 0;
        long finals = 0;
        long lists = 0;
        long afterEnd = 0;
        long firstRequestMs = Long.MAX_VALUE;
        try (BufferedReader in = Files.newBufferedReader(journal)) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", 7);
                long at = Long.parseLong(f[0]);
                if (at < sideStartMs || at > sideEndMs) {
                    continue;
                }
                requests++;
                firstRequestMs = Math.min(firstRequestMs, at);
                long[] second = perSecond.computeIfAbsent(at / 1000, k -> new long[3]);
                second[0]++;
                String item = item(f[2], f[5], f.length > 6 ? f[6] : "");
                if (item == null) {
                    lists++;
                    continue;
                }
                Long finish = finishMs.get(item);
                if (finish != null && at >= finish) {
                    finals++;
                    second[1]++;
                    if (finish >= outageEndMs) {
                        second[2]++;
                    }
                }
                SideResult.Job job = result.jobs().get(item);
                if (job != null && job.noticedMs() != 0 && at > job.noticedMs()) {
                    afterEnd++;
                }
            }
        }
        long steadySeconds = 0;
        long steadySum = 0;
        long busiestSteady = 0;
        long busiestSteadyLessFinal = 0;
        long busiestAfter = 0;
        long busiestAfterLessFresh = 0;
        long warmedUpMs = (requests == 0 ? sideStartMs : firstRequestMs) + WARM_UP_MS;
        for (long s = sideStartMs / 1000; s <= sideEndMs / 1000; s++) {
            long[] second = perSecond.getOrDefault(s, new long[3]);
            boolean steady = s * 1000 >= warmedUpMs
                    && (s * 1000 + 1000 <= outageStartMs || s * 1000 >= outageEndMs + RECOVERY_MS);
            if (steady) {
                steadySeconds++;
                steadySum += second[0];
                busiestSteady = Math.max(busiestSteady, second[0]);
                busiestSteadyLessFinal = Math.max(busiestSteadyLessFinal, second[0] - second[1]);
            }
            if (s * 1000 >= outageEndMs) {
                busiestAfter = Math.max(busiestAfter, second[0]);
                busiestAfterLessFresh = Math.max(busiestAfterLessFresh, second[0] - second[2]);
            }
        }

        List<Long> delays = new ArrayList<>();
        List<Long> deployDelays = new ArrayList<>();
        List<Long> jobDelays = new ArrayList<>();
        List<Long> clearDelays = new ArrayList<>();
        List<Long> lineDelays = new ArrayList<>();
        int inOutage = 0;
        int notNoticed = 0;
        int repeated = 0;
        int linesMissing = 0;
        for (Map.Entry<String, SideResult.Job> e : result.jobs().entrySet()) {
            SideResult.Job job = e.getValue();
            repeated += job.repeatedLines() > 0 ? 1 : 0;
            long finish = finishMs.get(e.getKey());
            if (job.noticedMs() == 0) {
                notNoticed++;
            } else {
                // Work that ended before its watch started is noticed from the watch's start on.
                long from = Math.max(finish, job.startMs());
                long overlap = overlap(from, job.noticedMs(), outageStartMs, outageEndMs);
                inOutage += overlap > 0 ? 1 : 0;
                long delay = job.noticedMs() - from - overlap;
                delays.add(delay);
                if (overlap == 0) {
                    clearDelays.add(delay);
                }
                if (e.getKey().startsWith(WorkItem.key(WorkItem.Kind.DEPLOY, ""))) {
                    deployDelays.add(delay);
                } else if (e.getKey().startsWith(WorkItem.key(WorkItem.Kind.JOB, ""))) {
                    jobDelays.add(delay);
                }
            }
            long[] recorded = lineEventMs.getOrDefault(e.getKey(), new long[0]);
            for (int k = 0; k < recorded.length; k++) {
                if (recorded[k] == 0) {
                    continue;
                }
                long logged = k < job.lineMs().length ? job.lineMs()[k] : 0;
                if (logged == 0) {
                    linesMissing++;
                    continue;
                }
                long from = Math.max(recorded[k], job.startMs());
                lineDelays.add(Math.max(0, logged - from - overlap(from, logged, outageStartMs, outageEndMs)));
            }
        }
        Collections.sort(delays);
        Collections.sort(deployDelays);
        Collections.sort(jobDelays);
        Collections.sort(clearDelays);
        Collections.sort(lineDelays);
        return new SideFigures(
                result,
                requests,
                finals,
                lists,
                steadySeconds == 0 ? 0 : (double) steadySum / steadySeconds,
                busiestSteady,
                busiestSteadyLessFinal,
                busiestAfter,
                busiestAfterLessFresh,
                delays,
                deployDelays,
                jobDelays,
                clearDelays,
                inOutage,
                notNoticed,
                repeated,
                afterEnd,
                lineDelays,
                linesMissing);
    }

    /** The item a journal line is about ({@link WorkItem#key()}), or null for a list request. */
    static String item(String endpoint, String path, String query) {
        switch (endpoint) {
            case "PLAN_JOB", "PLAN_JOB_EVENTS", "PLAN_JOB_EVENT" -> {
                return path.substring(PLAN_JOBS_PATH.length()).split("/")[0];
            }
            case "JOB", "JOB_EVENTS", "JOB_NODES", "JOB_REPORT" -> {
                return WorkItem.key(
                        WorkItem.Kind.JOB, path.substring(JOBS_PATH.length()).split("/")[0]);
            }
            case "DEPLOYS_STATUS" -> {
                for (String parameter : query.split("&")) {
                    if (parameter.startsWith("id=")) {
                        return WorkItem.key(WorkItem.Kind.DEPLOY, parameter.substring(3));
                    }
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private static long overlap(long from, long to, long outageStartMs, long outageEndMs) {
        return Math.max(0, Math.min(to, outageEndMs) - Math.max(from, outageStartMs));
    }

    /** The value at quantile {@code q} (nearest rank) of sorted values, or -1 without any. */
    static long quantile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static long max(List<Long> sorted) {
        return sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1);
    }
}
