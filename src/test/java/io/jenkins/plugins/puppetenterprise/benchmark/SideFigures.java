package io.jenkins.plugins.puppetenterprise.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one side, from the simulator's request journal (what reached PE) and the side's
 * own measurements. Only the side's requests count: {@code GET /plan_jobs/<id>},
 * {@code GET /plan_jobs/<id>/events} and the sweeps' {@code GET /plan_jobs} between its start and end.
 *
 * @param requests HTTP requests (state GETs, events GETs and sweep GETs)
 * @param sweepRequests the list requests that tell every watch whose job ended
 * @param polls rounds of requests for one job, a new round starting after a gap of over a second
 * @param watchedJobSeconds the sum over jobs of the time from the start of watching to the job's end
 * @param delaysMs per job noticed, the time from its end to the side noticing it, less the part of
 *     that time during which PE answered only 503 (nobody can notice anything then), sorted
 * @param endedInOutage jobs whose time from end to noticed overlapped the outage
 * @param notNoticed jobs whose end was not noticed before the side gave up
 * @param steadyRate requests per second over the 30 s before the outage
 * @param busiestSecondFromOutage the most requests in one second from the outage's start to the end
 */
record SideFigures(
        SideResult result,
        long requests,
        long stateRequests,
        long eventRequests,
        long sweepRequests,
        long polls,
        double watchedJobSeconds,
        List<Long> delaysMs,
        int endedInOutage,
        int notNoticed,
        double steadyRate,
        long busiestSecondFromOutage) {

    private static final String JOBS_PATH = "/orchestrator/v1/plan_jobs/";

    static SideFigures compute(
            Path journal,
            SideResult result,
            Map<String, Long> finishMs,
            long sideStartMs,
            long sideEndMs,
            long outageStartMs,
            long outageEndMs)
            throws IOException {
        long state = 0;
        long events = 0;
        long sweeps = 0;
        Map<String, List<Long>> perJob = new TreeMap<>();
        Map<Long, Long> perSecond = new TreeMap<>();
        for (String line : Files.readAllLines(journal)
                .subList(1, Files.readAllLines(journal).size())) {
            String[] f = line.split(",", 6);
            long at = Long.parseLong(f[0]);
            if (at < sideStartMs || at > sideEndMs || !f[3].equals("GET")) {
                continue;
            }
            if (f[2].equals("PLAN_JOB")) {
                state++;
            } else if (f[2].equals("PLAN_JOB_EVENTS")) {
                events++;
            } else if (f[2].equals("PLAN_JOBS")) {
                sweeps++;
                perSecond.merge(at / 1000, 1L, Long::sum);
                continue;
            } else {
                continue;
            }
            String job = f[5].substring(JOBS_PATH.length()).split("/")[0];
            perJob.computeIfAbsent(job, k -> new ArrayList<>()).add(at);
            perSecond.merge(at / 1000, 1L, Long::sum);
        }
        long polls = 0;
        for (List<Long> times : perJob.values()) {
            Collections.sort(times);
            long previous = Long.MIN_VALUE;
            for (long t : times) {
                if (previous == Long.MIN_VALUE || t - previous > 1000) {
                    polls++;
                }
                previous = t;
            }
        }
        double watched = 0;
        List<Long> delays = new ArrayList<>();
        int inOutage = 0;
        int notNoticed = 0;
        for (Map.Entry<String, SideResult.Job> e : result.jobs().entrySet()) {
            long finish = finishMs.get(e.getKey());
            SideResult.Job job = e.getValue();
            watched += Math.max(0, finish - job.startMs()) / 1000.0;
            if (job.noticedMs() == 0) {
                notNoticed++;
            } else {
                long overlap = Math.max(0, Math.min(job.noticedMs(), outageEndMs) - Math.max(finish, outageStartMs));
                inOutage += overlap > 0 ? 1 : 0;
                delays.add(job.noticedMs() - finish - overlap);
            }
        }
        Collections.sort(delays);
        long steadyFrom = outageStartMs / 1000 - 30;
        long steadySum = 0;
        for (long s = steadyFrom; s < outageStartMs / 1000; s++) {
            steadySum += perSecond.getOrDefault(s, 0L);
        }
        long busiest = perSecond.entrySet().stream()
                .filter(e -> e.getKey() >= outageStartMs / 1000)
                .mapToLong(Map.Entry::getValue)
                .max()
                .orElse(0);
        return new SideFigures(
                result,
                state + events + sweeps,
                state,
                events,
                sweeps,
                polls,
                watched,
                delays,
                inOutage,
                notNoticed,
                steadySum / 30.0,
                busiest);
    }

    /** The delay at quantile {@code q} (nearest rank), or -1 without any. */
    long delayQuantile(double q) {
        if (delaysMs.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(q * delaysMs.size());
        return delaysMs.get(Math.max(0, Math.min(delaysMs.size() - 1, rank - 1)));
    }

    long maxDelay() {
        return delaysMs.isEmpty() ? -1 : delaysMs.get(delaysMs.size() - 1);
    }
}
