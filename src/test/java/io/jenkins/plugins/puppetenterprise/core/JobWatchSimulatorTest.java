package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.core.job.JobInput;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.job.JobApiRelease;
import io.jenkins.plugins.puppetenterprise.simulator.job.JobScript;
import io.jenkins.plugins.puppetenterprise.simulator.job.NodeScript;
import io.jenkins.plugins.puppetenterprise.simulator.job.TaskSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Puppet runs and tasks end to end against the PE simulator over real HTTPS, on the simulator's fake clock. */
class JobWatchSimulatorTest {
    private static final List<String> WEB = List.of("web01.example.com", "web02.example.com", "web03.example.com");

    private final FakeClock clock = new FakeClock();
    private PeSimulator sim;
    private PeClient client;
    private PeSession session;
    private ManualWatchScheduler scheduler;
    private ExecutionCore core;

    @BeforeEach
    void start() {
        sim = PeSimulator.start(clock);
        sim.addUser("deployer", "pw", UserPermissions.deployer());
        WEB.forEach(node -> sim.addNode(node, "production"));
        sim.addTask(TaskSpec.named("package")
                .withParameter("action", "String[1]", null)
                .withParameter("name", "String[1]", null));
        sim.addTask(TaskSpec.named("profile::rotate")
                .withParameter("service", "String[1]", null)
                .withSensitiveParameter("secret", "String[1]"));
        sim.addTask(TaskSpec.named("profile::login")
                .withParameter("user", "String[1]", null)
                .withParameterListedSensitive("pin", "String[1]"));
        PeServiceUrls urls = PeServiceUrls.of(
                null,
                sim.rbacUrl().toString(),
                sim.codeManagerUrl().toString(),
                sim.orchestratorUrl().toString(),
                sim.consoleUrl().toString());
        client = PeClient.builder(urls, PeCaBundle.fromPem(sim.caPem())).build();
        session = client.session(PeCredentials.token(sim.issueToken("deployer", Duration.ofDays(1))));
        scheduler = new ManualWatchScheduler(clock);
        core = new ExecutionCore(scheduler, clock, PollBackoff.DEFAULT, () -> 0.5);
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    private Submission submit(JobInput input, List<LogLine> lines) throws Exception {
        return core.submitJob(session, client.urls(), "sim", input, "Jenkins demo #1", lines::add)
                .get(20, TimeUnit.SECONDS);
    }

    private Outcome watch(WatchReference reference, List<LogLine> lines, TextMask mask) throws Exception {
        Watch watch = core.watch(session, client.urls(), reference, lines::add, mask);
        scheduler.runUntil(watch.outcome());
        return watch.outcome().get();
    }

    private static List<String> texts(List<LogLine> lines) {
        return lines.stream().map(LogLine::plainText).toList();
    }

    @Test
    void puppetRunWithAFailingNodeFailsNamingItAndStreamsNodeLines() throws Exception {
        sim.scriptNextJob(JobScript.allFinishing(Duration.ofSeconds(30))
                .node("web02.example.com", NodeScript.failing(Duration.ofSeconds(50)))
                .node("web03.example.com", NodeScript.notConnected(Duration.ofSeconds(5))));
        List<LogLine> lines = new CopyOnWriteArrayList<>();
        Submission submission =
                submit(JobInput.puppetRun().nodes(WEB).concurrency(2).build(), lines);
        assertThat(submission.isSubmitted()).isTrue();
        JobReference reference = (JobReference) submission.reference();
        assertThat(reference.job()).isNotNull();
        assertThat(sim.journal().entries(PeEndpoint.DEPLOY_COMMAND).get(0).body())
                .contains("\"concurrency\":2")
                .contains("\"jenkins_run_marker\":\"" + reference.marker() + "\"")
                .contains("Jenkins demo #1 [" + reference.marker() + "]");

        Outcome outcome = watch(reference, lines, submission.mask());
        assertThat(outcome.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(outcome.summary())
                .isEqualTo("Puppet run job " + reference.job() + " finished with 2 of 3 nodes failing:"
                        + " web02.example.com (failed), web03.example.com (errored).");
        assertThat(texts(lines))
                .containsSubsequence(
                        "  web03.example.com: errored - Error running puppet on web03.example.com:"
                                + " web03.example.com is not connected to the PCP broker",
                        "  web01.example.com: finished - Finished puppet run on web01.example.com - Success!",
                        "  web02.example.com: failed - Finished puppet run on web02.example.com - Failed!");
        assertThat(outcome.result())
                .containsEntry("kind", "puppetRun")
                .containsEntry("state", "finished")
                .containsEntry("job", reference.job())
                .containsEntry("counts", Map.of("finished", 1, "failed", 1, "errored", 1));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> nodes =
                (List<Map<String, Object>>) outcome.result().get("nodes");
        assertThat(nodes)
                .extracting(n -> n.get("name"))
                .containsExactly("web02.example.com", "web03.example.com", "web01.example.com");
        assertThat((String) nodes.get(0).get("report")).startsWith(sim.consoleUrl() + "/#/cm/report/");
        assertThat(nodes.get(0)).containsEntry("status", "failed").containsEntry("failed", 1L);
        assertThat(sim.journal().count(PeEndpoint.JOB_NODES))
                .as("nodes are read once, at the end")
                .isEqualTo(1);
    }

    /** Records what the watch tells a front end, beside the log. */
    private static final class Recording implements WatchSink {
        final List<LogLine> lines = new CopyOnWriteArrayList<>();
        final List<NodeProgress> nodes = new CopyOnWriteArrayList<>();

        @Override
        public void log(LogLine line) {
            lines.add(line);
        }

        @Override
        public void nodeProgressed(NodeProgress progress) {
            nodes.add(progress);
        }
    }

    @Test
    void eachNodeStartAndEndReachesTheSinkAsItsEventArrivesOnceAndInOrder() throws Exception {
        sim.scriptNextJob(JobScript.allFinishing(Duration.ofSeconds(30))
                .node("web02.example.com", NodeScript.failing(Duration.ofMinutes(2)))
                .node("web03.example.com", NodeScript.notConnected(Duration.ofSeconds(5))));
        Recording sink = new Recording();
        Submission submission = submit(JobInput.puppetRun().nodes(WEB).build(), sink.lines);
        CompletableFuture<Void> web01Done = new CompletableFuture<>();
        Watch watch = core.watch(
                session,
                client.urls(),
                submission.reference(),
                new WatchSink() {
                    @Override
                    public void log(LogLine line) {
                        sink.log(line);
                    }

                    @Override
                    public void nodeProgressed(NodeProgress progress) {
                        sink.nodeProgressed(progress);
                        if (progress.node().equals("web01.example.com")
                                && progress.state().equals("finished")) {
                            web01Done.complete(null);
                        }
                    }
                },
                submission.mask());

        scheduler.runUntil(web01Done);
        assertThat(watch.outcome()).as("told while the job runs").isNotDone();
        assertThat(sink.nodes)
                .extracting(NodeProgress::node, NodeProgress::state)
                .contains(
                        tuple("web01.example.com", "running"),
                        tuple("web02.example.com", "running"),
                        tuple("web03.example.com", "errored"),
                        tuple("web01.example.com", "finished"))
                .doesNotContain(tuple("web02.example.com", "failed"));
        scheduler.runUntil(watch.outcome());

        assertThat(watch.outcome().get().verdict()).isEqualTo(Verdict.FAILURE);
        List<NodeProgress> ends =
                sink.nodes.stream().filter(p -> !p.state().equals("running")).toList();
        assertThat(ends)
                .extracting(NodeProgress::node, NodeProgress::state)
                .containsExactly(
                        tuple("web03.example.com", "errored"),
                        tuple("web01.example.com", "finished"),
                        tuple("web02.example.com", "failed"));
        assertThat(sink.nodes).filteredOn(p -> p.state().equals("running")).hasSize(2);
        assertThat(ends.get(0).message())
                .isEqualTo("Error running puppet on web03.example.com: web03.example.com is not connected to the PCP"
                        + " broker");
        assertThat(ends).allSatisfy(p -> assertThat(p.timestamp()).isNotNull());
    }

    @Test
    void aNodesMessageReachesTheSinkMaskedAsTheLogLineIs() throws Exception {
        sim.scriptNextJob(JobScript.allNodes(
                NodeScript.finishing(Duration.ofSeconds(5)).withMessage("Rotated nginx with s3cr3t-value")));
        Recording sink = new Recording();
        Submission submission = submit(
                JobInput.task()
                        .task("profile::rotate")
                        .nodes(WEB)
                        .parameters(Map.of("service", "nginx", "secret", "s3cr3t-value"))
                        .build(),
                sink.lines);

        Watch watch = core.watch(session, client.urls(), submission.reference(), sink, submission.mask());
        scheduler.runUntil(watch.outcome());

        assertThat(sink.nodes)
                .filteredOn(p -> p.state().equals("finished"))
                .hasSize(3)
                .allSatisfy(p -> assertThat(p.message()).isEqualTo("Rotated nginx with ****"));
        assertThat(sink.nodes.toString()).doesNotContain("s3cr3t-value");
    }

    @Test
    void aResumedWatchTellsOnceOfEveryBegunNodeFromOneNodeListReadThenOnlyOfNewEvents() throws Exception {
        sim.scriptNextJob(JobScript.allFinishing(Duration.ofMinutes(1))
                .node("web01.example.com", NodeScript.finishing(Duration.ofSeconds(5))));
        WatchReference saved = watchUntilWeb01FinishedThenLeave();
        assertThat(sim.journal().count(PeEndpoint.JOB_NODES)).isZero();

        Recording after = new Recording();
        Watch resumed = core.resume(session, client.urls(), saved, after, TextMask.NONE);
        scheduler.runUntil(resumed.outcome());

        assertThat(after.nodes)
                .as("the node list first (events before the saved cursor went to the earlier sink), then new events")
                .extracting(NodeProgress::node, NodeProgress::state)
                .containsExactly(
                        tuple("web01.example.com", "finished"),
                        tuple("web02.example.com", "running"),
                        tuple("web03.example.com", "running"),
                        tuple("web02.example.com", "finished"),
                        tuple("web03.example.com", "finished"));
        assertThat(after.nodes.get(0).reportUrl()).startsWith(sim.consoleUrl() + "/#/cm/report/");
        assertThat(after.nodes.get(1).reportUrl()).isNull();
        assertThat(texts(after.lines))
                .as("the log does not repeat the end it told before the resume")
                .noneMatch(line -> line.contains("web01.example.com: finished"))
                .anyMatch(line -> line.contains("web02.example.com: finished"));
        assertThat(sim.journal().count(PeEndpoint.JOB_NODES))
                .as("one node list read on resume, one at the end")
                .isEqualTo(2);
    }

    @Test
    void aResumedWatchWhoseJobEndedMeanwhileReadsTheNodesOnlyOnceForTheVerdict() throws Exception {
        sim.scriptNextJob(JobScript.allFinishing(Duration.ofSeconds(30))
                .node("web01.example.com", NodeScript.finishing(Duration.ofSeconds(5))));
        WatchReference saved = watchUntilWeb01FinishedThenLeave();
        clock.advance(Duration.ofMinutes(5));

        Recording after = new Recording();
        Watch resumed = core.resume(session, client.urls(), saved, after, TextMask.NONE);
        scheduler.runUntil(resumed.outcome());

        assertThat(resumed.outcome().get().verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(sim.journal().count(PeEndpoint.JOB_NODES)).isEqualTo(1);
        assertThat(after.nodes)
                .extracting(NodeProgress::node, NodeProgress::state)
                .containsExactly(tuple("web02.example.com", "finished"), tuple("web03.example.com", "finished"));
    }

    @Test
    void theResumedWatchsNodeListReadWeighsAsAFinalReadInTheBudgetAndItsLaterLogPollsAsOne() throws Exception {
        sim.scriptNextJob(JobScript.allFinishing(Duration.ofMinutes(1))
                .node("web01.example.com", NodeScript.finishing(Duration.ofSeconds(5))));
        WatchReference saved = watchUntilWeb01FinishedThenLeave();

        CompletableFuture<Void> toldOfANode = new CompletableFuture<>();
        Watch resumed = core.resume(
                session,
                client.urls(),
                saved,
                new WatchSink() {
                    @Override
                    public void log(LogLine line) {}

                    @Override
                    public void nodeProgressed(NodeProgress progress) {
                        toldOfANode.complete(null);
                    }
                },
                TextMask.NONE);
        assertThat(resumed.requestsOfPoll(false))
                .as("state and node list (all pages), as a final read")
                .isEqualTo(Watch.FINAL_READ_WEIGHT);
        scheduler.runUntil(toldOfANode);
        assertThat(sim.journal().count(PeEndpoint.JOB_NODES))
                .as("the node list read on resume")
                .isEqualTo(1);
        assertThat(resumed.requestsOfPoll(false))
                .as("a log poll, once the node list was read")
                .isEqualTo(Watch.POLL_WEIGHT);
        scheduler.runUntil(resumed.outcome());
    }

    /**
     * Watches a Puppet run on {@link #WEB} until web01 finished, then leaves it as a controller that
     * shuts down does: the reference last saved, for a resume.
     */
    private WatchReference watchUntilWeb01FinishedThenLeave() throws Exception {
        List<WatchReference> saved = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> web01Done = new CompletableFuture<>();
        Submission submission = submit(JobInput.puppetRun().nodes(WEB).build(), new CopyOnWriteArrayList<>());
        Watch first = core.watch(
                session,
                client.urls(),
                submission.reference(),
                new WatchSink() {
                    @Override
                    public void log(LogLine line) {}

                    @Override
                    public void progressed(WatchReference reference) {
                        saved.add(reference);
                    }

                    @Override
                    public void nodeProgressed(NodeProgress progress) {
                        if (progress.state().equals("finished")) {
                            web01Done.complete(null);
                        }
                    }
                },
                TextMask.NONE);
        scheduler.runUntil(web01Done);
        first.cancel(false).get(10, TimeUnit.SECONDS);
        return saved.get(saved.size() - 1);
    }

    @Test
    void noopPendingChangesAreTheirOwnOutcomeAndFailOnlyWhenAsked() throws Exception {
        sim.scriptJobs(JobScript.allNodes(NodeScript.finishing(Duration.ofSeconds(10)))
                .node(
                        "web01.example.com",
                        NodeScript.finishing(Duration.ofSeconds(10)).withResources(0, 4, 0)));
        Outcome passed = watch(
                submit(JobInput.puppetRun().nodes(WEB).noop(true).build(), new CopyOnWriteArrayList<>())
                        .reference(),
                new CopyOnWriteArrayList<>(),
                TextMask.NONE);
        assertThat(passed.verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(passed.summary()).endsWith("finished in noop mode: 4 resources would change on 1 node.");
        assertThat(passed.result()).containsEntry("pendingChanges", 4);

        Outcome failed = watch(
                submit(
                                JobInput.puppetRun()
                                        .nodes(WEB)
                                        .noop(true)
                                        .failOnPendingChanges(true)
                                        .build(),
                                new CopyOnWriteArrayList<>())
                        .reference(),
                new CopyOnWriteArrayList<>(),
                TextMask.NONE);
        assertThat(failed.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(failed.summary()).contains("4 resources would change on 1 node (failOnPendingChanges is set)");
    }

    @Test
    void taskResultsPerNodeWithErrorsAndSensitiveValuesMasked() throws Exception {
        sim.scriptNextJob(JobScript.allNodes(NodeScript.finishing(Duration.ofSeconds(5))
                        .withTaskResult(Map.of("status", "rotated", "echo", "s3cr3t-value")))
                .node(
                        "web02.example.com",
                        NodeScript.finishing(Duration.ofSeconds(5)).withTaskResult(Map.of("_output", "raw text\n")))
                .node(
                        "web03.example.com",
                        NodeScript.finishing(Duration.ofSeconds(5))
                                .withTaskResult(Map.of(
                                        "_error",
                                        Map.of("kind", "puppetlabs.tasks/task-error", "msg", "exit code 3")))));
        List<LogLine> lines = new CopyOnWriteArrayList<>();
        Submission submission = submit(
                JobInput.task()
                        .task("profile::rotate")
                        .nodes(WEB)
                        .parameters(Map.of("service", "nginx", "secret", "s3cr3t-value"))
                        .build(),
                lines);
        Outcome outcome = watch(submission.reference(), lines, submission.mask());
        assertThat(outcome.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(outcome.summary()).contains("1 of 3 nodes failing: web03.example.com (finished)");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> nodes =
                (List<Map<String, Object>>) outcome.result().get("nodes");
        assertThat(nodes.get(0)).containsEntry("name", "web03.example.com").containsEntry("error", "exit code 3");
        assertThat(nodes.get(1).get("result").toString())
                .doesNotContain("s3cr3t-value")
                .contains("rotated");
        assertThat(nodes.get(2).get("result")).isEqualTo(Map.of("_output", "raw text\n"));
        assertThat(String.join("\n", texts(lines))).doesNotContain("s3cr3t-value");
        assertThat(outcome.result().toString()).doesNotContain("s3cr3t-value");
    }

    @Test
    void aParameterOnlyTheJobListsInOptionsSensitiveIsMaskedToo() throws Exception {
        sim.scriptNextJob(JobScript.allNodes(NodeScript.finishing(Duration.ofSeconds(5))
                .withTaskResult(Map.of("status", "logged in", "echo", "pin-4711"))));
        List<LogLine> lines = new CopyOnWriteArrayList<>();
        Submission submission = submit(
                JobInput.task()
                        .task("profile::login")
                        .nodes(WEB)
                        .parameters(Map.of("user", "deploy-bot", "pin", "pin-4711"))
                        .build(),
                lines);
        Outcome outcome = watch(submission.reference(), lines, submission.mask());
        assertThat(outcome.verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(outcome.result().toString()).doesNotContain("pin-4711").contains("logged in");
        assertThat(String.join("\n", texts(lines))).doesNotContain("pin-4711");
        // only the listed one: the metadata knew the job, so not every value is masked
        assertThat(submission.mask().apply("deploy-bot pin-4711")).isEqualTo("deploy-bot ****");
    }

    @Test
    void aTaskWaitResumedAfterARestartMasksTheValuesItsFrontEndFoundAgain() throws Exception {
        sim.scriptNextJob(JobScript.allNodes(NodeScript.finishing(Duration.ofSeconds(5))
                .withMessage("rotated with s3cr3t-value")
                .withTaskResult(Map.of("status", "rotated", "echo", "s3cr3t-value"))));
        Submission submission = submit(
                JobInput.task()
                        .task("profile::rotate")
                        .nodes(WEB)
                        .parameters(Map.of("service", "nginx", "secret", "s3cr3t-value"))
                        .build(),
                new CopyOnWriteArrayList<>());
        // the submission's mask is gone with the process; the reference alone comes back
        WatchReference restored = roundTrip(submission.reference());

        List<LogLine> lines = new CopyOnWriteArrayList<>();
        Watch resumed = core.resume(
                session, client.urls(), restored, lines::add, TextMask.of(java.util.Set.of("s3cr3t-value")));
        scheduler.runUntil(resumed.outcome());
        Outcome outcome = resumed.outcome().get();

        assertThat(outcome.verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(texts(lines)).anyMatch(l -> l.contains("web01.example.com: finished - rotated with ****"));
        assertThat(String.join("\n", texts(lines))).doesNotContain("s3cr3t-value");
        assertThat(outcome.result().toString()).doesNotContain("s3cr3t-value").contains("rotated");
    }

    @Test
    void unknownTaskAndNoopForATaskWithoutNoopAreRefusedBeforeTheCommand() throws Exception {
        Submission unknown =
                submit(JobInput.task().task("nosuch::task").nodes(WEB).build(), new CopyOnWriteArrayList<>());
        assertThat(unknown.isSubmitted()).isFalse();
        assertThat(unknown.outcome().verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(unknown.outcome().summary()).contains("unknown-task").contains("Fix:");

        Submission noop = submit(
                JobInput.task()
                        .task("package")
                        .noop(true)
                        .nodes(WEB)
                        .parameters(Map.of("action", "status", "name", "openssl"))
                        .build(),
                new CopyOnWriteArrayList<>());
        assertThat(noop.outcome().summary()).contains("does not support noop");
        assertThat(sim.journal().count(PeEndpoint.TASK_COMMAND)).isZero();
    }

    @Test
    void queuedNodesSayTheJobIsWaitingForCapacityOnce() throws Exception {
        sim.scriptNextJob(
                JobScript.allNodes(NodeScript.finishing(Duration.ofSeconds(20)).queuedFor(Duration.ofMinutes(6))));
        List<LogLine> lines = new CopyOnWriteArrayList<>();
        Outcome outcome =
                watch(submit(JobInput.puppetRun().nodes(WEB).build(), lines).reference(), lines, TextMask.NONE);
        assertThat(outcome.verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(texts(lines))
                .filteredOn(l -> l.contains("is waiting for capacity"))
                .hasSize(1);
    }

    @Test
    void aNodeThatIsNotConnectedDoesNotHideThatTheOthersWaitForCapacity() throws Exception {
        sim.scriptNextJob(
                JobScript.allNodes(NodeScript.finishing(Duration.ofSeconds(20)).queuedFor(Duration.ofMinutes(6)))
                        .node("web01.example.com", NodeScript.notConnected(Duration.ofSeconds(1))));
        List<LogLine> lines = new CopyOnWriteArrayList<>();
        Outcome outcome =
                watch(submit(JobInput.puppetRun().nodes(WEB).build(), lines).reference(), lines, TextMask.NONE);
        assertThat(outcome.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(texts(lines)).anyMatch(l -> l.contains("web01.example.com: errored"));
        assertThat(texts(lines))
                .filteredOn(l -> l.contains("is waiting for capacity"))
                .hasSize(1);
    }

    @Test
    void aSerialisedReferenceResumesWithoutRepeatingLines() throws Exception {
        sim.scriptNextJob(JobScript.allFinishing(Duration.ofMinutes(1))
                .node("web01.example.com", NodeScript.finishing(Duration.ofSeconds(5))));
        List<LogLine> before = new CopyOnWriteArrayList<>();
        List<WatchReference> saved = new CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<Void> web01Done = new java.util.concurrent.CompletableFuture<>();
        Submission submission = submit(JobInput.puppetRun().nodes(WEB).build(), before);
        Watch first = core.watch(
                session,
                client.urls(),
                submission.reference(),
                new WatchSink() {
                    @Override
                    public void log(LogLine line) {
                        before.add(line);
                        if (line.plainText().contains("web01.example.com: finished")) {
                            web01Done.complete(null);
                        }
                    }

                    @Override
                    public void progressed(WatchReference reference) {
                        saved.add(reference);
                    }
                },
                TextMask.NONE);
        scheduler.runUntil(web01Done);
        first.cancel(false).get(10, TimeUnit.SECONDS);
        WatchReference restored = roundTrip(saved.get(saved.size() - 1));
        assertThat(restored).isEqualTo(saved.get(saved.size() - 1));

        List<LogLine> after = new CopyOnWriteArrayList<>();
        Outcome outcome = watch(restored, after, TextMask.NONE);
        assertThat(outcome.verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(texts(after)).noneMatch(l -> l.contains("web01.example.com: finished"));
        assertThat(texts(after)).anyMatch(l -> l.contains("web02.example.com: finished"));
    }

    @Test
    void aReleaseWithoutUserdataGetsBothCommandsOnceMoreWithTheMarkerInTheDescriptionOnly() throws Exception {
        sim.jobApiRelease(JobApiRelease.PE_2019_8_0);
        List<LogLine> lines = new CopyOnWriteArrayList<>();
        Submission run = submit(JobInput.puppetRun().nodes(WEB).build(), lines);
        assertThat(run.isSubmitted()).as(String.join("\n", texts(lines))).isTrue();
        String marker = ((JobReference) run.reference()).marker();
        var deploys = sim.journal().entries(PeEndpoint.DEPLOY_COMMAND);
        assertThat(deploys).hasSize(2);
        assertThat(deploys.get(0).body()).contains("\"jenkins_run_marker\"");
        assertThat(deploys.get(1).body()).doesNotContain("userdata").contains("[" + marker + "]");
        assertThat(texts(lines))
                .anyMatch(l -> l.contains("does not store userdata") && l.contains("only in its description"));
        assertThat(watch(run.reference(), lines, run.mask()).verdict()).isEqualTo(Verdict.SUCCESS);

        Submission task = submit(
                JobInput.task()
                        .task("package")
                        .nodes(WEB)
                        .parameters(Map.of("action", "status", "name", "openssl"))
                        .build(),
                new CopyOnWriteArrayList<>());
        assertThat(task.isSubmitted()).isTrue();
        var tasks = sim.journal().entries(PeEndpoint.TASK_COMMAND);
        assertThat(tasks).hasSize(2);
        assertThat(tasks.get(0).body()).contains("\"jenkins_run_marker\"");
        assertThat(tasks.get(1).body()).doesNotContain("userdata");
        assertThat(watch(task.reference(), new CopyOnWriteArrayList<>(), task.mask())
                        .verdict())
                .isEqualTo(Verdict.SUCCESS);
    }

    @Test
    void userdataTheUserSetIsNotDroppedButItsRefusalIsReportedWithTheFix() throws Exception {
        sim.jobApiRelease(JobApiRelease.PE_2019_8_0);
        Submission run = submit(
                JobInput.puppetRun()
                        .nodes(WEB)
                        .userdata(Map.of("ticket", "CHG-1"))
                        .build(),
                new CopyOnWriteArrayList<>());
        assertThat(run.isSubmitted()).isFalse();
        assertThat(run.outcome().verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(run.outcome().summary())
                .contains("refused the userdata")
                .contains("Unknown key 'userdata'")
                .contains("Remove userdata from the step, or upgrade PE to 2019.8.5");
        Submission task = submit(
                JobInput.task()
                        .task("package")
                        .nodes(WEB)
                        .parameters(Map.of("action", "status", "name", "openssl"))
                        .userdata(Map.of("ticket", "CHG-1"))
                        .build(),
                new CopyOnWriteArrayList<>());
        assertThat(task.outcome().summary()).contains("Remove userdata from the step");
        assertThat(sim.journal().count(PeEndpoint.DEPLOY_COMMAND)).isEqualTo(1);
        assertThat(sim.journal().count(PeEndpoint.TASK_COMMAND)).isEqualTo(1);
    }

    @Test
    void aRefusalOfAnotherKeyIsNotSentAgain() throws Exception {
        sim.jobApiRelease(JobApiRelease.PE_2021_7);
        Submission run =
                submit(JobInput.puppetRun().nodes(WEB).peTimeoutSeconds(60).build(), new CopyOnWriteArrayList<>());
        assertThat(run.outcome().verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(run.outcome().summary()).contains("Unknown key 'timeout'");
        assertThat(sim.journal().count(PeEndpoint.DEPLOY_COMMAND)).isEqualTo(1);
    }

    @Test
    void aPuppetRunAndATaskThatReachTheirWaitTimeoutEndAtTheDeadlineStopTheJobAndSaySo() throws Exception {
        sim.scriptJobs(JobScript.allFinishing(Duration.ofMinutes(30)));
        List<LogLine> lines = new CopyOnWriteArrayList<>();
        Submission run = submit(
                JobInput.puppetRun()
                        .nodes(WEB)
                        .waitTimeout(Duration.ofMinutes(5))
                        .build(),
                lines);
        JobReference runReference = (JobReference) run.reference();
        Outcome runOutcome = watch(runReference, lines, run.mask());
        assertThat(runOutcome.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(runOutcome.summary())
                .isEqualTo("Gave up waiting for Puppet run job " + runReference.job() + ": the wait timeout ended at "
                        + runReference.deadline() + ". Asked PE to stop job " + runReference.job() + "; nodes not"
                        + " started yet are not started, nodes already running finish first.");
        assertThat(clock.instant()).isEqualTo(runReference.deadline());
        assertThat(sim.jobState(runReference.job())).hasValue("stopping");
        assertThat(sim.journal().entries(PeEndpoint.STOP_JOB))
                .singleElement()
                .satisfies(stop -> assertThat(stop.body())
                        .contains("\"" + runReference.job() + "\"")
                        .doesNotContain("force"));

        Submission task = submit(
                JobInput.task()
                        .task("package")
                        .nodes(WEB)
                        .parameters(Map.of("action", "status", "name", "openssl"))
                        .waitTimeout(Duration.ofMinutes(5))
                        .forceStop(true)
                        .build(),
                lines);
        JobReference taskReference = (JobReference) task.reference();
        Outcome taskOutcome = watch(taskReference, lines, task.mask());
        assertThat(taskOutcome.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(taskOutcome.summary())
                .startsWith("Gave up waiting for task job " + taskReference.job() + " (package): the wait timeout"
                        + " ended at " + taskReference.deadline() + ". Asked PE to stop job " + taskReference.job()
                        + " with force:");
        assertThat(clock.instant()).isEqualTo(taskReference.deadline());
        assertThat(sim.jobState(taskReference.job())).hasValue("stopped");
        assertThat(sim.journal().entries(PeEndpoint.STOP_JOB).get(1).body()).contains("\"force\":true");
    }

    @Test
    void withoutStopOnAbortAJobAtItsWaitTimeoutKeepsRunningAndTheOutcomeSaysWhere() throws Exception {
        sim.scriptJobs(JobScript.allFinishing(Duration.ofMinutes(30)));
        Submission task = submit(
                JobInput.task()
                        .task("package")
                        .nodes(WEB)
                        .parameters(Map.of("action", "status", "name", "openssl"))
                        .waitTimeout(Duration.ofMinutes(5))
                        .stopOnAbort(false)
                        .build(),
                new CopyOnWriteArrayList<>());
        JobReference reference = (JobReference) task.reference();
        Outcome outcome = watch(reference, new CopyOnWriteArrayList<>(), task.mask());
        assertThat(outcome.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(outcome.summary())
                .isEqualTo("Gave up waiting for task job " + reference.job() + " (package): the wait timeout ended at "
                        + reference.deadline() + ". Task job " + reference.job() + " (package) keeps running in PE: "
                        + sim.consoleUrl() + "/#/orchestration/tasks/task/" + reference.job());
        assertThat(sim.journal().count(PeEndpoint.STOP_JOB)).isZero();
        assertThat(sim.jobState(reference.job())).hasValue("running");
    }

    @Test
    void theTaskTimeoutReachesTheTaskCommand() throws Exception {
        Submission task = submit(
                JobInput.task()
                        .task("package")
                        .nodes(WEB)
                        .parameters(Map.of("action", "status", "name", "openssl"))
                        .peTimeoutSeconds(90)
                        .build(),
                new CopyOnWriteArrayList<>());
        assertThat(task.isSubmitted()).isTrue();
        assertThat(sim.journal().entries(PeEndpoint.TASK_COMMAND).get(0).body()).contains("\"timeout\":90");
    }

    @Test
    void notWaitingSaysWhereTheJobIs() throws Exception {
        Submission submission = submit(
                JobInput.puppetRun()
                        .query("nodes[certname] { }")
                        .waitForCompletion(false)
                        .build(),
                new CopyOnWriteArrayList<>());
        Outcome outcome = core.notWaiting(submission.reference(), client.urls());
        assertThat(outcome.verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(outcome.result()).containsEntry("state", "submitted");
        assertThat((String) outcome.result().get("url"))
                .isEqualTo(sim.consoleUrl() + "/#/run/jobs/" + ((JobReference) submission.reference()).job());
    }

    static WatchReference roundTrip(WatchReference reference) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(reference);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (WatchReference) in.readObject();
        }
    }
}
