package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.RetryPolicy;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanRunRequest;
import io.jenkins.plugins.puppetenterprise.core.access.CredentialOrigin;
import io.jenkins.plugins.puppetenterprise.core.job.JobInput;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanRunInput;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.JournalEntry;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatorUrls;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.job.JobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobSnapshot;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.ScriptedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sweeps (issue 13, plans): one list request tells the plan watches of an installation and
 * sweep group (credential) that their jobs ended, so the end is noticed within a sweep interval, not at the next
 * poll; where PE cannot list finished jobs the watches poll one by one as before.
 */
class FinishedWorkSweepSimulatorTest {
    private static final String PLAN = "app::deploy";
    private static final Duration RUNS_FOR = Duration.ofSeconds(45);
    private static final String PASSWORD = "pw-sweep-1";
    /** Folder credentials' provider, as the glue names stores. */
    private static final String FOLDERS = "com.cloudbees.hudson.plugins.folder.properties.FolderCredentialsProvider";

    /** The monotonic time of the tests: the manual scheduler and Jenkins' clock run on it. */
    private final FakeClock ticker = new FakeClock();

    private PeSimulator sim;
    private PeClient client;
    private ManualWatchScheduler scheduler;

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
        sim.scriptPlan(
                PLAN,
                PlanJobScript.succeeding(RUNS_FOR)
                        .withEvents(ScriptedEvent.outMessage(Duration.ofSeconds(5), "canary done")));
        client = PeClient.builder(SimulatorUrls.of(sim), PeCaBundle.fromPem(sim.caPem()))
                .retryPolicy(RetryPolicy.NONE)
                .build();
        scheduler = new ManualWatchScheduler(ticker);
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
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

    private PeSession tokenSession() {
        return client.session(PeCredentials.token(sim.issueToken("deployer")));
    }

    private PlanRunReference submitted(ExecutionCore core, PeSession session) throws Exception {
        Submission submission = core.submitPlanRun(
                        session,
                        client.urls(),
                        "sim",
                        PlanRunInput.builder()
                                .plan(PLAN)
                                .waitTimeout(Duration.ofMinutes(10))
                                .build(),
                        "sweep test",
                        line -> {})
                .get(20, TimeUnit.SECONDS);
        return (PlanRunReference) submission.reference();
    }

    /** Watches the reference until its outcome; returns how long after PE finished the job it was noticed. */
    private Duration noticedAfterPeFinished(ExecutionCore core, PeSession session, PlanRunReference reference)
            throws Exception {
        AtomicReference<Instant> noticed = new AtomicReference<>();
        Watch watch = core.watch(session, client.urls(), reference, line -> {}, TextMask.NONE);
        CompletableFuture<Outcome> outcome = watch.outcome().whenComplete((o, f) -> noticed.set(ticker.instant()));
        scheduler.runUntil(outcome);
        assertThat(outcome.get().verdict()).isEqualTo(Verdict.SUCCESS);
        PlanJobSnapshot job = sim.planJobs().stream()
                .filter(j -> j.name().equals(((PlanRunReference) watch.reference()).planJob()))
                .findFirst()
                .orElseThrow();
        Instant finishedOnJenkinsClock = job.finishedAt()
                .minus(Duration.between(ticker.instant(), sim.clock().instant()));
        return Duration.between(finishedOnJenkinsClock, noticed.get());
    }

    /** Runs what is due in the next {@code duration} of the tests' time. */
    private void runFor(Duration duration) throws InterruptedException {
        CompletableFuture<Void> then = new CompletableFuture<>();
        scheduler.schedule(() -> then.complete(null), duration);
        scheduler.runUntil(then);
    }

    private List<JournalEntry> sweeps() {
        return sim.journal().entries(PeEndpoint.PLAN_JOBS).stream()
                .filter(e -> e.query() != null && e.query().contains("min_finish_timestamp"))
                .toList();
    }

    @Test
    void aPlanThatEndsIsNoticedAtTheNextSweepInsteadOfAtItsNextPoll() throws Exception {
        start(Duration.ZERO);
        ExecutionCore core = core(true);
        PeSession session = tokenSession();

        Duration late = noticedAfterPeFinished(core, session, submitted(core, session));

        assertThat(late).isLessThanOrEqualTo(FinishedWorkSweep.INTERVAL);
        List<JournalEntry> sweeps = sweeps();
        assertThat(sweeps.get(0).query()).as("the probe").contains("limit=1");
        assertThat(sweeps.size())
                .as("about one sweep per interval while it waited")
                .isBetween(20, 30);
        assertThat(sweeps.subList(1, sweeps.size()))
                .allSatisfy(e -> assertThat(e.query()).contains("order=asc", "results=exclude"));
    }

