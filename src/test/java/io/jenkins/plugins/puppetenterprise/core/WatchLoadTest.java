package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeSecret;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanRunRequest;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.Fault;
import io.jenkins.plugins.puppetenterprise.simulator.JournalEntry;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeService;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.ScriptedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What many watches cost PE: one request per poll, spread first polls, and one probe instead of a
 * thousand during an outage. Real HTTPS to the simulator on a fake clock; the scheduler runs the
 * watches' steps on the test thread in due order, so nothing sleeps.
 */
class WatchLoadTest {
    private static final String PLAN = "load::plan";
    private static final Duration I = PollBackoff.DEFAULT.max();
    private static final Duration J = PollBackoff.DEFAULT.jitter();

    private FakeClock clock;
    private PeSimulator sim;
    private PeClient client;
    private PeSession session;
    private PeServiceUrls urls;
    private SteppedScheduler scheduler;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        clock = new FakeClock();
        sim = PeSimulator.start(clock);
        sim.addUser("deployer", "pw", UserPermissions.deployer());
        sim.addPlan(PlanSpec.named(PLAN));
        sim.scriptPlan(
                PLAN,
                PlanJobScript.succeeding(Duration.ofMinutes(4))
                        .withEvents(
                                ScriptedEvent.outMessage(Duration.ofSeconds(30), "warming up"),
                                ScriptedEvent.outMessage(Duration.ofMinutes(2), "half way")));
        urls = PeServiceUrls.of(
                "",
                sim.rbacUrl().toString(),
                sim.codeManagerUrl().toString(),
                sim.orchestratorUrl().toString(),
                sim.consoleUrl().toString());
        client = PeClient.builder(urls, PeCaBundle.fromPem(sim.caPem())).build();
        session = client.session(new PeCredentials.Token(PeSecret.of(sim.issueToken("deployer", Duration.ofDays(1)))));
        scheduler = new SteppedScheduler(clock);
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    private ExecutionCore core(DoubleSupplier random) {
        return new ExecutionCore(scheduler, clock, PollBackoff.DEFAULT, random);
    }

    private Watch watchNewRun(ExecutionCore core) throws Exception {
        String name = session.orchestrator()
                .runPlan(PlanRunRequest.of(PLAN, Map.of()))
                .get(20, TimeUnit.SECONDS);
        Instant now = clock.instant();
        PlanRunReference reference = new PlanRunReference(
                "pe", "m-" + name, now, now.plus(Duration.ofHours(1)), PLAN, "production", name, -1, false);
        return watch(core, reference);
    }

    private Watch watch(ExecutionCore core, PlanRunReference reference) {
        Watch watch = core.watch(session, urls, reference, line -> lines.add(line.text()), TextMask.NONE);
        watch.outcome().whenComplete((outcome, failure) -> scheduler.watchEnded());
        return watch;
    }

    /** Uniformly spread numbers in [0, 1) (the golden ratio sequence), deterministic. */
    private static DoubleSupplier spread() {
        double[] x = {0};
        return () -> x[0] = (x[0] + 0.6180339887) % 1;
    }

