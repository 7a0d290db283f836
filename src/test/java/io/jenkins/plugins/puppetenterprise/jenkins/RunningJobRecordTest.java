package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.puppetenterprise.core.JobReference;
import io.jenkins.plugins.puppetenterprise.core.LogLine;
import io.jenkins.plugins.puppetenterprise.core.NodeProgress;
import io.jenkins.plugins.puppetenterprise.core.WatchReference;
import io.jenkins.plugins.puppetenterprise.core.WatchSink;
import io.jenkins.plugins.puppetenterprise.core.job.JobLinks;
import java.lang.reflect.Field;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A running Puppet run or task on the build page: what it shows as events arrive, and how the outcome replaces it. */
class RunningJobRecordTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final JobLinks LINKS = new JobLinks(URI.create("https://pe.example.com"));

    private static JobReference reference(String task, String job) {
        return new JobReference(
                "production",
                "pe-0123456789abcdef0123",
                NOW,
                NOW.plusSeconds(3600),
                task,
                "production",
                job,
                JobReference.NO_EVENT,
                null,
                false,
                false,
                true,
                false);
    }

    private static NodeProgress node(String name, String state, String message) {
        return new NodeProgress(name, state, message, NOW, null);
    }

    @Test
    void aRunningPuppetRunShowsItsJobLinkCountsAndNodesFailedFirst() {
        RunningJobRecord running = new RunningJobRecord("Puppet run", reference(null, "81"), LINKS, NOW);
        running.node(node("web01", "running", "Started puppet run on web01 ..."));
        running.node(node("web02", "running", "Started puppet run on web02 ..."));
        running.node(node("web01", "finished", "Finished puppet run on web01 - Success!"));
        running.node(node("web03", "errored", "web03 is not connected to the PCP broker"));

        PeOperationRecord shown = running.snapshot();

        assertThat(shown.getOperation()).isEqualTo("Puppet run");
        assertThat(shown.getServer()).isEqualTo("production");
        assertThat(shown.getTarget()).isEqualTo("Puppet run (job 81)");
        assertThat(shown.getStatus()).isEqualTo("running");
        assertThat(shown.getConsoleUrl()).isEqualTo("https://pe.example.com/#/run/jobs/81");
        assertThat(shown.getDetails()).isEqualTo("1 finished, 1 running, 1 errored");
        assertThat(shown.getNodes())
                .extracting(PeNodeRecord::getName, PeNodeRecord::getState, PeNodeRecord::getDetails)
                .containsExactly(
                        tuple("web03", "errored", "web03 is not connected to the PCP broker"),
                        tuple("web01", "finished", "Finished puppet run on web01 - Success!"),
                        tuple("web02", "running", "Started puppet run on web02 ..."));
        assertThat(shown.getNodes())
                .allSatisfy(n -> assertThat(n.getReportUrl())
                        .as("documented events carry no report links")
                        .isNull());
        assertThat(shown.getNodesOmitted()).isZero();
    }

    @Test
    void beforeAnyEventATaskShowsItsTaskPageAndNoCounts() {
        PeOperationRecord shown = new RunningJobRecord("Task run", reference("package", "82"), LINKS, NOW).snapshot();

        assertThat(shown.getTarget()).isEqualTo("task package (job 82)");
        assertThat(shown.getConsoleUrl()).isEqualTo("https://pe.example.com/#/orchestration/tasks/task/82");
        assertThat(shown.getStatus()).isEqualTo("running");
        assertThat(shown.getDetails()).isNull();
        assertThat(shown.getNodes()).isEmpty();
        assertThat(shown.getTimestamp()).isEqualTo(NOW);
    }

    @Test
    void theTableKeepsTheBoundOfTheFinalOneFailedNodesFirst() {
        RunningJobRecord running = new RunningJobRecord("Puppet run", reference(null, "81"), LINKS, NOW);
        for (int i = 0; i < 25; i++) {
            running.node(node("ok" + i, "finished", ""));
        }
        for (int i = 0; i < 5; i++) {
            running.node(node("bad" + i, "failed", "Failed!"));
        }

        PeOperationRecord shown = running.snapshot();

        assertThat(shown.getNodes()).hasSize(PeOperationRecord.MAX_NODES);
        assertThat(shown.getNodes().subList(0, 5))
                .allSatisfy(n -> assertThat(n.getState()).isEqualTo("failed"));
        assertThat(shown.getNodes().get(5).getDetails())
                .as("no words, no details")
                .isNull();
        assertThat(shown.getNodesOmitted()).isEqualTo(30 - PeOperationRecord.MAX_NODES);
        assertThat(shown.getDetails()).isEqualTo("25 finished, 5 failed");
    }

    @Test
    void theSinkForwardsEverythingToTheLogAndLearnsTheJobsNameFoundByItsMarker() {
        List<Object> logged = new CopyOnWriteArrayList<>();
        WatchSink log = new WatchSink() {
            @Override
            public void log(LogLine line) {
                logged.add(line.plainText());
            }

            @Override
            public void progressed(WatchReference reference) {
                logged.add(reference);
            }

            @Override
            public void nodeProgressed(NodeProgress progress) {
                logged.add(progress);
            }
        };
        JobReference unnamed = reference(null, null);
        RunningJobRecord running = new RunningJobRecord("Puppet run", unnamed, LINKS, NOW);
        assertThat(running.snapshot().getTarget()).isEqualTo("Puppet run");
        assertThat(running.snapshot().getConsoleUrl()).isNull();
        WatchSink sink = running.alongside(log);

        NodeProgress web01 = node("web01", "finished", "");
        sink.log(LogLine.of("Found Puppet run job 81 by this run's marker"));
        sink.progressed(unnamed.withJob("81"));
        sink.nodeProgressed(web01);

        assertThat(logged)
                .containsExactly("Found Puppet run job 81 by this run's marker", unnamed.withJob("81"), web01);
        assertThat(running.snapshot().getTarget()).isEqualTo("Puppet run (job 81)");
        assertThat(running.snapshot().getNodes())
                .extracting(PeNodeRecord::getName)
                .containsExactly("web01");
    }

    @Test
    void theOutcomesRecordTakesThePlaceOfTheRunningOneWithItsMarker() {
        PeSummaryAction summary = new PeSummaryAction();
        PeOperationRecord deploy =
                new PeOperationRecord("Code deploy", "production", "production", "synced", null, null, NOW);
        summary.add(List.of(deploy), "pe-deploy-marker-0000000");
        RunningJobRecord running = new RunningJobRecord("Puppet run", reference(null, "81"), LINKS, NOW);
        summary.addRunning(running);
        running.node(node("web01", "finished", ""));

        assertThat(summary.getRecords())
                .extracting(PeOperationRecord::getTarget, PeOperationRecord::getStatus)
                .containsExactly(tuple("production", "synced"), tuple("Puppet run (job 81)", "running"));
        assertThat(summary.getRecords().get(1).getNodes()).hasSize(1);

        PeOperationRecord other = new PeOperationRecord("Plan run", "production", "app", "success", null, null, NOW);
        summary.add(List.of(other), "pe-another-marker-000000");
        assertThat(summary.getRecords())
                .extracting(PeOperationRecord::getStatus)
                .containsExactly("synced", "success", "running");

        PeOperationRecord ended = new PeOperationRecord(
                "Puppet run", "production", "Puppet run (job 81)", "finished", "1 finished", null, NOW);
        summary.add(List.of(ended), running.marker());
        assertThat(summary.getRecords())
                .extracting(PeOperationRecord::getStatus)
                .containsExactly("synced", "success", "finished");

        summary.removeRunning(running);
        assertThat(summary.getRecords()).hasSize(3);
    }

    @Test
    void aNodesReportLinkFromPeIsShownWhileTheJobRuns() {
        RunningJobRecord running = new RunningJobRecord("Puppet run", reference(null, "81"), LINKS, NOW);
        running.node(new NodeProgress("web01", "finished", "", NOW, "https://pe.example.com/#/cm/report/c0ffee12"));
        running.node(node("web02", "running", ""));

        assertThat(running.snapshot().getNodes())
                .extracting(PeNodeRecord::getName, PeNodeRecord::getReportUrl)
                .containsExactly(tuple("web01", "https://pe.example.com/#/cm/report/c0ffee12"), tuple("web02", null));
    }

    @Test
    void thePageRefreshesWhileSomethingRunsAndNotOnceTheOutcomeTookItsPlace() {
        PeSummaryAction summary = new PeSummaryAction();
        summary.add(
                List.of(new PeOperationRecord("Code deploy", "production", "production", "synced", null, null, NOW)),
                "pe-deploy-marker-0000000");
        assertThat(summary.getShown().isRunning()).isFalse();
        RunningJobRecord running = new RunningJobRecord("Puppet run", reference(null, "81"), LINKS, NOW);
        summary.addRunning(running);

        PeSummaryAction.Shown whileRunning = summary.getShown();
        assertThat(whileRunning.isRunning()).isTrue();
        assertThat(whileRunning.getRecords())
                .extracting(PeOperationRecord::getStatus)
                .containsExactly("synced", "running");

        summary.add(
                List.of(new PeOperationRecord(
                        "Puppet run", "production", "Puppet run (job 81)", "finished", null, null, NOW)),
                running.marker());
        PeSummaryAction.Shown ended = summary.getShown();
        assertThat(ended.isRunning()).isFalse();
        assertThat(ended.getRecords()).extracting(PeOperationRecord::getStatus).containsExactly("synced", "finished");
    }

    @Test
    void aWatchThatEndsWithoutARecordTakesItsRunningLineAway() {
        PeSummaryAction summary = new PeSummaryAction();
        RunningJobRecord running = new RunningJobRecord("Puppet run", reference(null, "81"), LINKS, NOW);
        summary.addRunning(running);
        summary.removeRunning(running);

        assertThat(summary.getRecords()).isEmpty();
    }

    /** XStream makes the action without its field initializers: a build loaded from disk has no running list. */
    @Test
    void anActionLoadedFromBuildXmlShowsItsRecordsAndTakesRunningOnes() throws Exception {
        Field unsafeField = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
        unsafeField.setAccessible(true);
        Object unsafe = unsafeField.get(null);
        PeSummaryAction loaded = (PeSummaryAction)
                unsafe.getClass().getMethod("allocateInstance", Class.class).invoke(unsafe, PeSummaryAction.class);
        Field records = PeSummaryAction.class.getDeclaredField("records");
        records.setAccessible(true);
        records.set(
                loaded,
                new java.util.ArrayList<>(List.of(
                        new PeOperationRecord("Code deploy", "production", "production", "synced", null, null, NOW))));

        assertThat(loaded.getRecords()).hasSize(1);
        loaded.addRunning(new RunningJobRecord("Puppet run", reference(null, "81"), LINKS, NOW));
        assertThat(loaded.getRecords()).extracting(PeOperationRecord::getStatus).containsExactly("synced", "running");
    }

    @Test
    void eventsArrivingWhilePagesRenderNeitherFailNorLoseNodes() throws Exception {
        PeSummaryAction summary = new PeSummaryAction();
        RunningJobRecord running = new RunningJobRecord("Puppet run", reference(null, "81"), LINKS, NOW);
        summary.addRunning(running);
        AtomicBoolean done = new AtomicBoolean();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Thread page = new Thread(() -> {
            try {
                while (!done.get()) {
                    summary.getRecords().forEach(PeOperationRecord::getNodes);
                }
            } catch (RuntimeException e) {
                failures.add(e);
            }
        });
        page.start();
        for (int i = 0; i < 5000; i++) {
            running.node(node("node" + i, "running", ""));
            running.node(node("node" + i, i % 10 == 0 ? "failed" : "finished", ""));
        }
        done.set(true);
        page.join();

        assertThat(failures).isEmpty();
        assertThat(summary.getRecords().get(0).getDetails()).isEqualTo("500 failed, 4500 finished");
    }
}
