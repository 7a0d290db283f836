package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.RetryPolicy;
import io.jenkins.plugins.puppetenterprise.client.job.JobScope;
import io.jenkins.plugins.puppetenterprise.client.job.PuppetRunRequest;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanRunRequest;
import io.jenkins.plugins.puppetenterprise.core.deploy.CodeDeployInput;
import io.jenkins.plugins.puppetenterprise.core.job.JobInput;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanRunInput;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.Fault;
import io.jenkins.plugins.puppetenterprise.simulator.JournalEntry;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeService;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatorUrls;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.deploy.EnvironmentSpec;
import io.jenkins.plugins.puppetenterprise.simulator.job.JobApiRelease;
import io.jenkins.plugins.puppetenterprise.simulator.job.JobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Check list of issue 13 for sweeps of plans ({@code GET /plan_jobs}) and of Puppet runs
 * ({@code GET /jobs}), on a fake clock with the manual scheduler: where {@code /jobs} cannot serve
 * (it ignores the filter, listing is forbidden, items carry no {@code finished_timestamp}) the
 * watches poll one by one, said once in Jenkins' log; clock skew; paging while more work finishes;
 * a lending build whose revoked token meets a 401; a watch resumed after a restart; an outage.
 */
class FinishedWorkSweepCheckSimulatorTest {
    private static final String PLAN = "app::deploy";
    private static final String NODE = "web01.example.com";
    private static final Duration RUNS_FOR = Duration.ofSeconds(45);
    private static final String PASSWORD = "pw-sweep-check";
    private static final String FALLBACK = "followed one by one";

    /** The monotonic time of the tests: the manual scheduler and Jenkins' clock run on it. */
    private final FakeClock ticker = new FakeClock();

