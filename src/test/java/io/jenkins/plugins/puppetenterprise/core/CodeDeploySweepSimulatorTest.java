package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.RetryPolicy;
import io.jenkins.plugins.puppetenterprise.core.access.CredentialOrigin;
import io.jenkins.plugins.puppetenterprise.core.deploy.CodeDeployInput;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.JournalEntry;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatorUrls;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.deploy.EnvironmentSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deploy sweeps (issue 13): one {@code GET /deploys/status} listing tells the deploy watches of an
 * installation and sweep group (credential) which deploys ended, so the end is noticed within a sweep interval,
 * not at the watch's next poll (every 15 s plus jitter); where the listing cannot serve, the
 * watches poll one by one as before. PE's clock is Jenkins' (the tests' fake clock), started at
 * the real time: the {@code Date} of PE's answers, which the simulator takes from the real clock,
 * then agrees with its queue times.
 */
class CodeDeploySweepSimulatorTest {
    private static final Duration DEPLOYS_FOR = Duration.ofSeconds(45);
    private static final String PASSWORD = "pw-deploy-sweep-1";
    /** Folder credentials' provider, as the glue names stores. */
    private static final String FOLDERS = "com.cloudbees.hudson.plugins.folder.properties.FolderCredentialsProvider";

    private static final Logger LOGGER = Logger.getLogger(CodeDeploySweep.class.getName());
    private static final String FAILURE =
            "Authentication failed for Git remote \"https://git.example.com/control-repo\".";

    private FakeClock ticker;
    private PeSimulator sim;
    private PeClient client;
    private ManualWatchScheduler scheduler;

    private void start() {
        start(Instant.now());
    }

    private void start(Instant at) {
        ticker = new FakeClock(at);
        sim = PeSimulator.start(ticker);
        sim.addUser("deployer", PASSWORD, UserPermissions.deployer());
        sim.putEnvironment(EnvironmentSpec.named("production")
                .withDeployDuration(DEPLOYS_FOR)
                .withSyncDuration(Duration.ZERO));
        sim.putEnvironment(
                EnvironmentSpec.named("broken").withDeployDuration(DEPLOYS_FOR).failingWith(FAILURE));
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

    private PeSession tokenSession(String login) {
        return client.session(PeCredentials.token(sim.issueToken(login)));
    }

    private CodeDeployReference submitted(ExecutionCore core, PeSession session, String... environments)
            throws Exception {
        Submission submission = core.submitDeploy(
                        session,
                        "sim",
                        CodeDeployInput.builder()
                                .environments(List.of(environments))
                                .waitTimeout(Duration.ofMinutes(30))
                                .build(),
                        line -> {})
                .get(20, TimeUnit.SECONDS);
        return (CodeDeployReference) submission.reference();
    }

    private record Noticed(Outcome outcome, Instant at) {}

    private Noticed watched(ExecutionCore core, PeSession session, CodeDeployReference reference) throws Exception {
        AtomicReference<Instant> at = new AtomicReference<>();
        Watch watch = core.watch(session, client.urls(), reference, line -> {}, TextMask.NONE);
        CompletableFuture<Outcome> outcome = watch.outcome().whenComplete((o, f) -> at.set(ticker.instant()));
        scheduler.runUntil(outcome);
        return new Noticed(outcome.get(), at.get());
    }

    /** Runs what is due in the next {@code duration} of the tests' time. */
    private void runFor(Duration duration) throws InterruptedException {
        CompletableFuture<Void> then = new CompletableFuture<>();
        scheduler.schedule(() -> then.complete(null), duration);
        scheduler.runUntil(then);
    }

    /** The whole status listings: the sweeps', and a watch's one read of the deploy signatures. */
    private List<JournalEntry> listings() {
        return sim.journal().entries(PeEndpoint.DEPLOYS_STATUS).stream()
                .filter(e -> e.query() == null)
                .toList();
    }

    private List<JournalEntry> readsById() {
        return sim.journal().entries(PeEndpoint.DEPLOYS_STATUS).stream()
                .filter(e -> e.query() != null && e.query().startsWith("id="))
                .toList();
    }

    @Test
    void aDeployThatEndsBetweenTwoSweepsIsNoticedAtTheNextSweepNotAtItsNextPoll() throws Exception {
        for (boolean sweeps : List.of(true, false)) {
            start();
            ExecutionCore core = core(sweeps);
            PeSession session = tokenSession("deployer");
            CodeDeployReference reference = submitted(core, session, "production");

            Noticed noticed = watched(core, session, reference);

            assertThat(noticed.outcome().verdict()).isEqualTo(Verdict.SUCCESS);
            Duration late = Duration.between(reference.submittedAt().plus(DEPLOYS_FOR), noticed.at());
            if (sweeps) {
                assertThat(late).as("with sweeps").isLessThanOrEqualTo(FinishedWorkSweep.INTERVAL);
                assertThat(listings().size())
                        .as("about one listing per interval while it deployed, and one read of its signature")
                        .isBetween(22, 26);
            } else {
                assertThat(late).as("without sweeps").isGreaterThan(Duration.ofSeconds(5));
                assertThat(listings()).as("only the read of its signature").hasSize(1);
            }
            stop();
        }
        start();
    }

    @Test
    void aFailureTheListingShowsIsToldAtTheFirstSweepOfAResumedWatch() throws Exception {
        start();
        PeSession session = tokenSession("deployer");
        CodeDeployReference reference = submitted(core(false), session, "broken");
        ticker.advance(Duration.ofMinutes(5)); // Jenkins was down while the deploy failed

        Instant resumedAt = ticker.instant();
        Noticed noticed = watched(core(true), session, reference);

        assertThat(noticed.outcome().verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(noticed.outcome().summary()).contains("broken", "Authentication failed");
        assertThat(Duration.between(resumedAt, noticed.at()))
                .as("the listing's failure, not the watch's first poll")
                .isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void withoutIdsAFailureIsMatchedByEnvironmentAndAQueueTimeNoEarlierThanTheDeploys() throws Exception {
        // A failure of the same environment queued ten minutes earlier stays listed, and is nobody's here.
        start(Instant.now().minus(Duration.ofMinutes(10)));
        sim.deployStatusListsWithoutIds(true);
        EnvironmentSpec failsAtOnce = EnvironmentSpec.named("broken").instant().failingWith(FAILURE);
        sim.putEnvironment(failsAtOnce);
        PeSession session = tokenSession("deployer");
        submitted(core(false), session, "broken");
        ticker.advance(Duration.ofMinutes(10)); // PE's clock is the real time again, as its Date header
        ExecutionCore core = core(true);
        sim.putEnvironment(
                EnvironmentSpec.named("broken").withDeployDuration(DEPLOYS_FOR).failingWith(FAILURE));
        CodeDeployReference deploying = submitted(core, session, "broken");
        core.watch(session, client.urls(), deploying, line -> {}, TextMask.NONE);
        runFor(Duration.ofSeconds(5));
        assertThat(readsById())
                .as("the older failure was not taken for this deploy's")
                .isEmpty();

        // A deploy that failed at once was never listed unfinished: only its failure can tell.
        sim.putEnvironment(failsAtOnce);
        CodeDeployReference failed = submitted(core, session, "broken");
        Noticed noticed = watched(core, session, failed);

        assertThat(noticed.outcome().verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(Duration.between(failed.submittedAt(), noticed.at()))
                .as("at the next sweep, not at the watch's first poll")
                .isLessThanOrEqualTo(FinishedWorkSweep.INTERVAL);
    }

    @Test
    void withoutIdsADeployThatLeftTheQueueIsMatchedByEnvironmentAndQueueTime() throws Exception {
        start();
        sim.deployStatusListsWithoutIds(true);
        ExecutionCore core = core(true);
        PeSession session = tokenSession("deployer");
        CodeDeployReference reference = submitted(core, session, "production");

        Noticed noticed = watched(core, session, reference);

        assertThat(noticed.outcome().verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(Duration.between(reference.submittedAt().plus(DEPLOYS_FOR), noticed.at()))
                .isLessThanOrEqualTo(FinishedWorkSweep.INTERVAL);
    }

    @Test
    void aWatchToldThatOneOfItsDeploysEndedReadsJustThatOne() throws Exception {
        start();
        sim.putEnvironment(EnvironmentSpec.named("testing")
                .withDeployDuration(Duration.ofSeconds(3))
                .withSyncDuration(Duration.ZERO));
        ExecutionCore core = core(true);
        PeSession session = tokenSession("deployer");
        CodeDeployReference reference = submitted(core, session, "production", "testing");
        Long testing = reference.deploys().get(1).id();

        Watch watch = core.watch(session, client.urls(), reference, line -> {}, TextMask.NONE);
        runFor(Duration.ofSeconds(6)); // testing ended; the watch's first poll is not due yet

        assertThat(readsById()).extracting(JournalEntry::query).containsExactly("id=" + testing);
        scheduler.runUntil(watch.outcome());
        assertThat(watch.outcome().get().verdict()).isEqualTo(Verdict.SUCCESS);
    }

    /**
     * Deploy sweeps take their share of the installation's budget: two credential groups on a budget
     * of 2 requests per second sweep every 4 s each (a quarter of the budget), not every 2 s.
     */
    @Test
    void deploySweepsOfTwoCredentialsStretchWithinTheBudget() throws Exception {
        start();
        client.close();
        client = PeClient.builder(SimulatorUrls.of(sim), PeCaBundle.fromPem(sim.caPem()))
                .retryPolicy(RetryPolicy.NONE)
                .requestsPerSecond(2)
                .build();
        ExecutionCore core = core(true);
        for (PeSession session : List.of(tokenSession("deployer"), tokenSession("deployer"))) {
            core.watch(session, client.urls(), submitted(core, session, "production"), line -> {}, TextMask.NONE);
        }
        Instant from = ticker.instant();
        runFor(Duration.ofSeconds(20)); // the deploys take 45 s

        assertThat(listings().stream().filter(e -> !e.time().isBefore(from)))
                .as("two groups, each sweeping every 4 s for 20 s")
                .hasSizeBetween(10, 12);
    }

    /**
     * Deployed, the deploy is not read while file sync runs (only the watch's own polls, at the
     * back-off's cadence, read it); the listing, which shows every file-sync client's code, tells
     * when it synced.
     */
    @Test
    void whileFileSyncRunsTheDeployIsReadWhenTheListingShowsItSynced() throws Exception {
        start();
        SyncReads reads = deployedThenSynced();

        assertThat(Duration.between(reads.synced(), reads.noticed())).isLessThanOrEqualTo(FinishedWorkSweep.INTERVAL);
        assertThat(reads.whileSyncing())
                .as("the watch's own polls (every 15 to 17 s) and one read that finds it synced")
                .hasSizeBetween(1, 3)
                .as("no read told by the sweep when it left the queue")
                .noneMatch(t -> t.isBefore(reads.deployed().plus(FinishedWorkSweep.INTERVAL.plusSeconds(1))));
    }

    /**
     * The listing that told of the deploy's end also gives its deploy signature: the watch reads
     * the deploy by id and does not read the whole status again.
     */
    @Test
    void theSignatureOfASweptDeployComesFromTheListingThatToldOfIt() throws Exception {
        start();
        ExecutionCore core = core(true);
        PeSession session = tokenSession("deployer");
        CodeDeployReference reference = submitted(core, session, "production");

        Noticed noticed = watched(core, session, reference);

        assertThat(noticed.outcome().verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(noticed.outcome().result())
                .extracting("environments")
                .extracting("production")
                .extracting("deploySignature")
                .isNotNull();
        Instant toldBy = noticed.at().minus(FinishedWorkSweep.INTERVAL);
        assertThat(listings().stream().filter(e -> e.time().isAfter(toldBy)))
                .as("only the sweep's listing, once per interval")
                .hasSize(1);
    }

    /**
     * An earlier deploy's code went live after ours were queued, so the listing can only guess that
     * ours synced once they left the queue: the reads of such guesses take their turns within the
     * budget (2 per second here), and only reads that find a deploy synced come on top of it. Sent at
     * once, the two guesses read while file sync still ran made three requests in one second.
     */
    @Test
    void readsOfDeploysTheListingOnlyGuessesSyncedStayWithinTheBudget() throws Exception {
        start();
        client.close();
        client = PeClient.builder(SimulatorUrls.of(sim), PeCaBundle.fromPem(sim.caPem()))
                .retryPolicy(RetryPolicy.NONE)
                .requestsPerSecond(2)
                .build();
        AtomicInteger deploys = new AtomicInteger();
        List<Duration> deployFor = List.of(Duration.ofSeconds(5), Duration.ofMillis(20_000), Duration.ofMillis(20_300));
        sim.scriptDeploys(
                "production",
                spec -> spec.withDeployDuration(deployFor.get(deploys.getAndIncrement()))
                        .withSyncDuration(Duration.ofSeconds(3)));
        ExecutionCore core = core(true);
        PeSession session = tokenSession("deployer");
        submitted(core, session, "production"); // live from 8 s on, after ours were queued; not watched
        List<CodeDeployReference> ours =
                List.of(submitted(core, session, "production"), submitted(core, session, "production"));
        Instant from = ticker.instant();
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        for (CodeDeployReference reference : ours) {
            outcomes.add(core.watch(session, client.urls(), reference, line -> {}, TextMask.NONE)
                    .outcome());
        }

        scheduler.runUntil(CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)));

        Map<String, Instant> syncedAt = new HashMap<>();
        sim.deploys().forEach(d -> syncedAt.put("id=" + d.id(), d.finishedAt()));
        Map<Long, Integer> notFinal = new TreeMap<>();
        for (JournalEntry e : sim.journal().entries(PeEndpoint.DEPLOYS_STATUS)) {
            Instant synced = e.query() == null ? null : syncedAt.get(e.query());
            if (!e.time().isBefore(from) && (synced == null || e.time().isBefore(synced))) {
                notFinal.merge(e.time().getEpochSecond(), 1, Integer::sum);
            }
        }
        assertThat(outcomes).allSatisfy(o -> assertThat(o.get().verdict()).isEqualTo(Verdict.SUCCESS));
        assertThat(readsById().stream()
                        .filter(e -> syncedAt.containsKey(e.query()) && e.time().isBefore(syncedAt.get(e.query()))))
                .as("guesses read while file sync still ran")
                .isNotEmpty();
        assertThat(notFinal.values())
                .as("requests per second less the reads that found a deploy synced: %s", notFinal)
                .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
    }

    /** Where the listing does not show the file-sync clients, a syncing deploy is read at every sweep. */
    @Test
    void whereTheListingDoesNotShowFileSyncPerServerTheDeployIsReadEveryIntervalUntilSynced() throws Exception {
        start();
        sim.deployStatusListsNoClientSync(true);
        SyncReads reads = deployedThenSynced();

        assertThat(Duration.between(reads.synced(), reads.noticed())).isLessThanOrEqualTo(FinishedWorkSweep.INTERVAL);
        List<Instant> whileSyncing = reads.whileSyncing();
        assertThat(whileSyncing).hasSizeGreaterThanOrEqualTo(10);
        for (int i = 1; i < whileSyncing.size(); i++) {
            assertThat(Duration.between(whileSyncing.get(i - 1), whileSyncing.get(i)))
                    .as("read by id at every sweep while file sync runs (each a turn of the budget's spacing after it)")
                    .isLessThanOrEqualTo(FinishedWorkSweep.INTERVAL.plusMillis(200));
        }
    }

    private record SyncReads(Instant deployed, Instant synced, Instant noticed, List<Instant> whileSyncing) {}

    /** A deploy of 20 s and a file sync of 25 s, watched to its end: the reads by id from its deploy on. */
    private SyncReads deployedThenSynced() throws Exception {
        Duration deploying = Duration.ofSeconds(20);
        Duration syncing = Duration.ofSeconds(25);
        sim.putEnvironment(EnvironmentSpec.named("production")
                .withDeployDuration(deploying)
                .withSyncDuration(syncing));
        ExecutionCore core = core(true);
        PeSession session = tokenSession("deployer");
        CodeDeployReference reference = submitted(core, session, "production");

        Noticed noticed = watched(core, session, reference);

        assertThat(noticed.outcome().verdict()).isEqualTo(Verdict.SUCCESS);
        Instant deployed = reference.submittedAt().plus(deploying);
        List<Instant> whileSyncing = readsById().stream()
                .map(JournalEntry::time)
                .filter(t -> !t.isBefore(deployed) && !t.isAfter(noticed.at()))
                .toList();
        return new SyncReads(deployed, deployed.plus(syncing), noticed.at(), whileSyncing);
    }

    @Test
    void whenTheListingIsForbiddenTheWatchesPollOneByOneAndTheLogSaysSoOnce() throws Exception {
        start();
        sim.deployStatusListForbidden(true);
        List<String> said = new CopyOnWriteArrayList<>();
        Handler handler = saidTo(said);
        try {
            ExecutionCore core = core(true);
            PeSession session = tokenSession("deployer");
            CodeDeployReference first = submitted(core, session, "production");
            Watch a = core.watch(session, client.urls(), first, line -> {}, TextMask.NONE);
            runFor(Duration.ofSeconds(5));
            CodeDeployReference second = submitted(core, session, "production");
            Watch b = core.watch(session, client.urls(), second, line -> {}, TextMask.NONE);
            AtomicReference<Instant> noticed = new AtomicReference<>();
            a.outcome().whenComplete((o, f) -> noticed.set(ticker.instant()));
            scheduler.runUntil(CompletableFuture.allOf(a.outcome(), b.outcome()));

            assertThat(a.outcome().get().verdict()).isEqualTo(Verdict.SUCCESS);
            assertThat(b.outcome().get().verdict()).isEqualTo(Verdict.SUCCESS);
            assertThat(Duration.between(first.submittedAt().plus(DEPLOYS_FOR), noticed.get()))
                    .as("noticed at the watch's own poll")
                    .isGreaterThan(Duration.ofSeconds(5));
            assertThat(said).as("said once, not again for the second watch").hasSize(1);
            assertThat(said.get(0))
                    .contains("followed one by one", sim.codeManagerUrl().getHost(), "may not read it");
            Instant firstRead = readsById().get(0).time();
            assertThat(listings())
                    .as("one sweep, refused; later listings are the watches' reads of the signatures")
                    .filteredOn(e -> e.time().isBefore(firstRead))
                    .hasSize(1)
                    .allSatisfy(e -> assertThat(e.status()).isEqualTo(403));
        } finally {
            LOGGER.removeHandler(handler);
        }
    }

    @Test
    void whenTheListingHasNoQueueArraysTheWatchPollsOnItsOwn() throws Exception {
        start();
        List<String> said = new CopyOnWriteArrayList<>();
        Handler handler = saidTo(said);
        try {
            ExecutionCore core = core(true);
            PeSession session = tokenSession("deployer");
            CodeDeployReference reference = submitted(core, session, "production");
            sim.deployStatusListsNoQueue(true);

            Noticed noticed = watched(core, session, reference);

            assertThat(noticed.outcome().verdict()).isEqualTo(Verdict.SUCCESS);
            assertThat(Duration.between(reference.submittedAt().plus(DEPLOYS_FOR), noticed.at()))
                    .isGreaterThan(Duration.ofSeconds(5));
            assertThat(said)
                    .hasSize(1)
                    .allSatisfy(words -> assertThat(words).contains("no new, queued, deploying and failed arrays"));
            assertThat(listings())
                    .as("the one sweep and the read of the signature")
                    .hasSize(2);
        } finally {
            LOGGER.removeHandler(handler);
        }
    }

    /** Collects what the sweeps say in Jenkins' log. */
    private static Handler saidTo(List<String> said) {
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                said.add(new SimpleFormatter().formatMessage(record));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        LOGGER.addHandler(handler);
        return handler;
    }

    /** Watches a deploy of each session; returns how many whole listings PE had in their first 10 s. */
    private int listingsIn10Seconds(PeSession first, PeSession last) throws Exception {
        ExecutionCore core = core(true);
        CodeDeployReference one = submitted(core, first, "production");
        CodeDeployReference other = submitted(core, last, "production");

        Watch a = core.watch(first, client.urls(), one, line -> {}, TextMask.NONE);
        Watch b = core.watch(last, client.urls(), other, line -> {}, TextMask.NONE);
        runFor(Duration.ofSeconds(10));
        int listingsIn10Seconds = listings().size();
        scheduler.runUntil(CompletableFuture.allOf(a.outcome(), b.outcome()));

        assertThat(a.outcome().get().verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(b.outcome().get().verdict()).isEqualTo(Verdict.SUCCESS);
        return listingsIn10Seconds;
    }

    @Test
    void watchesOfTwoPeUsersAreSweptApartEachWithItsOwnSession() throws Exception {
        start();
        sim.addUser("operator", PASSWORD + "-other", UserPermissions.deployer());
        PeSession deployer = tokenSession("deployer");
        PeSession operator = tokenSession("operator");
        assertThat(deployer.sweepGroup()).isNotEqualTo(operator.sweepGroup());

        assertThat(listingsIn10Seconds(deployer, operator))
                .as("one listing per interval for each user")
                .isBetween(2 * 5, 2 * 6);
    }

    /** One token kept in two folders' stores under one ID: two credentials, listed apart. */
    @Test
    void oneTokenFromTwoStoresIsListedOncePerStore() throws Exception {
        start();
        String token = sim.issueToken("deployer");
        PeSession teamA = client.session(PeCredentials.token(token), CredentialOrigin.inStore(FOLDERS, "team-a", "pe"));
        PeSession teamB = client.session(PeCredentials.token(token), CredentialOrigin.inStore(FOLDERS, "team-b", "pe"));

        assertThat(listingsIn10Seconds(teamA, teamB))
                .as("one listing per interval for each store")
                .isBetween(2 * 5, 2 * 6);
    }

    /** Two builds with one credential of one store share a listing. */
    @Test
    void oneCredentialOfOneStoreSharesOneListing() throws Exception {
        start();
        String token = sim.issueToken("deployer");
        String origin = CredentialOrigin.inStore(FOLDERS, "team-a", "pe");

        assertThat(listingsIn10Seconds(
                        client.session(PeCredentials.token(token), origin),
                        client.session(PeCredentials.token(token), origin)))
                .as("one listing per interval")
                .isBetween(5, 6);
    }

    @Test
    void whenTheLendingBuildEndsTheSweepGoesOnWithAnotherBuildsSessionWithoutALogin() throws Exception {
        start();
        ExecutionCore core = core(true);
        PeSession first = client.session(
                PeCredentials.password("deployer", PASSWORD.toCharArray(), Duration.ofHours(1), "build 1"));
        PeSession second = client.session(
                PeCredentials.password("deployer", PASSWORD.toCharArray(), Duration.ofHours(1), "build 2"));
        assertThat(first.sweepGroup()).isEqualTo(second.sweepGroup());
        CodeDeployReference early = submitted(core, second, "production");
        ticker.advance(Duration.ofSeconds(20));
        CodeDeployReference late = submitted(core, first, "production");

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
        assertThat(Duration.between(early.submittedAt().plus(DEPLOYS_FOR), noticed.get()))
                .isLessThanOrEqualTo(FinishedWorkSweep.INTERVAL);
        assertThat(sim.journal().count(PeEndpoint.LOGIN))
                .as("no login for the sweep")
                .isEqualTo(loginsBefore);
    }

    @Test
    void noRequestIsSentForADeployAfterItsWatchEnded() throws Exception {
        start();
        ExecutionCore core = core(true);
        PeSession session = tokenSession("deployer");
        List<CodeDeployReference> references = new ArrayList<>();
        references.add(submitted(core, session, "production"));
        references.add(submitted(core, session, "broken"));
        List<Noticed> ends = new ArrayList<>();
        for (CodeDeployReference reference : references) {
            ends.add(watched(core, session, reference));
        }
        Instant lastEnd = ends.get(1).at();

        runFor(Duration.ofMinutes(1));

        assertThat(sim.journal().entries(PeEndpoint.DEPLOYS_STATUS))
                .as("neither a sweep nor a read after the last watch ended")
                .allSatisfy(e -> assertThat(e.time()).isBeforeOrEqualTo(lastEnd));
        assertThat(scheduler.pending()).as("no sweep left scheduled").isZero();
    }
}