    @Test
    void withinTheBudgetAPlansLogLinesFollowPeWithinTheLogPollInterval() throws Exception {
        start(Duration.ZERO);
        ExecutionCore core = core(true);
        PeSession session = tokenSession();
        PlanRunReference reference = submitted(core, session);
        AtomicReference<Instant> canaryLogged = new AtomicReference<>();

        Watch watch = core.watch(
                session,
                client.urls(),
                reference,
                line -> {
                    if (line.text().contains("canary done")) {
                        canaryLogged.compareAndSet(null, ticker.instant());
                    }
                },
                TextMask.NONE);
        scheduler.runUntil(watch.outcome());

        Instant recorded = reference.submittedAt().plus(Duration.ofSeconds(5));
        assertThat(Duration.between(recorded, canaryLogged.get()))
                .as("the event PE recorded 5 s into the plan reached the log")
                .isLessThanOrEqualTo(Watch.LOG_POLL_INTERVAL.plusSeconds(1));
        assertThat(sim.journal().entries(PeEndpoint.PLAN_JOB_EVENTS))
                .as("about one log poll per interval while the plan ran for 45 s")
                .hasSizeBetween(8, 12);
    }

    @Test
    void withoutSweepsTheSamePlanIsNoticedOnlyAtItsNextPoll() throws Exception {
        start(Duration.ZERO);
        ExecutionCore core = core(false);
        PeSession session = tokenSession();

        Duration late = noticedAfterPeFinished(core, session, submitted(core, session));

        assertThat(late).isGreaterThan(Duration.ofSeconds(5));
        assertThat(sweeps()).isEmpty();
    }

    @Test
    void aClockSkewBetweenJenkinsAndPeDoesNotDelayOrMissTheEnd() throws Exception {
        for (Duration skew : List.of(Duration.ofHours(3), Duration.ofHours(-3))) {
            start(skew);
            ExecutionCore core = core(true);
            PeSession session = tokenSession();

            Duration late = noticedAfterPeFinished(core, session, submitted(core, session));

            assertThat(late).as("PE %s ahead", skew).isLessThanOrEqualTo(FinishedWorkSweep.INTERVAL);
            stop();
        }
        start(Duration.ZERO);
    }