    private final Logger sweepLogger = Logger.getLogger(FinishedWorkSweep.class.getName());
    private final List<String> sweepLog = new CopyOnWriteArrayList<>();
    private final Handler sweepLogHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            sweepLog.add(MessageFormat.format(record.getMessage(), record.getParameters()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private PeSimulator sim;
    private PeClient client;
    private ManualWatchScheduler scheduler;

    /** One kind of work a sweep lists. */
    private interface Kind {
        /** Submits one work through the core that runs for {@code runFor}. */
        WatchReference submit(ExecutionCore core, PeSession session, Duration runFor) throws Exception;

        /** Starts {@code count} works of others (not watched) that run for {@link #RUNS_FOR}. */
        void startOthers(PeSession session, int count) throws Exception;

        /** The list a sweep reads. */
        PeEndpoint list();

        /** The work's own state. */
        PeEndpoint one();

        /** The path of the work's own state. */
        String path(WatchReference reference);
    }

    private final Kind plans = new Kind() {
        @Override
        public WatchReference submit(ExecutionCore core, PeSession session, Duration runFor) throws Exception {
            sim.scriptNextPlanJob(PLAN, PlanJobScript.succeeding(runFor));
            return core.submitPlanRun(
                            session,
                            client.urls(),
                            "sim",
                            PlanRunInput.builder()
                                    .plan(PLAN)
                                    .waitTimeout(Duration.ofMinutes(10))
                                    .build(),
                            "sweep check",
                            line -> {})
                    .get(20, TimeUnit.SECONDS)
                    .reference();
        }

        @Override
        public void startOthers(PeSession session, int count) throws Exception {
            inBatches(count, () -> session.orchestrator().runPlan(PlanRunRequest.of(PLAN, Map.of())));
        }

        @Override
        public PeEndpoint list() {
            return PeEndpoint.PLAN_JOBS;
        }

        @Override
        public PeEndpoint one() {
            return PeEndpoint.PLAN_JOB;
        }

        @Override
        public String path(WatchReference reference) {
            return "/orchestrator/v1/plan_jobs/" + ((PlanRunReference) reference).planJob();
        }

        @Override
        public String toString() {
            return "plans";
        }
    };

    private final Kind puppetRuns = new Kind() {
        @Override
        public WatchReference submit(ExecutionCore core, PeSession session, Duration runFor) throws Exception {
            sim.scriptNextJob(JobScript.allFinishing(runFor));
            return core.submitJob(
                            session,
                            client.urls(),
                            "sim",
                            JobInput.puppetRun().nodes(List.of(NODE)).build(),
                            "sweep check",
                            line -> {})
                    .get(20, TimeUnit.SECONDS)
                    .reference();
        }

        @Override
        public void startOthers(PeSession session, int count) throws Exception {
            inBatches(
                    count,
                    () -> session.jobs().runPuppet(PuppetRunRequest.on(JobScope.nodes(List.of(NODE)), "production")));
        }

        @Override
        public PeEndpoint list() {
            return PeEndpoint.JOBS;
        }

        @Override
        public PeEndpoint one() {
            return PeEndpoint.JOB;
        }

        @Override
        public String path(WatchReference reference) {
            return "/orchestrator/v1/jobs/" + ((JobReference) reference).job();
        }

        @Override
        public String toString() {
            return "Puppet runs";
        }
    };

    @BeforeEach
    void captureSweepLog() {
        sweepLogger.addHandler(sweepLogHandler);
    }

    @AfterEach
    void stop() {
        sweepLogger.removeHandler(sweepLogHandler);
        stopPe();
    }

    private void stopPe() {
        if (sim != null) {
            client.close();
            sim.close();
            sim = null;
        }
        sweepLog.clear();
    }

    /** Starts PE with its clock {@code skew} ahead of Jenkins'. */
    private void start(Duration skew) {
        Clock peClock = new Clock() {
            @Override
            public Instant instant() {
                return ticker.instant().plus(skew);
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        sim = PeSimulator.start(peClock);
        sim.addUser("deployer", PASSWORD, UserPermissions.deployer());
        sim.addPlan(PlanSpec.named(PLAN));
        sim.scriptPlan(PLAN, PlanJobScript.succeeding(RUNS_FOR));
        sim.addNode(NODE, "production");
        sim.scriptJobs(JobScript.allFinishing(RUNS_FOR));
        client = PeClient.builder(SimulatorUrls.of(sim), PeCaBundle.fromPem(sim.caPem()))
                .retryPolicy(RetryPolicy.NONE)
                .build();
        scheduler = new ManualWatchScheduler(ticker);
    }

    private ExecutionCore core(boolean sweeps) {
        return new ExecutionCore(
                scheduler,
                ticker,
                () -> TimeUnit.MILLISECONDS.toNanos(ticker.millis()),
                PollBackoff.DEFAULT,
                () -> 0.5,
                sweeps);
    }

    private PeSession tokenSession(String login) {
        return client.session(PeCredentials.token(sim.issueToken(login)));
    }

    private PeSession passwordSession(String build) {
        return client.session(PeCredentials.password("deployer", PASSWORD.toCharArray(), Duration.ofHours(1), build));
    }

    /** Starts work a few dozen requests at a time, as many builds would. */
    private static void inBatches(int count, java.util.function.Supplier<CompletableFuture<String>> start)
            throws Exception {
        for (int done = 0; done < count; ) {
            List<CompletableFuture<String>> batch = new ArrayList<>();
            for (int i = 0; i < 25 && done < count; i++, done++) {
                batch.add(start.get());
            }
            CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
    }

    /** A watch, the lines it logged and when its outcome completed on Jenkins' clock. */
    private record Watched(Watch watch, List<String> lines, AtomicReference<Instant> noticed) {
        Verdict verdict() throws Exception {
            return watch.outcome().get().verdict();
        }
    }

    private Watched watch(ExecutionCore core, PeSession session, WatchReference reference) {
        return watched(sink -> core.watch(session, client.urls(), reference, sink, TextMask.NONE));
    }

    /** As the glue resumes a step's watch after a controller restart. */
    private Watched resume(ExecutionCore core, PeSession session, WatchReference reference) {
        return watched(sink -> core.resume(session, client.urls(), reference, sink, TextMask.NONE));
    }

    private Watched watched(Function<WatchSink, Watch> start) {
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicReference<Instant> noticed = new AtomicReference<>();
        Watch watch = start.apply(line -> lines.add(line.text()));
        watch.outcome().whenComplete((o, f) -> noticed.set(ticker.instant()));
        return new Watched(watch, lines, noticed);
    }

    /** How long after PE finished the work (on Jenkins' clock: submitted plus its run) it was noticed. */
    private static Duration late(Watched watched, Duration runFor) {
        return Duration.between(
                watched.watch().reference().submittedAt().plus(runFor),
                watched.noticed().get());
    }

    /** Runs what is due in the next {@code duration} of the tests' time. */
    private void runFor(Duration duration) throws InterruptedException {
        CompletableFuture<Void> then = new CompletableFuture<>();
        scheduler.schedule(() -> then.complete(null), duration);
        scheduler.runUntil(then);
    }

    private List<JournalEntry> sweeps(Kind kind) {
        return sim.journal().entries(kind.list()).stream()
                .filter(e -> e.query() != null && e.query().contains("min_finish_timestamp"))
                .toList();
    }

    /** The reads of the work's own state since {@code from}. */
    private List<JournalEntry> stateReads(Kind kind, WatchReference reference, Instant from) {
        return sim.journal().entries(kind.one()).stream()
                .filter(e -> e.path().equals(kind.path(reference)) && !e.time().isBefore(from))
                .toList();
    }

    private List<String> fallbackMessages() {
        return sweepLog.stream().filter(m -> m.contains(FALLBACK)).toList();
    }

    // --- /jobs cannot serve: the watches poll one by one, said once ---

    /**
     * Two Puppet-run watches where {@code /jobs} cannot serve: the first finds it out with the probe
     * and says so once; the second, added later, neither probes nor says it again; both complete by
     * their own polls.
     */
    private void jobWatchesPollOneByOne(Consumer<PeSimulator> cannotServe, String reason) throws Exception {
        start(Duration.ZERO);
        ExecutionCore core = core(true);
        PeSession session = tokenSession("deployer");
        WatchReference first = puppetRuns.submit(core, session, RUNS_FOR);
        WatchReference second = puppetRuns.submit(core, session, RUNS_FOR);
        cannotServe.accept(sim);

        Watched one = watch(core, session, first);
        runFor(Duration.ofSeconds(10));
        Watched two = watch(core, session, second);
        scheduler.runUntil(
                CompletableFuture.allOf(one.watch().outcome(), two.watch().outcome()));

        assertThat(one.verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(two.verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(fallbackMessages()).as("said once in Jenkins' log").hasSize(1);
        assertThat(fallbackMessages().get(0)).startsWith("Jobs on ").contains(reason);
        assertThat(sweeps(puppetRuns)).as("only the probe").hasSize(1);
        assertThat(late(one, RUNS_FOR)).as("noticed at its own poll").isGreaterThan(FinishedWorkSweep.INTERVAL);
        assertThat(late(two, RUNS_FOR)).as("noticed at its own poll").isGreaterThan(FinishedWorkSweep.INTERVAL);
    }

    @Test
    void whenJobsListedIgnoreTheFinishFilterTheWatchesPollOneByOneSaidOnce() throws Exception {
        jobWatchesPollOneByOne(pe -> pe.jobApiRelease(JobApiRelease.PE_2021_5), "ignores min_finish_timestamp");
    }

    @Test
    void whenTheCredentialMayNotListJobsTheWatchesPollOneByOneSaidOnce() throws Exception {
        jobWatchesPollOneByOne(pe -> pe.jobListForbidden(true), "may not list jobs");
    }

    /**
     * PE before 2019.8.5 shows no {@code finished_timestamp} (nor {@code type}, nor start times);
     * it also ignores the filter, which the probe notices first. The plugin sends {@code
     * userdata}, which such a release does not take, so the jobs are started on a newer release's
     * API and followed on the old one's.
     */
    @Test
    void whenJobsCarryNoFinishedTimestampTheWatchesPollOneByOneSaidOnce() throws Exception {
        jobWatchesPollOneByOne(pe -> pe.jobApiRelease(JobApiRelease.PE_2019_8_0), "ignores min_finish_timestamp");
    }

    // --- the Check list, for plans and Puppet runs ---

    @Test
    void aClockSkewBetweenJenkinsAndPeDoesNotDelayOrMissTheEndOfAPuppetRun() throws Exception {
        for (Duration skew : List.of(Duration.ofHours(3), Duration.ofHours(-3))) {
            start(skew);
            ExecutionCore core = core(true);
            PeSession session = tokenSession("deployer");
            Watched watched = watch(core, session, puppetRuns.submit(core, session, RUNS_FOR));
            scheduler.runUntil(watched.watch().outcome());

            assertThat(watched.verdict()).isEqualTo(Verdict.SUCCESS);
            assertThat(late(watched, RUNS_FOR)).as("PE %s ahead", skew).isLessThanOrEqualTo(FinishedWorkSweep.INTERVAL);
            assertThat(fallbackMessages()).isEmpty();
            stopPe();
        }
    }

    /**
     * 1,100 works of others end at once with the one watched, which lists last (the highest id of
     * that second): the sweep reads three pages. While it reads them PE takes a second, in which a
     * second watched work ends: it lists after all of them, on the last page or at the next sweep.
     */
    @Test
    void aSweepThatPagesWhileMoreWorkEndsMissesNoneOfIt() throws Exception {
        for (Kind kind : List.of(plans, puppetRuns)) {
            start(Duration.ZERO);
            PeSession others = tokenSession("deployer");
            kind.startOthers(others, 2 * FinishedWorkSweep.PAGE + 100);
            ExecutionCore core = core(true);
            PeSession session = tokenSession("deployer");
            Instant batchEnds = ticker.instant().plus(RUNS_FOR);
            Watched withTheBatch = watch(core, session, kind.submit(core, session, RUNS_FOR));
            Duration midWalk = RUNS_FOR.plusMillis(1500);
            Watched duringTheWalk = watch(core, session, kind.submit(core, session, midWalk));
            AtomicBoolean paused = new AtomicBoolean();
            sim.journal().onRecord(entry -> {
                if (entry.endpoint() == kind.list()
                        && entry.query().contains("min_finish_timestamp")
                        && entry.query().contains("offset=0")
                        && !entry.time().isBefore(batchEnds)
                        && paused.compareAndSet(false, true)) {
                    ticker.advance(Duration.ofSeconds(1)); // PE is slow to answer the first page
                }
            });
            scheduler.runUntil(CompletableFuture.allOf(
                    withTheBatch.watch().outcome(), duringTheWalk.watch().outcome()));

            assertThat(withTheBatch.verdict()).isEqualTo(Verdict.SUCCESS);
            assertThat(duringTheWalk.verdict()).isEqualTo(Verdict.SUCCESS);
            assertThat(paused).as("%s: the walk paused", kind).isTrue();
            assertThat(sweeps(kind))
                    .extracting(JournalEntry::query)
                    .as("%s: the sweep read every page", kind)
                    .anySatisfy(q -> assertThat(q).contains("offset=" + 2 * FinishedWorkSweep.PAGE));
            Duration pause = Duration.ofSeconds(1);
            assertThat(late(withTheBatch, RUNS_FOR))
                    .as("%s: on the last page", kind)
                    .isLessThanOrEqualTo(FinishedWorkSweep.INTERVAL.plus(pause));
            assertThat(late(duringTheWalk, midWalk))
                    .as("%s: ended during the walk", kind)
                    .isLessThanOrEqualTo(FinishedWorkSweep.INTERVAL.plus(pause));
            stopPe();
        }
    }

    /**
     * The build lending its session to the sweep ends while a sweep's request with its token is on
     * its way: its watch leaves the sweep and its tokens are revoked, so PE answers that request
     * 401. The sweep neither fails the other build's watch nor writes in its log, nothing logs in,
     * and the next sweep goes on with the other build's session and tells the other watch in time.
     */
    @Test
    void aRevokedBorrowedTokenNeitherFailsNorLogsInAnotherWatch() throws Exception {
        for (Kind kind : List.of(plans, puppetRuns)) {
            start(Duration.ZERO);
            ExecutionCore core = core(true);
            PeSession lender = passwordSession("build 1");
            PeSession other = passwordSession("build 2");
            assertThat(lender.sweepGroup()).isEqualTo(other.sweepGroup());
            Watched otherBuild = watch(core, other, kind.submit(core, other, RUNS_FOR));
            Watched lendingBuild = watch(core, lender, kind.submit(core, lender, Duration.ofMinutes(5)));
            runFor(Duration.ofSeconds(3)); // the watches poll first at 7.5 s: only sweeps until then
            long loginsBefore = sim.journal().count(PeEndpoint.LOGIN);

            // PE holds the next sweep (sent with the lender's token) a while before it reads the token
            sim.faults().forNextRequests(1, Fault.delay(Duration.ofSeconds(3)), kind.list());
            CompletableFuture<Void> buildEnded = CompletableFuture.runAsync(() -> {
                try {
                    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (sim.faults().armed() > 0 && System.nanoTime() < giveUp) {
                        Thread.sleep(10); // the request is not at PE yet
                    }
                    lendingBuild.watch().cancel(false).get(20, TimeUnit.SECONDS);
                    lender.revokeMintedTokens().get(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            scheduler.runUntil(otherBuild.watch().outcome());
            buildEnded.get(20, TimeUnit.SECONDS);

            assertThat(sweeps(kind))
                    .as("%s: the sweep on its way met the 401", kind)
                    .anySatisfy(e -> assertThat(e.status()).isEqualTo(401));
            assertThat(otherBuild.verdict()).isEqualTo(Verdict.SUCCESS);
            assertThat(late(otherBuild, RUNS_FOR)).as("%s", kind).isLessThanOrEqualTo(FinishedWorkSweep.INTERVAL);
            assertThat(sim.journal().count(PeEndpoint.LOGIN))
                    .as("%s: no login after the revocation", kind)
                    .isEqualTo(loginsBefore);
            assertThat(otherBuild.lines())
                    .as("%s: nothing of it in the other build's log", kind)
                    .noneMatch(line -> line.contains("401")
                            || line.contains("token")
                            || line.contains("session")
                            || line.contains("log in"));
            assertThat(fallbackMessages()).as("%s: no fallback", kind).isEmpty();
            stopPe();
        }
    }

    /**
     * Jenkins was down while the work ended: the resumed watch notices it with one read of the
     * work's own state, at once, and reads it no more.
     */
    @Test
    void aWatchResumedAfterItsWorkEndedNoticesItWithOneDirectRead() throws Exception {
        for (Kind kind : List.of(plans, puppetRuns)) {
            start(Duration.ZERO);
            PeSession session = tokenSession("deployer");
            WatchReference reference = kind.submit(core(false), session, RUNS_FOR);
            ticker.advance(Duration.ofMinutes(3));
            kind.startOthers(tokenSession("deployer"), 1); // PE's newest change is later than the end
            ticker.advance(Duration.ofMinutes(2));

            Instant resumedAt = ticker.instant();
            Watched resumed = resume(core(true), session, reference);
            scheduler.runUntil(resumed.watch().outcome());

            assertThat(resumed.verdict()).isEqualTo(Verdict.SUCCESS);
            assertThat(Duration.between(resumedAt, resumed.noticed().get()))
                    .as("%s", kind)
                    .isLessThan(Duration.ofSeconds(1));
            assertThat(stateReads(kind, reference, resumedAt))
                    .as("%s: one direct read", kind)
                    .hasSize(1);
            stopPe();
        }
    }

    /**
     * A resumed watch whose work still runs reads its state once, at its first poll, then relies on
     * the sweeps (its log polls read events only); a watch started anew reads no state while its
     * work runs.
     */
    @Test
    void aResumedWatchReadsItsWorksStateOnceBeforeRelyingOnSweeps() throws Exception {
        for (Kind kind : List.of(plans, puppetRuns)) {
            start(Duration.ZERO);
            PeSession session = tokenSession("deployer");
            WatchReference reference = kind.submit(core(false), session, Duration.ofMinutes(5));
            Instant resumedAt = ticker.instant();
            ExecutionCore core = core(true);
            Watched resumed = resume(core, session, reference);
            runFor(Duration.ofMinutes(2));

            assertThat(resumed.watch().outcome()).isNotDone();
            assertThat(stateReads(kind, reference, resumedAt))
                    .as("%s: one direct read while the work runs", kind)
                    .hasSize(1);

            WatchReference fresh = kind.submit(core, session, Duration.ofMinutes(5));
            Instant startedAt = ticker.instant();
            Watched started = watch(core, session, fresh);
            runFor(Duration.ofMinutes(2));

            assertThat(started.watch().outcome()).isNotDone();
            assertThat(stateReads(kind, fresh, startedAt))
                    .as("%s: a watch started anew leaves the end to the sweeps", kind)
                    .isEmpty();
            stopPe();
        }
    }

    /**
     * PE answers 503 for a minute, and the work ends meanwhile: the sweeps keep trying, the first
     * that PE answers tells the watch, and no fallback is taken for an outage.
     */
    @Test
    void workThatEndsDuringAnOutageIsNoticedAtTheFirstSweepAfterIt() throws Exception {
        for (Kind kind : List.of(plans, puppetRuns)) {
            start(Duration.ZERO);
            ExecutionCore core = core(true);
            PeSession session = tokenSession("deployer");
            Watched watched = watch(core, session, kind.submit(core, session, RUNS_FOR));
            runFor(Duration.ofSeconds(30));
            Duration outage = Duration.ofMinutes(1);
            sim.faults().forDuration(outage, Fault.status(503), PeEndpoint.of(PeService.ORCHESTRATOR));
            Instant answersAgain = ticker.instant().plus(outage);
            scheduler.runUntil(watched.watch().outcome());

            assertThat(watched.verdict()).isEqualTo(Verdict.SUCCESS);
            assertThat(sweeps(kind))
                    .as("%s: sweeps during the outage", kind)
                    .anySatisfy(e -> assertThat(e.status()).isEqualTo(503));
            assertThat(watched.noticed().get()).as("%s", kind).isAfterOrEqualTo(answersAgain);
            assertThat(Duration.between(answersAgain, watched.noticed().get()))
                    .as("%s: noticed at the first sweep PE answers", kind)
                    .isLessThanOrEqualTo(FinishedWorkSweep.INTERVAL);
            assertThat(fallbackMessages())
                    .as("%s: an outage is no reason to poll one by one", kind)
                    .isEmpty();
            stopPe();
        }
    }

    /**
     * One watched work ends before the outage (so the sweeps know PE's now, as while work keeps
     * ending), then PE answers 503 for 30 s while 25 watched works end; ten more end 0.2 to 2 s after PE answers
     * again, some before its first answered sweep, which as a whole follows the last one by far more
     * than the interval: what it lists is backlog, drained at most twice the budget per second (no
     * second holds more, besides the final reads of what ended after that sweep, read at once), the
     * newest end first, so those that ended as PE answered again are read before the outage's.
     */
    @Test
    void afterAnOutageTheNewestEndsAreReadFirstAndNoSecondHoldsMoreThanTwiceTheBudget() throws Exception {
        for (Kind kind : List.of(plans, puppetRuns)) {
            start(Duration.ZERO);
            ExecutionCore core = core(true);
            PeSession session = tokenSession("deployer");
            Duration outageIn = Duration.ofSeconds(8);
            Duration outage = Duration.ofSeconds(30);
            Instant answersAgain = ticker.instant().plus(outageIn).plus(outage);
            Watched before = watch(core, session, kind.submit(core, session, Duration.ofSeconds(3)));
            List<Watched> during = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                during.add(watch(core, session, kind.submit(core, session, Duration.ofSeconds(15))));
            }
            Map<Watched, Instant> after = new LinkedHashMap<>();
            for (int i = 1; i <= 10; i++) {
                Instant finishes = answersAgain.plusMillis(200L * i);
                Duration runFor = Duration.between(ticker.instant(), finishes);
                after.put(watch(core, session, kind.submit(core, session, runFor)), finishes);
            }
            runFor(outageIn);
            assertThat(before.watch().outcome())
                    .as("%s: ended before the outage", kind)
                    .isDone();
            sim.faults().forDuration(outage, Fault.status(503), PeEndpoint.of(PeService.ORCHESTRATOR));
            List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
            during.forEach(w -> outcomes.add(w.watch().outcome()));
            after.keySet().forEach(w -> outcomes.add(w.watch().outcome()));
            scheduler.runUntil(CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)));

            Instant firstAnswered = sweeps(kind).stream()
                    .filter(e -> e.status() == 200 && !e.time().isBefore(answersAgain))
                    .findFirst()
                    .orElseThrow()
                    .time();
            List<Watched> toldByIt = after.entrySet().stream()
                    .filter(e -> !e.getValue().isAfter(firstAnswered))
                    .map(Map.Entry::getKey)
                    .toList();
            assertThat(toldByIt)
                    .as("%s: some ended before the first sweep PE answers", kind)
                    .isNotEmpty();
            Instant lastOfOutage = during.stream()
                    .map(w -> w.noticed().get())
                    .max(Instant::compareTo)
                    .orElseThrow();
            int budget = PeClient.DEFAULT_REQUESTS_PER_SECOND;
            assertThat(Duration.between(firstAnswered, lastOfOutage))
                    .as("%s: the outage's 25 final reads as backlog, at most %d requests per second", kind, 2 * budget)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1500))
                    .isLessThanOrEqualTo(Duration.ofSeconds(10));
            // as the cap reads: twice the budget plus the final reads of what ended after the first sweep PE answered
            List<String> endedLater = after.keySet().stream()
                    .filter(w -> !toldByIt.contains(w))
                    .map(w -> kind.path(w.watch().reference()))
                    .toList();
            List<Instant> afterOutage = sim.journal().entries().stream()
                    .filter(e -> endedLater.stream()
                            .noneMatch(path -> e.path().equals(path) || e.path().startsWith(path + "/")))
                    .map(JournalEntry::time)
                    .filter(t -> !t.isBefore(answersAgain) && !t.isAfter(lastOfOutage))
                    .sorted()
                    .toList();
            for (int i = 0; i + 2 * budget < afterOutage.size(); i++) {
                assertThat(Duration.between(afterOutage.get(i), afterOutage.get(i + 2 * budget)))
                        .as("%s: requests %d to %d after the outage within one second", kind, i, i + 2 * budget)
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            }
            // the watch probing PE during the outage may read its own end before any sweep
            Instant firstOfOutageSwept = during.stream()
                    .map(w -> w.noticed().get())
                    .filter(noticed -> noticed.isAfter(firstAnswered))
                    .min(Instant::compareTo)
                    .orElseThrow();
            for (Watched watched : toldByIt) {
                assertThat(watched.verdict()).isEqualTo(Verdict.SUCCESS);
                assertThat(watched.noticed().get())
                        .as("%s: ended after PE answered again, read before what waited through the outage", kind)
                        .isBefore(firstOfOutageSwept);
            }
            stopPe();
        }
    }
    /**
     * A deploy that synced in the outage's last second is backlog like the plans that ended earlier
     * in it (60 plans: six seconds of backlog), and ranks among them by the time its code went live on every server (the listing's
     * file sync): read newest end first, it comes before the plans, not after all of them.
     */
    @Test
    void aDeploySyncedJustBeforePeAnswersAgainIsReadBeforeThePlansThatEndedEarlierInTheOutage() throws Exception {
        start(Duration.ZERO);
        Duration outageIn = Duration.ofSeconds(8);
        Duration outage = Duration.ofSeconds(30);
        // two environments: the deploy's reads weigh as much as a plan's, so they cannot slip into a second's last turn
        for (String environment : List.of("production", "staging")) {
            sim.putEnvironment(EnvironmentSpec.named(environment)
                    .withDeployDuration(outageIn.plus(outage).minusSeconds(1))
                    .withSyncDuration(Duration.ZERO));
        }
        ExecutionCore core = core(true);
        PeSession session = tokenSession("deployer");
        Submission deploy = core.submitDeploy(
                        session,
                        "sim",
                        CodeDeployInput.builder()
                                .environments(List.of("production", "staging"))
                                .waitTimeout(Duration.ofMinutes(10))
                                .build(),
                        line -> {})
                .get(20, TimeUnit.SECONDS);
        Watched deployWatch = watch(core, session, deploy.reference());
        List<Watched> plansInOutage = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            plansInOutage.add(watch(core, session, plans.submit(core, session, Duration.ofSeconds(12))));
        }
        runFor(outageIn);
        sim.faults().forDuration(outage, Fault.status(503), PeEndpoint.of(PeService.ORCHESTRATOR));
        // Code Manager answers again a little later: its listing comes while the plans' backlog waits
        sim.faults().forDuration(outage.plusMillis(1500), Fault.status(503), PeEndpoint.of(PeService.CODE_MANAGER));
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        outcomes.add(deployWatch.watch().outcome());
        plansInOutage.forEach(w -> outcomes.add(w.watch().outcome()));
        scheduler.runUntil(CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)));

        assertThat(deployWatch.verdict()).isEqualTo(Verdict.SUCCESS);
        List<Instant> plansNoticed =
                plansInOutage.stream().map(w -> w.noticed().get()).sorted().toList();
        assertThat(deployWatch.noticed().get())
                .as("the deploy that synced last is read before the plans still waiting, which ended before it")
                .isBefore(plansNoticed.get(plansNoticed.size() - 10));
    }
}
