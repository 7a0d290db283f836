package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.RetryPolicy;
import io.jenkins.plugins.puppetenterprise.core.deploy.CodeDeployInput;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanRunInput;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.Fault;
import io.jenkins.plugins.puppetenterprise.simulator.JournalEntry;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.deploy.EnvironmentSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobSnapshot;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.ScriptedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The core's promises under faults, against the simulator on a fake clock driven by a manual
 * scheduler: lost plan_run answers, 503s on polls, deadlines, cancel with stop, token expiry.
 */
class ExecutionCoreFaultsTest {
    private static final String PLAN = "app::deploy";
    private static final String PASSWORD = "pw-canary-9d2";

    private final FakeClock clock = new FakeClock();
    private final List<LogLine> lines = new CopyOnWriteArrayList<>();
    private final WatchSink sink = lines::add;
    private PeSimulator sim;
    private PeClient client;
    private ManualWatchScheduler scheduler;
    private ExecutionCore core;

    @BeforeEach
    void start() {
        sim = PeSimulator.start(clock);
        sim.addUser("deployer", PASSWORD, UserPermissions.deployer());
        sim.addPlan(PlanSpec.named(PLAN));
        sim.scriptPlan(
                PLAN,
                PlanJobScript.succeeding(Duration.ofMinutes(3))
                        .withEvents(
                                ScriptedEvent.outMessage(Duration.ofSeconds(30), "canary done"),
                                ScriptedEvent.outMessage(Duration.ofMinutes(2), "rollout done")));
        PeServiceUrls urls = PeServiceUrls.of(
                null,
                sim.rbacUrl().toString(),
                sim.codeManagerUrl().toString(),
                sim.orchestratorUrl().toString(),
                sim.consoleUrl().toString());
        // No client-side retries: these tests are about what the watch itself does.
        client = PeClient.builder(urls, PeCaBundle.fromPem(sim.caPem()))
                .retryPolicy(RetryPolicy.NONE)
                .build();
        scheduler = new ManualWatchScheduler(clock);
        core = new ExecutionCore(scheduler, clock, PollBackoff.DEFAULT, () -> 0.5);
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    private PeSession tokenSession(Duration lifetime) {
        return client.session(PeCredentials.token(sim.issueToken("deployer", lifetime)));
    }

    private Submission submitPlan(PeSession session, PlanRunInput input) throws Exception {
        return core.submitPlanRun(session, client.urls(), "sim", input, "core test", sink)
                .get(20, TimeUnit.SECONDS);
    }

    private Outcome watchToTheEnd(PeSession session, WatchReference reference) throws Exception {
        Watch watch = core.watch(session, client.urls(), reference, sink, TextMask.NONE);
        scheduler.runUntil(watch.outcome());
        return watch.outcome().get(20, TimeUnit.SECONDS);
    }

    private List<String> texts() {
        return lines.stream().map(LogLine::plainText).toList();
    }

    @Test
    void planRunAnswerLostAfterPeStartedItIsFoundByMarkerAndWatched() throws Exception {
        PeSession session = tokenSession(Duration.ofDays(1));
        sim.faults().forNextRequests(1, Fault.dropConnectionAfterBody(), PeEndpoint.PLAN_RUN);

        Submission submission =
                submitPlan(session, PlanRunInput.builder().plan(PLAN).build());

        assertThat(sim.journal().count(PeEndpoint.PLAN_RUN)).isEqualTo(1);
        assertThat(submission.isSubmitted()).isTrue();
        PlanRunReference reference = (PlanRunReference) submission.reference();
        assertThat(sim.planJobs()).extracting(PlanJobSnapshot::name).containsExactly(reference.planJob());
        assertThat(texts()).anyMatch(l -> l.startsWith("Found plan job " + reference.planJob() + " by the marker"));

        Outcome outcome = watchToTheEnd(session, reference);
        assertThat(outcome.verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(texts()).contains("[plan] canary done", "[plan] rollout done");
        assertThat(sim.journal().count(PeEndpoint.PLAN_RUN)).isEqualTo(1);
    }

    @Test
    void planRunAnswerLostAndNoJobCarriesTheMarkerIsUnknownNeverASecondRun() throws Exception {
        PeSession session = tokenSession(Duration.ofDays(1));
        sim.faults().forNextRequests(1, Fault.dropConnectionBeforeBody(), PeEndpoint.PLAN_RUN);

        Submission submission =
                submitPlan(session, PlanRunInput.builder().plan(PLAN).build());

        assertThat(sim.journal().count(PeEndpoint.PLAN_RUN)).isEqualTo(1);
        assertThat(sim.journal().count(PeEndpoint.PLAN_JOBS)).isEqualTo(1);
        assertThat(sim.planJobs()).isEmpty();
        assertThat(submission.isSubmitted()).isFalse();
        Outcome outcome = submission.outcome();
        assertThat(outcome.verdict()).isEqualTo(Verdict.UNKNOWN);
        String marker = (String) outcome.result().get("marker");
        assertThat(outcome.summary())
                .contains("Whether PE started plan " + PLAN + " is unknown")
                .contains("Check ")
                .contains("[" + marker + "]");
        assertThat(outcome.result()).doesNotContainKey("planJob");
    }

    @Test
    void referenceSavedBeforeTheJobNameFindsTheJobByMarkerOrSaysUnknown() throws Exception {
        PeSession session = tokenSession(Duration.ofDays(1));
        PlanRunReference named = (PlanRunReference)
                submitPlan(session, PlanRunInput.builder().plan(PLAN).build()).reference();
        // As saved by a process that stopped between the POST and learning the job name.
        PlanRunReference unnamed = new PlanRunReference(
                named.server(),
                named.marker(),
                named.submittedAt(),
                named.deadline(),
                named.plan(),
                named.environment(),
                null,
                PlanRunReference.NO_EVENT,
                true);

        List<WatchReference> progress = new CopyOnWriteArrayList<>();
        Watch watch = core.watch(
                session,
                client.urls(),
                unnamed,
                new WatchSink() {
                    @Override
                    public void log(LogLine line) {
                        lines.add(line);
                    }

                    @Override
                    public void progressed(WatchReference reference) {
                        progress.add(reference);
                    }
                },
                TextMask.NONE);
        scheduler.runUntil(watch.outcome());

        assertThat(watch.outcome().get().verdict())
                .as(watch.outcome().get().summary())
                .isEqualTo(Verdict.SUCCESS);
        assertThat(watch.outcome().get().result()).containsEntry("planJob", named.planJob());
        assertThat(progress.get(0)).isEqualTo(unnamed.withPlanJob(named.planJob()));
        assertThat(texts()).anyMatch(l -> l.startsWith("Found plan job " + named.planJob() + " (" + PLAN + ") by"));

        PlanRunReference foreign = new PlanRunReference(
                "sim",
                RunMarker.create(),
                clock.instant(),
                clock.instant().plusSeconds(600),
                PLAN,
                "production",
                null,
                PlanRunReference.NO_EVENT,
                true);
        Outcome unknown = watchToTheEnd(session, foreign);
        assertThat(unknown.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(unknown.summary())
                .contains("Whether plan " + PLAN + " was started is unknown")
                .contains("[" + foreign.marker() + "]");
        assertThat(sim.journal().count(PeEndpoint.PLAN_RUN)).isEqualTo(1);
    }

    @Test
    void watchRecoversFrom503OnPolls() throws Exception {
        PeSession session = tokenSession(Duration.ofDays(1));
        PlanRunReference reference = (PlanRunReference)
                submitPlan(session, PlanRunInput.builder().plan(PLAN).build()).reference();
        sim.faults()
                .forDuration(
                        Duration.ofSeconds(90), Fault.status(503), PeEndpoint.PLAN_JOB, PeEndpoint.PLAN_JOB_EVENTS);

        Outcome outcome = watchToTheEnd(session, reference);

        assertThat(outcome.verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(sim.journal().entries(PeEndpoint.PLAN_JOB_EVENTS))
                .as("a poll starts with the events")
                .extracting(JournalEntry::status)
                .contains(503, 200);
        assertThat(texts())
                .anyMatch(l -> l.startsWith("PE did not answer as expected"))
                .contains("PE answers again; still waiting for plan job " + reference.planJob() + " (" + PLAN + ").")
                .contains("[plan] canary done", "[plan] rollout done");
        assertThat(texts().stream().filter(l -> l.startsWith("PE did not answer as expected")))
                .as("one line per outage, not one per failed poll")
                .hasSize(1);
    }

    @Test
    void deadlineIsNeverOvershotAndThePlanIsStopped() throws Exception {
        PeSession session = tokenSession(Duration.ofDays(1));
        PlanRunReference reference = (PlanRunReference) submitPlan(
                        session,
                        PlanRunInput.builder()
                                .plan(PLAN)
                                .waitTimeout(Duration.ofSeconds(100))
                                .build())
                .reference();
        Instant deadline = reference.deadline();

        Outcome outcome = watchToTheEnd(session, reference);

        assertThat(clock.instant()).isEqualTo(deadline);
        assertThat(sim.journal().entries()).allSatisfy(e -> assertThat(e.time()).isBeforeOrEqualTo(deadline));
        assertThat(outcome.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(outcome.summary())
                .startsWith("Gave up waiting for plan job " + reference.planJob())
                .contains("Asked PE to stop plan job " + reference.planJob());
        assertThat(sim.journal().count(PeEndpoint.STOP_PLAN)).isEqualTo(1);
        assertThat(sim.planJob(reference.planJob()).orElseThrow().state()).isEqualTo("failure");
    }

    @Test
    void cancelWithStopSaysWhatPeAnswered() throws Exception {
        PeSession session = tokenSession(Duration.ofDays(1));
        PlanRunReference reference = (PlanRunReference)
                submitPlan(session, PlanRunInput.builder().plan(PLAN).build()).reference();
        Watch watch = runUntilLine(session, reference, "[plan] canary done");

        String words = watch.cancel(true).get(20, TimeUnit.SECONDS);

        assertThat(words)
                .isEqualTo("Asked PE to stop plan job " + reference.planJob()
                        + "; actions already running on nodes finish first.");
        Outcome outcome = watch.outcome().get(20, TimeUnit.SECONDS);
        assertThat(outcome.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(outcome.summary()).contains("cancelled").contains(words);
        assertThat(sim.planJob(reference.planJob()).orElseThrow().state()).isEqualTo("failure");
        assertThat(watch.cancel(true).get()).contains("had already ended");
        assertThat(sim.journal().count(PeEndpoint.STOP_PLAN)).isEqualTo(1);
    }

    @Test
    void cancelWithStopOnAPeTooOldToStopPlansSaysSo() throws Exception {
        PeSession session = tokenSession(Duration.ofDays(1));
        sim.stopPlanAvailable(false);
        PlanRunReference reference = (PlanRunReference)
                submitPlan(session, PlanRunInput.builder().plan(PLAN).build()).reference();
        Watch watch = runUntilLine(session, reference, "[plan] canary done");

        String words = watch.cancel(true).get(20, TimeUnit.SECONDS);

        assertThat(words).contains("this PE is too old to stop plans (needs 2021.7.1)");
        assertThat(watch.outcome().get().summary()).contains(words);
        assertThat(texts()).contains(words);
        assertThat(sim.planJob(reference.planJob()).orElseThrow().state()).isEqualTo("running");
    }

    @Test
    void cancelOfADeploySaysDeploysCannotBeCancelled() throws Exception {
        PeSession session = tokenSession(Duration.ofDays(1));
        sim.putEnvironment(EnvironmentSpec.named("production").withDeployDuration(Duration.ofMinutes(5)));
        Submission submission = core.submitDeploy(
                        session,
                        "sim",
                        CodeDeployInput.builder()
                                .environments(List.of("production"))
                                .build(),
                        sink)
                .get(20, TimeUnit.SECONDS);
        Watch watch = core.watch(session, client.urls(), submission.reference(), sink, TextMask.NONE);

        String words = watch.cancel(true).get(20, TimeUnit.SECONDS);

        assertThat(words)
                .isEqualTo("PE cannot cancel code deploys: the deploys of production continue in Code Manager.");
        assertThat(watch.outcome().get().verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(watch.outcome().get().summary()).contains("cancelled").contains(words);
    }

    @Test
    void passwordSessionLogsInAgainWhenItsTokenExpiresMidWait() throws Exception {
        PeSession session = client.session(
                PeCredentials.password("deployer", PASSWORD.toCharArray(), Duration.ofMinutes(1), "core test #1"));
        PlanRunReference reference = (PlanRunReference)
                submitPlan(session, PlanRunInput.builder().plan(PLAN).build()).reference();

        Outcome outcome = watchToTheEnd(session, reference);

        assertThat(outcome.verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(texts()).contains("[plan] canary done", "[plan] rollout done");
        assertThat(sim.journal().count(PeEndpoint.LOGIN)).isGreaterThanOrEqualTo(2);
        assertThat(sim.journal().entries(PeEndpoint.PLAN_JOB_EVENTS))
                .as("a poll starts with the events")
                .extracting(JournalEntry::status)
                .contains(401);
        assertThat(texts()).noneMatch(l -> l.contains(PASSWORD));
    }

    @Test
    void staticTokenExpiringMidWaitEndsWithAClearMessage() throws Exception {
        String token = sim.issueToken("deployer", Duration.ofMinutes(1));
        PeSession session = client.session(PeCredentials.token(token));
        PlanRunReference reference = (PlanRunReference)
                submitPlan(session, PlanRunInput.builder().plan(PLAN).build()).reference();

        Outcome outcome = watchToTheEnd(session, reference);

        assertThat(outcome.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(outcome.summary())
                .startsWith("Cannot follow plan job " + reference.planJob() + " (" + PLAN + ") any more: ")
                .containsIgnoringCase("expired")
                .contains(client.urls().planJobPage(reference.planJob()).toString())
                .doesNotContain(token);
        assertThat(clock.instant()).isBefore(reference.deadline());
        assertThat(sim.journal().count(PeEndpoint.LOGIN)).isZero();
        assertThat(texts()).noneMatch(l -> l.contains(token));
    }

    /** Drives a watch until a line starting with {@code text} was logged; returns the running watch. */
    private Watch runUntilLine(PeSession session, WatchReference reference, String text) throws Exception {
        CompletableFuture<Void> seen = new CompletableFuture<>();
        Watch watch = core.watch(
                session,
                client.urls(),
                reference,
                line -> {
                    lines.add(line);
                    if (line.plainText().startsWith(text)) {
                        seen.complete(null);
                    }
                },
                TextMask.NONE);
        scheduler.runUntil(seen);
        assertThat(watch.outcome()).isNotDone();
        return watch;
    }
}