    @Test
    void aWatchResumedAfterItsJobEndedIsToldAtTheFirstSweep() throws Exception {
        start(Duration.ZERO);
        PeSession session = tokenSession();
        PlanRunReference reference = submitted(core(false), session);
        ticker.advance(Duration.ofMinutes(5)); // Jenkins was down while the plan ended

        ExecutionCore resumed = core(true);
        Instant resumedAt = ticker.instant();
        Watch watch = resumed.watch(session, client.urls(), reference, line -> {}, TextMask.NONE);
        scheduler.runUntil(watch.outcome());

        assertThat(watch.outcome().get().verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(Duration.between(resumedAt, ticker.instant())).isLessThan(Duration.ofSeconds(1));
        assertThat(sweeps()).hasSize(2); // the probe, then the sweep that found it
    }

    @Test
    void jobsThatEndedMeanwhileAreReadWithinTwiceTheBudgetPerSecondNotAllAtOnce() throws Exception {
        start(Duration.ZERO);
        PeSession session = tokenSession();
        ExecutionCore before = core(false);
        List<PlanRunReference> references = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            references.add(submitted(before, session));
        }
        ticker.advance(Duration.ofMinutes(5)); // Jenkins was down (or PE away) while they all ended

        ExecutionCore resumed = core(true);
        Instant resumedAt = ticker.instant();
        List<CompletableFuture<Outcome>> outcomes = references.stream()
                .map(r -> resumed.watch(session, client.urls(), r, line -> {}, TextMask.NONE)
                        .outcome())
                .toList();
        scheduler.runUntil(CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.get().verdict()).isEqualTo(Verdict.SUCCESS));
        int budget = PeClient.DEFAULT_REQUESTS_PER_SECOND;
        java.util.Map<Instant, Long> requestsPerSecond = sim.journal().entries().stream()
                .filter(e -> !e.time().isBefore(resumedAt))
                .collect(java.util.stream.Collectors.groupingBy(
                        e -> e.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                        java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()));
        assertThat(requestsPerSecond.values())
                .as("requests per second after the restart")
                .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2L * budget));
        assertThat(requestsPerSecond).as("spread over a few seconds").hasSizeGreaterThan(2);
        assertThat(Duration.between(resumedAt, ticker.instant()))
                .as("25 plans' final reads (three requests each) at most twice the budget per second")
                .isLessThanOrEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aSweepFollowsEveryPageOfWhatFinished() throws Exception {
        start(Duration.ZERO);
        PeSession others = client.session(PeCredentials.token(sim.issueToken("deployer")));
        List<CompletableFuture<String>> otherBuilds = new java.util.ArrayList<>();
        for (int i = 0; i < FinishedWorkSweep.PAGE + 10; i++) {
            otherBuilds.add(others.orchestrator().runPlan(PlanRunRequest.of(PLAN, java.util.Map.of())));
        }
        CompletableFuture.allOf(otherBuilds.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        ticker.advance(Duration.ofSeconds(1)); // the watched plan finishes after all of them
        PeSession session = tokenSession();
        PlanRunReference watched = submitted(core(false), session);
        ticker.advance(Duration.ofMinutes(5));

        ExecutionCore resumed = core(true);
        Instant resumedAt = ticker.instant();
        Watch watch = resumed.watch(session, client.urls(), watched, line -> {}, TextMask.NONE);
        scheduler.runUntil(watch.outcome());

        assertThat(watch.outcome().get().verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(Duration.between(resumedAt, ticker.instant())).isLessThan(Duration.ofSeconds(1));
        assertThat(sweeps())
                .extracting(JournalEntry::query)
                .anySatisfy(q -> assertThat(q).contains("offset=" + FinishedWorkSweep.PAGE));
    }

    /**
     * Watches a plan of each session, added in this order (so {@code last} lends its session to a
     * sweep they share); returns how many list requests PE had in their first 10 s. The sweeps of
     * one group in that time: the probe, PE's newest change and a sweep per interval.
     */
    private int sweepsIn10Seconds(PeSession first, PeSession last) throws Exception {
        ExecutionCore core = core(true);
        PlanRunReference one = submitted(core, first);
        PlanRunReference other = submitted(core, last);

        Watch a = core.watch(first, client.urls(), one, line -> {}, TextMask.NONE);
        Watch b = core.watch(last, client.urls(), other, line -> {}, TextMask.NONE);
        runFor(Duration.ofSeconds(10));
        int sweepsIn10Seconds = sweeps().size();
        scheduler.runUntil(CompletableFuture.allOf(a.outcome(), b.outcome()));

        assertThat(a.outcome().get().verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(b.outcome().get().verdict()).isEqualTo(Verdict.SUCCESS);
        return sweepsIn10Seconds;
    }

    @Test
    void watchesOfTwoPeUsersAreSweptApartEachWithItsOwnSession() throws Exception {
        start(Duration.ZERO);
        sim.addUser("operator", PASSWORD + "-other", UserPermissions.deployer());
        PeSession deployer = tokenSession();
        PeSession operator = client.session(PeCredentials.token(sim.issueToken("operator")));
        assertThat(deployer.sweepGroup()).isNotEqualTo(operator.sweepGroup());

        assertThat(sweepsIn10Seconds(deployer, operator))
                .as("two probes and two sweeps per interval, one for each user")
                .isBetween(2 * 2 + 2 * 4, 2 * 2 + 2 * 6);
    }

    /** One token kept in two folders' stores under one ID: two credentials, swept apart. */
    @Test
    void oneTokenFromTwoStoresIsSweptOncePerStore() throws Exception {
        start(Duration.ZERO);
        String token = sim.issueToken("deployer");
        PeSession teamA = client.session(PeCredentials.token(token), CredentialOrigin.inStore(FOLDERS, "team-a", "pe"));
        PeSession teamB = client.session(PeCredentials.token(token), CredentialOrigin.inStore(FOLDERS, "team-b", "pe"));
        assertThat(teamA.sweepGroup()).isNotEqualTo(teamB.sweepGroup());

        assertThat(sweepsIn10Seconds(teamA, teamB))
                .as("two probes and two sweeps per interval, one for each store")
                .isBetween(2 * 2 + 2 * 4, 2 * 2 + 2 * 6);
    }

    /**
     * The same origin with two tokens (the credential was updated between two builds): each token
     * is swept on its own, with that token, so the one PE no longer accepts fails only its own sweeps.
     */
    @Test
    void twoTokensFromOneOriginAreSweptApartEachWithItsOwnToken() throws Exception {
        start(Duration.ZERO);
        String origin = CredentialOrigin.inStore(FOLDERS, "team-a", "pe");
        String revoked = sim.issueToken("deployer");
        PeSession before = client.session(PeCredentials.token(revoked), origin);
        PeSession after = client.session(PeCredentials.token(sim.issueToken("deployer")), origin);
        assertThat(before.sweepGroup()).isNotEqualTo(after.sweepGroup());
        ExecutionCore core = core(true);
        PlanRunReference one = submitted(core, before);
        PlanRunReference other = submitted(core, after);

        core.watch(before, client.urls(), one, line -> {}, TextMask.NONE);
        Watch b = core.watch(after, client.urls(), other, line -> {}, TextMask.NONE);
        runFor(Duration.ofSeconds(10));
        int sweepsIn10Seconds = sweeps().size();
        sim.revokeToken(revoked);
        runFor(Duration.ofSeconds(10));
        List<JournalEntry> afterRevocation = sweeps().subList(sweepsIn10Seconds, sweeps().size());
        scheduler.runUntil(b.outcome());

        assertThat(b.outcome().get().verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(sweepsIn10Seconds)
                .as("two probes and two sweeps per interval, one for each token")
                .isBetween(2 * 2 + 2 * 4, 2 * 2 + 2 * 6);
        assertThat(afterRevocation)
                .extracting(JournalEntry::status)
                .as("the revoked token's sweeps are refused, the other token's are answered")
                .contains(401, 200);
    }

    /** Two builds with one credential of one store share a sweep. */
    @Test
    void oneCredentialOfOneStoreSharesOneSweep() throws Exception {
        start(Duration.ZERO);
        String token = sim.issueToken("deployer");
        String origin = CredentialOrigin.inStore(FOLDERS, "team-a", "pe");
        PeSession build1 = client.session(PeCredentials.token(token), origin);
        PeSession build2 = client.session(PeCredentials.token(token), origin);
        assertThat(build1.sweepGroup()).isEqualTo(build2.sweepGroup());

        assertThat(sweepsIn10Seconds(build1, build2))
                .as("one probe and one sweep per interval")
                .isBetween(2 + 4, 2 + 6);
    }

    /** The group names neither the secret nor the origin, and the session's text shows neither. */
    @Test
    void theSweepGroupRevealsNeitherTheTokenNorTheOrigin() {
        start(Duration.ZERO);
        String token = sim.issueToken("deployer");
        String origin = CredentialOrigin.inStore(FOLDERS, "team-a", "pe");
        PeSession session = client.session(PeCredentials.token(token), origin);

        assertThat(session.sweepGroup()).matches("[0-9a-f]{64}").doesNotContain(token);
        assertThat(session.toString()).doesNotContain(token).doesNotContain("team-a");
        assertThat(client.session(PeCredentials.token(token)).sweepGroup())
                .as("no origin is an origin of its own")
                .isNotEqualTo(session.sweepGroup());
    }

    @Test
    void aPuppetRunThatEndsIsNoticedAtTheNextSweepOfJobs() throws Exception {
        for (boolean sweeps : List.of(true, false)) {
            start(Duration.ZERO);
            sim.addNode("web01.example.com", "production");
            sim.scriptNextJob(JobScript.allFinishing(RUNS_FOR));
            ExecutionCore core = core(sweeps);
            PeSession session = tokenSession();
            Submission submission = core.submitJob(
                            session,
                            client.urls(),
                            "sim",
                            JobInput.puppetRun()
                                    .nodes(List.of("web01.example.com"))
                                    .build(),
                            "sweep test",
                            line -> {})
                    .get(20, TimeUnit.SECONDS);
            AtomicReference<Instant> noticed = new AtomicReference<>();
            Watch watch = core.watch(session, client.urls(), submission.reference(), line -> {}, TextMask.NONE);
            CompletableFuture<Outcome> outcome = watch.outcome().whenComplete((o, f) -> noticed.set(ticker.instant()));
            scheduler.runUntil(outcome);

            assertThat(outcome.get().verdict()).isEqualTo(Verdict.SUCCESS);
            Duration late =
                    Duration.between(submission.reference().submittedAt().plus(RUNS_FOR), noticed.get());
            List<JournalEntry> jobSweeps = sim.journal().entries(PeEndpoint.JOBS).stream()
                    .filter(e -> e.query() != null && e.query().contains("min_finish_timestamp"))
                    .toList();
            if (sweeps) {
                assertThat(late).as("with sweeps").isLessThanOrEqualTo(FinishedWorkSweep.INTERVAL);
                assertThat(jobSweeps).isNotEmpty();
            } else {
                assertThat(late).as("without sweeps").isGreaterThan(Duration.ofSeconds(5));
                assertThat(jobSweeps).isEmpty();
            }
            stop();
        }
        start(Duration.ZERO);
    }

    @Test
    void whenPeIgnoresTheFinishFilterTheWatchesPollOneByOneAsBefore() throws Exception {
        start(Duration.ZERO);
        sim.planJobListIgnoresFinishFilter(true);
        ExecutionCore core = core(true);
        PeSession session = tokenSession();

        Duration late = noticedAfterPeFinished(core, session, submitted(core, session));

        assertThat(late).isGreaterThan(Duration.ofSeconds(5));
        assertThat(sweeps()).as("only the probe").hasSize(1);
    }

    @Test
    void whenTheCredentialMayNotListPlanJobsTheWatchesPollOneByOneAsBefore() throws Exception {
        start(Duration.ZERO);
        ExecutionCore core = core(true);
        PeSession session = tokenSession();
        PlanRunReference reference = submitted(core, session);
        sim.planJobListForbidden(true);

        Duration late = noticedAfterPeFinished(core, session, reference);

        assertThat(late).isGreaterThan(Duration.ofSeconds(5));
        assertThat(sweeps()).as("only the probe").hasSize(1);
    }

    @Test
    void whenTheLendingBuildEndsTheSweepGoesOnWithAnotherBuildsSessionWithoutALogin() throws Exception {
        start(Duration.ZERO);
        ExecutionCore core = core(true);
        PeSession first = client.session(
                PeCredentials.password("deployer", PASSWORD.toCharArray(), Duration.ofHours(1), "build 1"));
        PeSession second = client.session(
                PeCredentials.password("deployer", PASSWORD.toCharArray(), Duration.ofHours(1), "build 2"));
        assertThat(first.sweepGroup()).isEqualTo(second.sweepGroup());
        PlanRunReference early = submitted(core, second);
        ticker.advance(Duration.ofSeconds(20));
        PlanRunReference late = submitted(core, first);

        Watch earlyWatch = core.watch(second, client.urls(), early, line -> {}, TextMask.NONE);
        Watch lateWatch = core.watch(first, client.urls(), late, line -> {}, TextMask.NONE);
        // the last watch added lends its session: its build ends (tokens revoked) while both wait
        runFor(Duration.ofSeconds(3));
        lateWatch.cancel(false).get(20, TimeUnit.SECONDS);
        first.revokeMintedTokens().get(20, TimeUnit.SECONDS);
        long loginsBefore = sim.journal().count(PeEndpoint.LOGIN);

        AtomicReference<Instant> noticed = new AtomicReference<>();
        CompletableFuture<Outcome> outcome = earlyWatch.outcome().whenComplete((o, f) -> noticed.set(ticker.instant()));
        scheduler.runUntil(outcome);

        assertThat(outcome.get().verdict()).isEqualTo(Verdict.SUCCESS);
        PlanJobSnapshot job = sim.planJobs().stream()
                .filter(j -> j.name().equals(early.planJob()))
                .findFirst()
                .orElseThrow();
        assertThat(Duration.between(job.finishedAt(), noticed.get())).isLessThanOrEqualTo(FinishedWorkSweep.INTERVAL);
        assertThat(sim.journal().count(PeEndpoint.LOGIN))
                .as("no login for the sweep")
                .isEqualTo(loginsBefore);
    }
}
