package io.jenkins.plugins.puppetenterprise.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's figures from a journal written by hand: what counts as a final read, steady, after the outage. */
class SideFiguresTest {
    private static final long T = 1_000_000_000L; // a whole second, epoch ms
    private static final long OUTAGE_START = T + 20_000;
    private static final long OUTAGE_END = T + 30_000;

    @TempDir
    Path dir;

    private final List<String> journal = new ArrayList<>(List.of("epoch_ms,service,endpoint,method,status,path,query"));

    @Test
    void finalReadsAreRequestsAboutOneItemAfterPeFinishedItAndSteadySecondsLeaveOutWarmUpTheOutageAndItsRecovery()
            throws Exception {
        for (int i = 0; i < 20; i++) {
            list(T + 1_000 + i); // while the connections open: not steady
        }
        // Plan 7 finishes at T+5 s, deploy 3 at T+45 s (after the outage and its recovery).
        plan(T + 4_000, "7"); // a poll before its end
        plan(T + 5_100, "7"); // final reads
        events(T + 5_200, "7");
        list(T + 5_300);
        for (int i = 0; i < 12; i++) {
            list(T + 8_000 + i); // the busiest steady second: 12 list requests
        }
        for (int i = 0; i < 30; i++) {
            list(T + 21_000 + i); // during the outage: not steady
        }
        for (int i = 0; i < 25; i++) {
            list(T + 31_000 + i); // in the recovery: not steady, but after the outage
        }
        for (int i = 0; i < 15; i++) {
            deploy(T + 46_000 + i, "3"); // final reads of work that ended after the outage
        }
        deploy(T + 46_500, "3");
        list(T + 46_600);
        deploy(T + 47_000, "3"); // after its watch ended at T+46.9 s
        list(T + 2_000_000); // after the side ended: not counted

        SideResult result = new SideResult(
                10,
                5,
                List.of("pe-watch-"),
                1024,
                Map.of(
                        "7", new SideResult.Job(T, T + 5_400, "SUCCESS", 0, new long[] {T + 2_000, T + 3_000, 0}),
                        "deploy-3", new SideResult.Job(T, T + 46_900, "SUCCESS", 1, new long[0])));
        SideFigures f = figures(result, Map.of("7", T + 5_000, "deploy-3", T + 45_000), Map.of("7", new long[] {
            T + 1_000, T + 2_500, T + 4_000
        }));

        assertThat(f.requests()).isEqualTo(20 + 1 + 2 + 1 + 12 + 30 + 25 + 16 + 1 + 1);
        assertThat(f.finalReads()).isEqualTo(2 + 16 + 1);
        assertThat(f.listRequests()).isEqualTo(20 + 1 + 12 + 30 + 25 + 1);
        assertThat(f.busiestSteady()).isEqualTo(17);
        assertThat(f.busiestSteadyLessFinal()).as("the 12 list requests").isEqualTo(12);
        assertThat(f.busiestAfterOutage()).as("the recovery's second").isEqualTo(25);
        assertThat(f.busiestAfterOutageLessFresh()).isEqualTo(25);
        assertThat(f.afterWatchEnded()).isEqualTo(1);
        assertThat(f.delaysMs()).containsExactly(400L, 1_900L);
        assertThat(f.deployDelaysMs()).containsExactly(1_900L);
        assertThat(f.repeated()).isEqualTo(1);
        assertThat(f.lineDelaysMs())
                .as("from PE's time or the watch's start, if later")
                .containsExactly(500L, 1_000L);
        assertThat(f.linesMissing()).isEqualTo(1);
    }

    @Test
    void theWarmUpCountsFromTheSidesFirstRequestNotFromItsStart() throws Exception {
        // the side's JVM sets up its watches for 6 s before its first request; its connections open from then on
        for (int i = 0; i < 25; i++) {
            list(T + 6_000 + 30 * i); // T+6 s to T+6.72 s: within 5 s of the first request, not steady
        }
        for (int i = 0; i < 9; i++) {
            list(T + 12_100 + i); // T+12 s: steady
        }
        SideResult result = new SideResult(10, 5, List.of("pe-watch-"), 1024, Map.of());
        SideFigures f = figures(result, Map.of(), Map.of());

        assertThat(f.busiestSteadyLessFinal())
                .as("the 9 requests of T+12 s, not the 25 of the side's first second of requests")
                .isEqualTo(9);
    }