    @Test
    void aPollIsOneEventsRequestAndTheStateIsReadWhenTheEndEventArrives() throws Exception {
        Instant started = clock.instant();
        Watch watch = watchNewRun(core(() -> 0.5));

        scheduler.runUntil(watch.outcome());

        Outcome outcome = watch.outcome().get();
        assertThat(outcome.verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(lines).contains("[plan] warming up", "[plan] half way");
        int polls = sim.journal().count(PeEndpoint.PLAN_JOB_EVENTS);
        // 4 minutes at 16 s (15 s + half the jitter), the first poll half-way into the first delay.
        assertThat(polls).isEqualTo(16);
        assertThat(sim.journal().count(PeEndpoint.PLAN_JOB))
                .as("one state read, after the end event")
                .isEqualTo(1);
        Duration noticed = Duration.between(started.plus(Duration.ofMinutes(4)), clock.instant());
        assertThat(noticed).isLessThanOrEqualTo(I.plus(J));
    }

    @Test
    void aJobThatEndsWithoutAnEndEventIsNoticedByTheStateCheck() throws Exception {
        sim.scriptPlan(PLAN, PlanJobScript.succeeding(Duration.ofSeconds(20)));
        String name = session.orchestrator()
                .runPlan(PlanRunRequest.of(PLAN, Map.of()))
                .get(20, TimeUnit.SECONDS);
        Instant now = clock.instant();
        // Past every event id: the watch never sees the end event, as with a PE that sends none.
        PlanRunReference reference = new PlanRunReference(
                "pe", "m", now, now.plus(Duration.ofHours(1)), PLAN, "production", name, 1_000_000_000L, false);
        Watch watch = watch(core(() -> 0.5), reference);

        scheduler.runUntil(watch.outcome());

        assertThat(watch.outcome().get().verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(sim.journal().count(PeEndpoint.PLAN_JOB)).isEqualTo(1);
        assertThat(sim.journal().count(PeEndpoint.PLAN_JOB_EVENTS))
                .as("event polls until the state check, which also reads the last events")
                .isEqualTo(PlanRunWatch.STATE_CHECK_EVERY);
    }

    @Test
    void watchesStartedTogetherSpreadTheirFirstPollsOverTheFirstDelay() throws Exception {
        ExecutionCore core = core(spread());
        Instant started = clock.instant();
        List<Watch> watches = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            watches.add(watchNewRun(core));
        }

        scheduler.runUntil(started.plus(I).plus(J));

        List<Instant> firstPolls = sim.journal().entries(PeEndpoint.PLAN_JOB_EVENTS).stream()
                .map(JournalEntry::time)
                .limit(4)
                .toList();
        assertThat(firstPolls)
                .doesNotHaveDuplicates()
                .allSatisfy(
                        t -> assertThat(t).isBetween(started, started.plus(I).plus(J)));
        assertThat(Duration.between(firstPolls.get(0), firstPolls.get(3))).isGreaterThan(I.dividedBy(2));
    }

    @Test
    void duringAnOutageOneWatchProbesAndTheOthersResumeOnTheirOwnRhythm() throws Exception {
        ExecutionCore core = core(spread());
        List<Watch> watches = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            watches.add(watchNewRun(core));
        }
        scheduler.runUntil(clock.instant().plus(Duration.ofSeconds(60)));
        Instant outageStart = clock.instant();
        Instant outageEnd = outageStart.plus(Duration.ofSeconds(30));
        // A proxy's 503 (no PE error object): the installation is unreachable for every watch.
        sim.faults()
                .forDuration(
                        Duration.ofSeconds(30),
                        Fault.status(503).withHtmlBody(),
                        PeEndpoint.of(PeService.ORCHESTRATOR));

        scheduler.runUntil(
                CompletableFuture.allOf(watches.stream().map(Watch::outcome).toArray(CompletableFuture[]::new)));

        assertThat(watches)
                .allSatisfy(w -> assertThat(w.outcome().get().verdict()).isEqualTo(Verdict.SUCCESS));
        List<JournalEntry> during = sim.journal().entries().stream()
                .filter(e -> !e.time().isBefore(outageStart) && e.time().isBefore(outageEnd))
                .toList();
        assertThat(during)
                .as(
                        "one probe per %s, not one poll per watch (20 watches poll about 40 times in 30 s)",
                        ServerReachability.PROBE_INTERVAL)
                .hasSizeLessThanOrEqualTo(16)
                .allSatisfy(e -> assertThat(e.status()).isEqualTo(503));
        long busiestSecondAfter = sim.journal().entries().stream()
                .filter(e -> !e.time().isBefore(outageEnd))
                .collect(java.util.stream.Collectors.groupingBy(
                        e -> e.time().getEpochSecond(), java.util.stream.Collectors.counting()))
                .values()
                .stream()
                .mapToLong(Long::longValue)
                .max()
                .orElse(0);
        assertThat(busiestSecondAfter).as("no burst when PE is back").isLessThanOrEqualTo(4);
        assertThat(lines.stream().filter(l -> l.startsWith("PE did not answer as expected")))
                .hasSizeBetween(1, 20);
        assertThat(lines.stream().filter(l -> l.startsWith("PE answers again")))
                .hasSameSizeAs(lines.stream()
                        .filter(l ->
                                l.startsWith("PE did not answer as expected") || l.startsWith("PE does not answer"))
                        .toList());
    }

    /**
     * Runs scheduled steps on the test thread in due order, moving the fake clock to each. After a
     * step it waits (real time, bounded) until the step's HTTP answers have scheduled the next one
     * or ended the watch.
     */
    private static final class SteppedScheduler implements WatchScheduler {
        private record Task(Instant due, long sequence, FutureTask<Void> work) {}

        private final FakeClock clock;
        private final PriorityQueue<Task> queue = new PriorityQueue<>(
                (a, b) -> a.due.equals(b.due) ? Long.compare(a.sequence, b.sequence) : a.due.compareTo(b.due));
        private long sequence;
        private long scheduled;

        /** A watch ended: its last step scheduled nothing, so the driver need not wait. */
        synchronized void watchEnded() {
            scheduled++;
            notifyAll();
        }

        SteppedScheduler(FakeClock clock) {
            this.clock = clock;
        }

        @Override
        public synchronized Future<?> schedule(Runnable task, Duration delay) {
            FutureTask<Void> work = new FutureTask<>(task, null);
            queue.add(new Task(clock.instant().plus(delay), sequence++, work));
            scheduled++;
            notifyAll();
            return work;
        }

        void runUntil(CompletableFuture<?> done) throws InterruptedException {
            while (!done.isDone()) {
                step(null);
            }
        }

        void runUntil(Instant until) throws InterruptedException {
            while (step(until)) {
                // next step
            }
        }

        /** Runs the next task (if due before {@code until}); false when there is none to run. */
        private boolean step(Instant until) throws InterruptedException {
            Task next;
            long before;
            synchronized (this) {
                while (!queue.isEmpty() && queue.peek().work.isCancelled()) {
                    queue.poll();
                }
                if (queue.isEmpty() || (until != null && queue.peek().due.isAfter(until))) {
                    if (until != null) {
                        clock.set(until);
                        return false;
                    }
                    throw new AssertionError("no watch step is scheduled and the outcome is still open");
                }
                next = queue.poll();
                before = scheduled;
            }
            if (next.due.isAfter(clock.instant())) {
                clock.set(next.due);
            }
            next.work.run();
            synchronized (this) {
                long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (scheduled == before && System.nanoTime() < limit) {
                    TimeUnit.MILLISECONDS.timedWait(this, 50);
                }
            }
            return true;
        }
    }
}
