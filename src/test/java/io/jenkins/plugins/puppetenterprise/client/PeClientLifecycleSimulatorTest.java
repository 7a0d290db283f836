package io.jenkins.plugins.puppetenterprise.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.plan.PlanList;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.Fault;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the client and its sessions end, against the simulator: nothing outstanding is stranded by
 * {@link PeClient#close()}, and no token a session minted outlives the session.
 */
class PeClientLifecycleSimulatorTest {
    private static final String PASSWORD = "correct horse battery";
    private static final Duration AWAIT = Duration.ofSeconds(30);

    private PeSimulator pe;
    private FakeClock clock;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void startSimulator() {
        clock = new FakeClock();
        pe = PeSimulator.start(clock);
        pe.addUser("deployer", PASSWORD, UserPermissions.deployer());
        pe.addPlan(PlanSpec.named("canary"));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        pe.close();
    }

    private PeServiceUrls urls() {
        return PeServiceUrls.of(
                "",
                pe.rbacUrl().toString(),
                pe.codeManagerUrl().toString(),
                pe.orchestratorUrl().toString(),
                pe.consoleUrl().toString());
    }

    private PeClient.Builder clientBuilder() {
        return PeClient.builder(urls(), PeCaBundle.fromPem(pe.caPem()))
                .retryPolicy(new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(4)))
                .random(new SplittableRandom(1))
                .requestTimeout(Duration.ofSeconds(20));
    }

    private PeClient client() {
        PeClient client = clientBuilder().build();
        toClose.add(client);
        return client;
    }

    private static PeSession passwordSession(PeClient client) {
        return client.session(
                new PeCredentials.Password("deployer", PeSecret.of(PASSWORD), Duration.ofHours(1), "jenkins app #7"));
    }

    private static Throwable failureOf(CompletableFuture<?> future) throws Exception {
        try {
            future.get(AWAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure, got " + future.join());
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(AWAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void closingTheClientFailsARequestWaitingToRetry() throws Exception {
        ScheduledThreadPoolExecutor retries = new ScheduledThreadPoolExecutor(1);
        toClose.add(retries::shutdownNow);
        PeClient client = clientBuilder()
                .scheduler(retries)
                .retryPolicy(new RetryPolicy(4, Duration.ofHours(1), Duration.ofHours(1)))
                .build();
        pe.faults().forNextRequests(1, Fault.status(503), PeEndpoint.PLANS);
        CompletableFuture<PlanList> plans = client.session(
                        new PeCredentials.Token(PeSecret.of(pe.issueToken("deployer"))))
                .orchestrator()
                .plans(null);
        // The scheduler also holds each attempt's deadline; wait for the retry, an hour away.
        while (retries.getQueue().stream()
                .map(task -> (ScheduledFuture<?>) task)
                .noneMatch(task -> !task.isCancelled() && task.getDelay(TimeUnit.MINUTES) > 30)) {
            Thread.onSpinWait(); // the 503 arrived and the retry waits an hour on the scheduler
        }

        client.close();

        assertThat(failureOf(plans)).isInstanceOf(PeTransientException.class).hasMessageContaining("client was closed");
        assertThat(pe.journal().count(PeEndpoint.PLANS)).isEqualTo(1);
    }

    @Test
    void anAnswerWhoseHandOffIsRefusedCompletesOnTheCallingThread() throws Exception {
        ExecutorService closedPool = Executors.newSingleThreadExecutor();
        closedPool.shutdown();
        PeServiceUrls urls = urls();
        PeHttpTransport transport = new PeHttpTransport(
                HttpClient.newBuilder()
                        .sslContext(PeCaBundle.fromPem(pe.caPem()).sslContext())
                        .build(),
                closedPool,
                urls,
                new ScheduledThreadPoolExecutor(1),
                RetryPolicy.NONE,
                new SplittableRandom(1),
                PeClient.DEFAULT_MAX_ANSWER_BYTES);
        PeRequest listPlans = new PeRequest(
                PeService.ORCHESTRATOR,
                "GET",
                PeService.ORCHESTRATOR.apiPath() + "/plans",
                Map.of("environment", "production"),
                null,
                PeSecret.of(pe.issueToken("deployer")),
                Duration.ofSeconds(20),
                PeRequest.Repeat.NEVER,
                "list the plans",
                null,
                null);

        assertThat(await(transport.send(listPlans)).has("items")).isTrue();
        assertThat(await(transport.reachability(listPlans))).isEqualTo(200);
    }

    @Test
    void closingTheClientClosesTheHttpClientWhereItIsCloseable() {
        List<CloseableHttpClient> built = new ArrayList<>();
        PeClient client = clientBuilder()
                .httpClientBuilder(CloseableHttpClient.builder(built::add))
                .build();

        client.close();

        assertThat(built).hasSize(1);
        assertThat(built.get(0).closed()).isTrue();
    }

    @Test
    void aLoginThatLandsAfterTheSessionEndedRevokesItsTokenAndTheSessionLogsInNoMore() throws Exception {
        PeSession session = passwordSession(client());
        CompletableFuture<TokenInfo> info = session.tokenInfo(); // its login is in flight

        await(session.revokeMintedTokens());

        assertThat(failureOf(info)).hasMessageContaining("session has ended");
        assertThat(pe.usableTokenLabels("deployer")).isEmpty();
        assertThat(failureOf(session.orchestrator().plans(null))).hasMessageContaining("session has ended");
        assertThat(pe.journal().count(PeEndpoint.LOGIN)).isEqualTo(1);
    }

    @Test
    void aLoginRetriedUnderANewLabelRevokesTheTokenWhoseAnswerWasLost() throws Exception {
        PeSession session = passwordSession(client());
        pe.faults().forNextRequests(1, Fault.dropConnectionAfterBody(), PeEndpoint.LOGIN);

        TokenInfo info = await(session.tokenInfo());

        // lost answer, the same label again (409), a new label
        assertThat(pe.journal().count(PeEndpoint.LOGIN)).isEqualTo(3);
        assertThat(pe.usableTokenLabels("deployer")).containsExactly(info.label());
        session.close();
        assertThat(pe.usableTokenLabels("deployer")).isEmpty();
    }

    @Test
    void concurrentRefusalsOfAnExpiredTokenShareOneRenewal() throws Exception {
        PeSession session = passwordSession(client());
        await(session.orchestrator().plans(null));
        clock.advance(Duration.ofHours(2));
        // the renewal takes a while, so that every refusal arrives while it is in flight
        pe.faults().forNextRequests(1, Fault.delay(Duration.ofSeconds(2)), PeEndpoint.LOGIN);

        List<CompletableFuture<PlanList>> reads = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            reads.add(session.orchestrator().plans(null));
        }
        for (CompletableFuture<PlanList> read : reads) {
            assertThat(await(read).permittedNames()).contains("canary");
        }

        assertThat(pe.journal().count(PeEndpoint.LOGIN))
                .as("first login and one renewal")
                .isEqualTo(2);
        session.close();
        assertThat(pe.usableTokenLabels("deployer")).isEmpty();
    }

    @Test
    void closingASessionWaitsForTheRevocationAtMostOneRequestTimeout() throws Exception {
        ScheduledThreadPoolExecutor retries = new ScheduledThreadPoolExecutor(1);
        toClose.add(retries::shutdownNow);
        PeClient client = clientBuilder()
                .scheduler(retries)
                .retryPolicy(new RetryPolicy(4, Duration.ofHours(1), Duration.ofHours(1)))
                .requestTimeout(Duration.ofSeconds(1))
                .build();
        toClose.add(client);
        PeSession session = passwordSession(client);
        await(session.tokenInfo());
        // the revocation meets RBAC restarting and would retry in an hour
        pe.faults().forNextRequests(1, Fault.status(503), PeEndpoint.REVOKE_TOKENS);

        CompletableFuture<Void> closed = CompletableFuture.runAsync(session::close);

        assertThat(failureOf(closed))
                .isInstanceOf(PeTransientException.class)
                .hasMessageContaining("did not confirm within 1 s")
                .hasMessageContaining("expires on its own");
    }
}