    @Test
    void aPuppetRunsReadsAfterItsEndAreFinalReadsTheJobListingIsAListRequestAndItsDelayHasItsOwnRow() throws Exception {
        // Puppet run 20001 finishes at T+10 s; plan job 20001 (numbered apart in PE) at T+50 s.
        jobEvents(T + 6_000, "20001"); // a poll before its end: about it, not final
        jobs(T + 10_200); // the sweep's GET /jobs
        job(T + 10_300, "20001"); // final reads: state, events, nodes
        plan(T + 10_350, "20001"); // the plan job of the same number has not ended
        jobEvents(T + 10_400, "20001");
        jobNodes(T + 10_500, "20001");
        jobNodes(T + 10_700, "20001"); // after its watch ended at T+10.6 s

        SideResult result = new SideResult(
                10,
                5,
                List.of("pe-watch-"),
                1024,
                Map.of(
                        "job-20001", new SideResult.Job(T, T + 10_600, "SUCCESS", 0, new long[0]),
                        "20001", new SideResult.Job(T, T + 50_300, "SUCCESS", 0, new long[3])));
        SideFigures f = figures(result, Map.of("job-20001", T + 10_000, "20001", T + 50_000), Map.of());

        assertThat(f.requests()).isEqualTo(7);
        assertThat(f.finalReads())
                .as("state, events and nodes after its end, and the late one")
                .isEqualTo(4);
        assertThat(f.listRequests()).as("GET /jobs").isEqualTo(1);
        assertThat(f.afterWatchEnded()).isEqualTo(1);
        assertThat(f.delaysMs()).containsExactly(300L, 600L);
        assertThat(f.jobDelaysMs()).containsExactly(600L);
        assertThat(f.deployDelaysMs()).isEmpty();
        assertThat(f.clearOfOutageDelaysMs()).containsExactly(300L, 600L);
    }

    @Test
    void theTimePeAnsweredOnly503IsLeftOutOfTheDelayToNotice() throws Exception {
        SideResult result = new SideResult(
                10,
                5,
                List.of("pe-watch-"),
                1024,
                Map.of("9", new SideResult.Job(T, T + 32_000, "SUCCESS", 0, new long[3])));
        SideFigures f = figures(result, Map.of("9", T + 18_000), Map.of());

        assertThat(f.delaysMs()).containsExactly(4_000L);
        assertThat(f.endedInOutage()).isEqualTo(1);
        assertThat(f.clearOfOutageDelaysMs()).isEmpty();
    }

    private SideFigures figures(SideResult result, Map<String, Long> finishes, Map<String, long[]> lines)
            throws Exception {
        Path file = dir.resolve("journal.csv");
        Files.write(file, journal);
        Path resultFile = dir.resolve("result.txt");
        result.write(resultFile);
        return SideFigures.compute(
                file, SideResult.read(resultFile), finishes, lines, T, T + 60_000, OUTAGE_START, OUTAGE_END);
    }

    private void plan(long at, String name) {
        journal.add(at + ",ORCHESTRATOR,PLAN_JOB,GET,200,/orchestrator/v1/plan_jobs/" + name + ",");
    }

    private void events(long at, String name) {
        journal.add(
                at + ",ORCHESTRATOR,PLAN_JOB_EVENTS,GET,200,/orchestrator/v1/plan_jobs/" + name + "/events,start=0");
    }

    private void deploy(long at, String id) {
        journal.add(at + ",CODE_MANAGER,DEPLOYS_STATUS,GET,200,/code-manager/v1/deploys/status,id=" + id);
    }

    private void job(long at, String name) {
        journal.add(at + ",ORCHESTRATOR,JOB,GET,200,/orchestrator/v1/jobs/" + name + ",");
    }

    private void jobEvents(long at, String name) {
        journal.add(at + ",ORCHESTRATOR,JOB_EVENTS,GET,200,/orchestrator/v1/jobs/" + name + "/events,start=0");
    }

    private void jobNodes(long at, String name) {
        journal.add(at + ",ORCHESTRATOR,JOB_NODES,GET,200,/orchestrator/v1/jobs/" + name + "/nodes,");
    }

    private void jobs(long at) {
        journal.add(at + ",ORCHESTRATOR,JOBS,GET,200,/orchestrator/v1/jobs,min_finish_timestamp=x&order=asc");
    }

    private void list(long at) {
        journal.add(at + ",ORCHESTRATOR,PLAN_JOBS,GET,200,/orchestrator/v1/plan_jobs,min_finish_timestamp=x&order=asc");
    }
}
