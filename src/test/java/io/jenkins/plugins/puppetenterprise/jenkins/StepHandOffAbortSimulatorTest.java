package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.core.ExecutionCore;
import io.jenkins.plugins.puppetenterprise.core.Outcome;
import io.jenkins.plugins.puppetenterprise.core.PlanRunReference;
import io.jenkins.plugins.puppetenterprise.core.PollBackoff;
import io.jenkins.plugins.puppetenterprise.core.Submission;
import io.jenkins.plugins.puppetenterprise.core.Verdict;
import io.jenkins.plugins.puppetenterprise.core.Watch;
import io.jenkins.plugins.puppetenterprise.core.WatchScheduler;
import io.jenkins.plugins.puppetenterprise.core.WatchSink;
import io.jenkins.plugins.puppetenterprise.core.WatchThreads;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanRunInput;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.JournalEntry;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobSnapshot;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fault matrix's "abort in the hand-off window" through the glue's {@link StepHandOff}, as
 * {@code PeStepExecution} uses it, over real HTTPS against the simulator: PE accepts the plan and
 * the abort arrives while the step hands the submission over to its watch (between "PE accepted the
 * work" and "watching"). The stop finds the watch and stops the plan in PE (stopOnAbort), the
 * session ends, and no token it minted stays usable. (The core's side of the row, a watch cancelled
 * before it polled, is a row of {@code FaultMatrixTest}.)
 */
class StepHandOffAbortSimulatorTest {
    private static final String PLAN = "app::deploy";
    private static final String PASSWORD = "canary-password-5b2e";

    private final FakeClock clock = new FakeClock();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final WatchSink sink = line -> log.add(line.plainText());
    private final StepHandOff<Submission, Watch> handOff = new StepHandOff<>();
    private PeSimulator pe;
    private PeClient client;
    private PeSession session;
    private PeServiceUrls urls;
    private ScheduledExecutorService threads;
    private ExecutionCore core;

    @BeforeEach
    void start() {
        pe = PeSimulator.start(clock);
        pe.addUser("deployer", PASSWORD, UserPermissions.deployer());
        pe.addPlan(PlanSpec.named(PLAN));
        pe.scriptPlan(PLAN, PlanJobScript.succeeding(Duration.ofMinutes(10)));
        urls = PeServiceUrls.of(
                null,
                pe.rbacUrl().toString(),
                pe.codeManagerUrl().toString(),
                pe.orchestratorUrl().toString(),
                pe.consoleUrl().toString());
        client = PeClient.builder(urls, PeCaBundle.fromPem(pe.caPem())).build();
        session = client.session(
                PeCredentials.password("deployer", PASSWORD.toCharArray(), Duration.ofHours(1), "hand-off"));
        threads = WatchThreads.newScheduler(1);
        core = new ExecutionCore(WatchScheduler.of(threads), Clock.systemUTC(), PollBackoff.DEFAULT, () -> 0.5);
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        client.close();
        pe.close();
    }

    /**
     * The step's stop on another thread, deciding as {@code PeStepExecution.stop} does: the
     * submission in flight is abandoned, a watch is cancelled with the work stopped, and with
     * neither the step just ends; the session ends last. Returns once the stop is done or waits for
     * the hand-off's lock.
     */
    private Thread abortMeanwhile(AtomicReference<CompletableFuture<Void>> ended) {
        Thread abort = new Thread(
                () -> {
                    StepHandOff.Stopped<Submission, Watch> stopped = handOff.stop();
                    CompletableFuture<?> stopping;
                    if (stopped.pending() != null) {
                        stopping = CompletableFuture.failedFuture(
                                new AssertionError("the stop took over a submission PE had answered"));
                    } else if (stopped.watch() != null) {
                        stopping = core.cancelWithinStopWait(stopped.watch(), true, sink);
                    } else {
                        stopping = CompletableFuture.completedFuture(null); // found neither: the plan runs on
                    }
                    ended.set(stopping.thenCompose(words -> session.revokeMintedTokens()));
                },
                "abort");
        abort.start();
        while (abort.getState() != Thread.State.BLOCKED && abort.getState() != Thread.State.TERMINATED) {
            Thread.onSpinWait();
        }
        return abort;
    }

    @Test
    void anAbortWhileTheAcceptedPlanIsHandedToItsWatchStopsItInPe() throws Exception {
        handOff.begin();
        CompletableFuture<Submission> submitted = handOff.submit(() -> core.submitPlanRun(
                session,
                urls,
                "production",
                PlanRunInput.builder()
                        .plan(PLAN)
                        .waitTimeout(Duration.ofMinutes(30))
                        .build(),
                "Jenkins job #1",
                sink));
        Submission submission = submitted.get(20, TimeUnit.SECONDS);
        assertThat(submission.isSubmitted()).as("PE accepted the plan").isTrue();
        String planJob = ((PlanRunReference) submission.reference()).planJob();

        AtomicReference<CompletableFuture<Void>> ended = new AtomicReference<>();
        Thread[] abort = new Thread[1];
        boolean handedOver = handOff.answered(() -> {
            abort[0] = abortMeanwhile(ended); // the abort arrives while the watch is being made
            return core.watch(session, urls, submission.reference(), sink, submission.mask());
        });
        abort[0].join(TimeUnit.SECONDS.toMillis(20));
        assertThat(abort[0].isAlive()).as("the abort finished").isFalse();
        assertThat(handedOver).isTrue();
        Watch watch = handOff.current();
        assertThat(ended.get()).as("the session's end").succeedsWithin(Duration.ofSeconds(30));

        Outcome outcome = watch.outcome().get(30, TimeUnit.SECONDS);
        assertThat(outcome.verdict()).as(outcome.summary()).isEqualTo(Verdict.FAILURE);
        assertThat(outcome.summary()).contains("cancelled", "Asked PE to stop plan job " + planJob);
        assertThat(pe.journal().entries(PeEndpoint.STOP_PLAN))
                .extracting(e -> e.status() / 100)
                .as("stop_plan, answered 2xx, once")
                .containsExactly(2);
        assertThat(pe.planJob(planJob))
                .as("stopped before its scripted end")
                .map(PlanJobSnapshot::state)
                .contains("failure");
        assertThat(pe.journal().count(PeEndpoint.PLAN_RUN)).as("plan_run POSTs").isEqualTo(1);
        // the session ended: its one login's token is revoked, and nothing logs in again
        assertThat(pe.journal().entries(PeEndpoint.LOGIN))
                .extracting(JournalEntry::status)
                .as("logins")
                .containsExactly(200);
        assertThat(pe.journal().entries(PeEndpoint.REVOKE_TOKENS))
                .extracting(e -> e.status() / 100)
                .as("revocations, answered 2xx")
                .containsExactly(2);
        assertThat(pe.usableTokenLabels("deployer"))
                .as("usable tokens the session minted")
                .noneMatch(label -> label != null && label.startsWith("hand-off"));
    }
}
