package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.RetryPolicy;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanRunInput;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.Fault;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.ScriptedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A watch ends with a verdict whatever goes wrong around it: a sink or scheduler that throws, a
 * stop that throws, a poll that never answers, a wall clock that jumps; and its callbacks run on
 * the watch scheduler, never on the client's HTTP threads.
 */
class WatchRobustnessTest {
    private static final String PLAN = "app::deploy";
    private static final Duration PLAN_RUNS_FOR = Duration.ofSeconds(45);

    /** The monotonic time of the tests: the manual scheduler and the simulator run on it. */
    private final FakeClock ticker = new FakeClock();

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private PeSimulator sim;
    private PeClient client;
    private PeSession session;
    private ManualWatchScheduler scheduler;

    @BeforeEach
    void start() {
        sim = PeSimulator.start(ticker);
        sim.addUser("deployer", "pw-robust-1", UserPermissions.deployer());
        sim.addPlan(PlanSpec.named(PLAN));
        sim.scriptPlan(
                PLAN,
                PlanJobScript.succeeding(PLAN_RUNS_FOR)
                        .withEvents(ScriptedEvent.outMessage(Duration.ofSeconds(5), "canary done")));
        PeServiceUrls urls = PeServiceUrls.of(
                null,
                sim.rbacUrl().toString(),
                sim.codeManagerUrl().toString(),
                sim.orchestratorUrl().toString(),
                sim.consoleUrl().toString());
        client = PeClient.builder(urls, PeCaBundle.fromPem(sim.caPem()))
                .retryPolicy(RetryPolicy.NONE)
                .build();
        session = client.session(PeCredentials.token(sim.issueToken("deployer")));
        scheduler = new ManualWatchScheduler(ticker);
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    private ExecutionCore core(WatchScheduler watchScheduler) {
        return new ExecutionCore(watchScheduler, ticker, PollBackoff.DEFAULT, () -> 0.5);
    }

    private final WatchSink recording = line -> lines.add(line.plainText());

    private PlanRunReference submitted(ExecutionCore core, Duration waitTimeout) throws Exception {
        Submission submission = core.submitPlanRun(
                        session,
                        client.urls(),
                        "sim",
                        PlanRunInput.builder()
                                .plan(PLAN)
                                .waitTimeout(waitTimeout)
                                .build(),
                        "robustness test",
                        recording)
                .get(20, TimeUnit.SECONDS);
        return (PlanRunReference) submission.reference();
    }

    @Test
    void aForwardJumpOfTheWallClockDoesNotEndTheWaitEarly() throws Exception {
        AtomicReference<Duration> jump = new AtomicReference<>(Duration.ZERO);
        Clock wall = new Clock() {
            @Override
            public Instant instant() {
                return ticker.instant().plus(jump.get());
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
        ExecutionCore core = new ExecutionCore(
                scheduler, wall, () -> TimeUnit.MILLISECONDS.toNanos(ticker.millis()), PollBackoff.DEFAULT, () -> 0.5);
        PlanRunReference reference = submitted(core, Duration.ofMinutes(5));
        Watch watch = core.watch(session, client.urls(), reference, recording, TextMask.NONE);

        jump.set(Duration.ofHours(3)); // NTP corrects the clock, or an administrator sets it
        scheduler.runUntil(watch.outcome());

        Outcome outcome = watch.outcome().get();
        assertThat(outcome.verdict()).as(outcome.summary()).isEqualTo(Verdict.SUCCESS);
        assertThat(sim.journal().count(PeEndpoint.STOP_PLAN)).isZero();
    }

    @Test
    void aSinkThatThrowsLosesItsLinesNotTheWatch() throws Exception {
        ExecutionCore core = core(scheduler);
        PlanRunReference reference = submitted(core, Duration.ofMinutes(5));
        AtomicInteger calls = new AtomicInteger();
        WatchSink broken = new WatchSink() {
            @Override
            public void log(LogLine line) {
                calls.incrementAndGet();
                throw new IllegalStateException("the build log is closed");
            }

            @Override
            public void progressed(WatchReference reference) {
                calls.incrementAndGet();
                throw new IllegalStateException("cannot save the build");
            }
        };

        Watch watch = core.watch(session, client.urls(), reference, broken, TextMask.NONE);
        scheduler.runUntil(watch.outcome());

        assertThat(watch.outcome().get().verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(calls).hasValueGreaterThan(1);
    }

    @Test
    void aSchedulerThatRefusesTheNextStepEndsTheWatchAsUnknownWithTheErrorsWords() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        WatchScheduler refusing = new WatchScheduler() {
            @Override
            public Future<?> schedule(Runnable task, Duration delay) {
                if (accepted.incrementAndGet() > 4) {
                    throw new RejectedExecutionException("the watch threads were shut down");
                }
                return scheduler.schedule(task, delay);
            }

            @Override
            public Runnable awaitingAnswer() {
                return scheduler.awaitingAnswer();
            }
        };
        ExecutionCore core = core(refusing);
        PlanRunReference reference = submitted(core, Duration.ofMinutes(5));

        Watch watch = core.watch(session, client.urls(), reference, recording, TextMask.NONE);
        scheduler.runUntil(watch.outcome());

        Outcome outcome = watch.outcome().get();
        assertThat(outcome.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(outcome.summary())
                .contains("RejectedExecutionException: the watch threads were shut down")
                .contains("how it ended is unknown")
                .contains("keeps running in PE");
        assertThat(outcome.result()).containsEntry("planJob", reference.planJob());
    }

    @Test
    void aStopThatThrowsAtOnceStillEndsTheCancelledWatch() throws Exception {
        ExecutionCore core = core(scheduler);
        Instant now = ticker.instant();
        // A name that is no plan job id: stopping it throws before any request is sent.
        PlanRunReference reference = new PlanRunReference(
                "sim",
                RunMarker.create(),
                now,
                now.plus(Duration.ofMinutes(5)),
                PLAN,
                "production",
                "not-a-number",
                PlanRunReference.NO_EVENT,
                true);
        Watch watch = core.watch(session, client.urls(), reference, recording, TextMask.NONE);

        String words = watch.cancel(true).get(20, TimeUnit.SECONDS);

        assertThat(words).startsWith("Could not ask PE to stop the work (IllegalArgumentException: Plan job id");
        Outcome outcome = watch.outcome().get(20, TimeUnit.SECONDS);
        assertThat(outcome.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(outcome.summary()).contains("cancelled", "Could not ask PE to stop");
    }

    @Test
    void aPollThatThrowsAtOnceEndsTheWatchAsUnknown() throws Exception {
        ExecutionCore core = core(scheduler);
        Instant now = ticker.instant();
        PlanRunReference reference = new PlanRunReference(
                "sim",
                RunMarker.create(),
                now,
                now.plus(Duration.ofMinutes(5)),
                PLAN,
                "production",
                "not-a-number",
                PlanRunReference.NO_EVENT,
                true);

        Watch watch = core.watch(session, client.urls(), reference, recording, TextMask.NONE);
        scheduler.runUntil(watch.outcome());

        Outcome outcome = watch.outcome().get();
        assertThat(outcome.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(outcome.summary()).contains("IllegalArgumentException: Plan job id 'not-a-number'");
    }

    @Test
    void theDeadlineEndsAWatchWhosePollNeverAnswers() throws Exception {
        ExecutionCore core = core(scheduler);
        PlanRunReference reference = submitted(core, Duration.ofMinutes(5));
        sim.faults().forNextRequests(1, Fault.stalledBody(), PeEndpoint.PLAN_JOB_EVENTS);
        Watch watch = core.watch(session, client.urls(), reference, recording, TextMask.NONE);

        // The first poll's answer stalls after its headers (the client's own timeout is 60 s).
        scheduler.runNextDespiteAnswersAwaited();
        scheduler.awaitAnswerAwaited();
        while (!watch.outcome().isDone() && scheduler.runNextDespiteAnswersAwaited()) {
            // the next task is the deadline: as if the stalled answer took until then
        }

        Outcome outcome = watch.outcome().get(20, TimeUnit.SECONDS);
        assertThat(outcome.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(outcome.summary()).contains("Gave up waiting", "the wait timeout ended");
        assertThat(ticker.instant()).isEqualTo(reference.deadline());
        assertThat(sim.journal().count(PeEndpoint.STOP_PLAN)).isEqualTo(1);
    }

    @Test
    void cancellingAWatchAbortsTheRequestInFlight() throws Exception {
        ExecutionCore core = core(scheduler);
        PlanRunReference reference = submitted(core, Duration.ofMinutes(5));
        sim.faults().forNextRequests(1, Fault.tricklingBody(Duration.ofMillis(50)), PeEndpoint.PLAN_JOB_EVENTS);
        Watch watch = core.watch(session, client.urls(), reference, recording, TextMask.NONE);

        // The first poll's answer trickles in, a byte at a time (the client's own timeout is 60 s).
        scheduler.runNextDespiteAnswersAwaited();
        awaitUntil(() -> sim.journal().count(PeEndpoint.PLAN_JOB_EVENTS) == 1);
        String words = watch.cancel(false).get(20, TimeUnit.SECONDS);

        assertThat(words).contains("keeps running in PE");
        assertThat(watch.outcome().get(20, TimeUnit.SECONDS).verdict()).isEqualTo(Verdict.FAILURE);
        awaitUntil(() -> sim.faults().abandonedAnswers() > 0);
        assertThat(sim.faults().abandonedAnswers())
                .as("the client hung up on the answer in flight instead of reading it to its timeout")
                .isEqualTo(1);
        assertThat(sim.journal().count(PeEndpoint.PLAN_JOB_EVENTS)).isEqualTo(1);
    }

    @Test
    void shutdownStopsFollowingEveryLiveWatchWithoutStoppingTheWorkOrAnOutcome() throws Exception {
        ExecutionCore core = core(scheduler);
        PlanRunReference first = submitted(core, Duration.ofMinutes(5));
        PlanRunReference second = submitted(core, Duration.ofMinutes(5));
        sim.faults().forNextRequests(1, Fault.tricklingBody(Duration.ofMillis(50)), PeEndpoint.PLAN_JOB_EVENTS);
        Watch polling = core.watch(session, client.urls(), first, recording, TextMask.NONE);
        scheduler.runNextDespiteAnswersAwaited();
        awaitUntil(() -> sim.journal().count(PeEndpoint.PLAN_JOB_EVENTS) == 1);
        Watch waiting = core.watch(session, client.urls(), second, recording, TextMask.NONE);
        assertThat(core.liveWatches()).isEqualTo(2);
        int linesBefore = lines.size();

        core.shutdown();

        assertThat(polling.detached().get(20, TimeUnit.SECONDS))
                .contains("Jenkins is shutting down", "without stopping it", "keeps running in PE");
        assertThat(waiting.detached()).isDone();
        assertThat(core.liveWatches()).isZero();
        awaitUntil(() -> sim.faults().abandonedAnswers() > 0);
        assertThat(sim.faults().abandonedAnswers())
                .as("the poll in flight was aborted")
                .isEqualTo(1);
        ticker.advance(Duration.ofMinutes(10));
        while (scheduler.runNextDespiteAnswersAwaited()) {
            // whatever was scheduled before the shutdown finds its watch detached
        }
        assertThat(polling.outcome()).isNotDone();
        assertThat(waiting.outcome()).isNotDone();
        assertThat(sim.journal().count(PeEndpoint.PLAN_JOB_EVENTS))
                .as("no poll after the shutdown")
                .isEqualTo(1);
        assertThat(sim.journal().count(PeEndpoint.STOP_PLAN))
                .as("the work is not stopped")
                .isZero();
        assertThat(lines).hasSize(linesBefore);
    }

    /** Waits up to 20 s for what a connection's thread does; the assertions that follow tell if it did not. */
    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /**
     * Watch A's poll gets {@code fault}; then watch B starts and polls at once (within the probe
     * interval). Returns B's lines.
     */
    private List<String> secondWatchAfterTheFirstGot(Fault fault) throws Exception {
        AtomicReference<Double> random = new AtomicReference<>(0.5);
        ExecutionCore core = new ExecutionCore(scheduler, ticker, PollBackoff.DEFAULT, random::get);
        List<String> linesOfA = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> aFailed = new CompletableFuture<>();
        WatchSink sinkOfA = line -> {
            linesOfA.add(line.plainText());
            if (line.plainText().startsWith("PE did not answer as expected")) {
                aFailed.complete(null);
            }
        };
        List<String> linesOfB = new CopyOnWriteArrayList<>();
        PlanRunReference first = submitted(core, Duration.ofMinutes(5));
        PlanRunReference second = submitted(core, Duration.ofMinutes(5));
        sim.faults().forNextRequests(1, fault, PeEndpoint.PLAN_JOB_EVENTS);

        Watch a = core.watch(session, client.urls(), first, sinkOfA, TextMask.NONE);
        scheduler.runUntil(aFailed);
        random.set(0.0); // B's first poll comes at once
        Watch b = core.watch(session, client.urls(), second, line -> linesOfB.add(line.plainText()), TextMask.NONE);
        scheduler.runUntil(CompletableFuture.allOf(a.outcome(), b.outcome()));

        assertThat(a.outcome().get().verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(b.outcome().get().verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(linesOfA).anyMatch(l -> l.contains("HTTP " + fault.status()));
        assertThat(linesOfB).noneMatch(l -> l.contains("(null)"));
        return linesOfB;
    }

    @Test
    void onePlanJobsPeErrorStaysWithItsWatch() throws Exception {
        List<String> linesOfB = secondWatchAfterTheFirstGot(Fault.status(500));

        assertThat(linesOfB)
                .noneMatch(l -> l.startsWith("PE did not answer") || l.startsWith("PE does not answer"))
                .noneMatch(l -> l.contains("injected by the PE simulator"));
    }

    @Test
    void anUnreachableInstallationIsReportedToOtherWatchesInGenericWords() throws Exception {
        List<String> linesOfB = secondWatchAfterTheFirstGot(Fault.status(502).withHtmlBody());

        assertThat(linesOfB)
                .anyMatch(l -> l.startsWith(
                        "PE does not answer at the moment (other builds' requests to it failed); still waiting for"))
                .noneMatch(l -> l.contains("Bad Gateway"));
    }

    @Test
    void callbacksRunOnTheWatchSchedulerNotOnTheClientsHttpThreads() throws Exception {
        ExecutionCore core = core(scheduler);
        PlanRunReference reference = submitted(core, Duration.ofMinutes(5));
        Thread testThread = Thread.currentThread();
        List<String> threads = new CopyOnWriteArrayList<>();
        WatchSink sink = new WatchSink() {
            @Override
            public void log(LogLine line) {
                threads.add(Thread.currentThread().getName());
            }

            @Override
            public void progressed(WatchReference r) {
                threads.add(Thread.currentThread().getName());
            }
        };

        Watch watch = core.watch(session, client.urls(), reference, sink, TextMask.NONE);
        scheduler.runUntil(watch.outcome());

        assertThat(watch.outcome().get().verdict()).isEqualTo(Verdict.SUCCESS);
        // The manual scheduler runs its tasks on the test's thread.
        assertThat(threads).isNotEmpty().allMatch(testThread.getName()::equals);
    }
}
