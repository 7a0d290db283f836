package io.jenkins.plugins.puppetenterprise.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.puppetenterprise.client.deploy.DeployRequest;
import io.jenkins.plugins.puppetenterprise.client.deploy.DeployResult;
import io.jenkins.plugins.puppetenterprise.client.deploy.DeployStatus;
import io.jenkins.plugins.puppetenterprise.client.plan.OrchestratorClient;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanEvent;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanEvents;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanJob;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanJobList;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanJobQuery;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanList;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanMetadata;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanParameter;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanRunRequest;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanSummary;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.Fault;
import io.jenkins.plugins.puppetenterprise.simulator.JournalEntry;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.deploy.EnvironmentSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.ScriptedEvent;
import io.jenkins.plugins.puppetenterprise.simulator.plan.UnknownNameBehaviour;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the PE simulator: real HTTPS, real TLS trust, every call and error kind. */
class PeClientSimulatorTest {
    private static final String PASSWORD = "correct horse battery";
    private static final RetryPolicy FAST_RETRIES = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(4));

    private FakeClock clock;
    private PeSimulator pe;
    private PeClient client;

    @BeforeEach
    void startSimulator() {
        clock = new FakeClock();
        pe = PeSimulator.start(clock);
        pe.addUser("deployer", PASSWORD, UserPermissions.deployer());
        pe.addUser("viewer", PASSWORD, UserPermissions.none());
        pe.addPlan(PlanSpec.named("canary")
                .describedAs("Roll out to a canary subset first")
                .withParameter("nodes", "TargetSpec", "Nodes to update")
                .withDefaultedParameter("canary", "Integer", 1));
        pe.addPlan(PlanSpec.named("profile::firewall").withSensitiveParameter("secret", "a secret"));
        pe.addQueryResult("nodes[certname] {}", "node1.example.com");
        pe.addNode("node1.example.com", "production");
        client = clientFor(urls(pe), PeCaBundle.fromPem(pe.caPem()), null);
    }

    @AfterEach
    void stop() {
        client.close();
        pe.close();
    }

    private static PeServiceUrls urls(PeSimulator sim) {
        return PeServiceUrls.of(
                "",
                sim.rbacUrl().toString(),
                sim.codeManagerUrl().toString(),
                sim.orchestratorUrl().toString(),
                sim.consoleUrl().toString(),
                sim.puppetDbUrl().toString());
    }

    private static PeClient clientFor(PeServiceUrls urls, PeCaBundle ca, HttpClient.Builder http) {
        PeClient.Builder builder = PeClient.builder(urls, ca)
                .retryPolicy(FAST_RETRIES)
                .random(new SplittableRandom(1))
                .requestTimeout(Duration.ofSeconds(20));
        if (http != null) {
            builder.httpClientBuilder(http);
        }
        return builder.build();
    }

    @Test
    void cancellingACallOrAStageDerivedFromItAbortsTheRequestInFlight() throws Exception {
        pe.faults().forNextRequests(3, Fault.tricklingBody(Duration.ofMillis(50)), PeEndpoint.PLAN_JOB);
        PeSession session = tokenSession(pe.issueToken("deployer"));

        CompletableFuture<PlanJob> direct = session.orchestrator().planJob("1");
        awaitUntil(() -> pe.journal().count(PeEndpoint.PLAN_JOB) == 1);
        assertThat(direct.cancel(true)).isTrue();
        awaitUntil(() -> pe.faults().abandonedAnswers() == 1);

        CompletableFuture<String> derived =
                session.orchestrator().planJob("2").thenApply(PlanJob::state).exceptionally(failure -> "failed");
        awaitUntil(() -> pe.journal().count(PeEndpoint.PLAN_JOB) == 2);
        assertThat(derived.cancel(true)).isTrue();
        awaitUntil(() -> pe.faults().abandonedAnswers() == 2);

        // a password session: the login is done first, then the read is aborted
        PeSession minting = passwordSession("deployer");
        CompletableFuture<PlanJob> afterLogin = minting.orchestrator().planJob("3");
        awaitUntil(() -> pe.journal().count(PeEndpoint.PLAN_JOB) == 3);
        afterLogin.cancel(true);
        awaitUntil(() -> pe.faults().abandonedAnswers() == 3);
        await(minting.revokeMintedTokens());
        assertThat(pe.journal().count(PeEndpoint.PLAN_JOB))
                .as("nothing sent again")
                .isEqualTo(3);
    }

    /** Waits for what another connection's thread does, failing after 20 s. */
    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("the condition held within 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private PeSession passwordSession(String login) {
        return client.session(
                new PeCredentials.Password(login, PeSecret.of(PASSWORD), Duration.ofHours(1), "jenkins folder/app #7"));
    }

    private PeSession tokenSession(String token) {
        return client.session(new PeCredentials.Token(PeSecret.of(token)));
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // --- TLS and connection ---

    @Test
    void everyServiceIsReachedOverTlsTrustingOnlyTheSimulatorCa() {
        for (PeService service : PeService.values()) {
            assertThat(await(client.checkConnection(service)))
                    .as(service.name())
                    .isBetween(200, 499);
        }
    }

    @Test
    void aCaBundleOfAnotherInstallationIsRefused() {
        try (PeSimulator other = PeSimulator.start();
                PeClient wrongCa = clientFor(urls(pe), PeCaBundle.fromPem(other.caPem()), null)) {
            assertThatThrownBy(() -> await(wrongCa.checkConnection(PeService.ORCHESTRATOR)))
                    .isInstanceOf(PeTlsException.class)
                    .hasMessageContaining("not signed by the configured CA bundle")
                    .hasMessageContaining("ca.pem");
            assertThatThrownBy(() -> await(wrongCa.session(new PeCredentials.Token(PeSecret.of("t0ken-value")))
                            .orchestrator()
                            .planJob("1")))
                    .isInstanceOf(PeTlsException.class);
        }
        assertThat(pe.journal().entries()).isEmpty();
    }

    @Test
    void aHostNameMissingFromTheCertificateIsRefusedThroughAProxy() throws Exception {
        try (ConnectTunnel proxy = new ConnectTunnel()) {
            int port = pe.orchestratorUrl().getPort();
            PeServiceUrls wrongName = PeServiceUrls.of(
                    "",
                    pe.rbacUrl().toString(),
                    pe.codeManagerUrl().toString(),
                    "https://pe-alias.example.com:" + port,
                    pe.consoleUrl().toString());
            try (PeClient viaProxy = clientFor(
                    wrongName,
                    PeCaBundle.fromPem(pe.caPem()),
                    HttpClient.newBuilder().proxy(proxy.proxySelector()))) {
                assertThatThrownBy(() -> await(viaProxy.checkConnection(PeService.ORCHESTRATOR)))
                        .isInstanceOf(PeTlsException.class)
                        .hasMessageContaining("does not carry the host name")
                        .hasMessageContaining("dns_alt_names");
                // the same proxy with a name in the certificate works: the outside builder's proxy is used
                assertThat(await(viaProxy.checkConnection(PeService.RBAC))).isBetween(200, 499);
            }
            assertThat(proxy.targets())
                    .contains(
                            "pe-alias.example.com:" + port,
                            "localhost:" + pe.rbacUrl().getPort());
        }
    }

    @Test
    void theHttpClientRunsOnItsOwnNamedBoundedPool() {
        PeSession session = passwordSession("deployer");
        await(session.orchestrator().plans("production"));

        List<String> names = Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(n -> n.startsWith("pe-http-"))
                .toList();
        assertThat(names).isNotEmpty().hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void aRefusedConnectionIsRetriedThenReportedAsNothingStarted() {
        int closedPort;
        try (PeSimulator gone = PeSimulator.start()) {
            closedPort = gone.orchestratorUrl().getPort();
        }
        PeServiceUrls nowhere = PeServiceUrls.of(
                "",
                pe.rbacUrl().toString(),
                pe.codeManagerUrl().toString(),
                "https://localhost:" + closedPort,
                pe.consoleUrl().toString());
        try (PeClient down = clientFor(nowhere, PeCaBundle.fromPem(pe.caPem()), null)) {
            PeSession session = down.session(new PeCredentials.Token(PeSecret.of(pe.issueToken("deployer"))));
            assertThatThrownBy(() -> await(session.orchestrator().runPlan(PlanRunRequest.of("canary", Map.of()))))
                    .isInstanceOf(PeTransientException.class)
                    .hasMessageContaining("cannot connect to Orchestrator")
                    .hasMessageContaining("Nothing was started on PE");
            assertThatThrownBy(() -> await(session.orchestrator().planJob("1")))
                    .isInstanceOf(PeTransientException.class)
                    .hasMessageContaining("(4 attempts)");
        }
    }

    // --- RBAC ---

    @Test
    void passwordSessionMintsALabelledTokenValidatesItAndRevokesOnlyWhatItMinted() {
        String staticToken = pe.issueToken("deployer");
        PeSession session = passwordSession("deployer");

        TokenInfo info = await(session.tokenInfo());

        assertThat(info.login()).isEqualTo("deployer");
        assertThat(info.expiration()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        assertThat(info.label()).startsWith("jenkins folder/app #7 ").doesNotContain(",");
        JournalEntry login = pe.journal().entries(PeEndpoint.LOGIN).get(0);
        assertThat(login.body()).contains("\"lifetime\":\"1h\"").doesNotContain(PASSWORD);

        session.close();

        JournalEntry revoke = pe.journal().entries(PeEndpoint.REVOKE_TOKENS).get(0);
        assertThat(pe.journal().count(PeEndpoint.REVOKE_TOKENS)).isEqualTo(1);
        assertThat(revoke.status()).isEqualTo(204);
        assertThat(revoke.query()).isNull();
        assertThat(pe.isTokenUsable(staticToken)).isTrue();
    }

    @Test
    void aWrongPasswordIsACredentialsErrorWithoutThePassword() {
        PeSession session = client.session(
                new PeCredentials.Password("deployer", PeSecret.of("wrong-password"), null, "jenkins job #1"));

        assertThatThrownBy(() -> await(session.orchestrator().plans(null)))
                .isInstanceOf(PeCredentialsException.class)
                .hasMessageContaining("user-unauthenticated")
                .hasMessageNotContaining("wrong-password");
        assertThat(pe.journal().count(PeEndpoint.LOGIN)).isEqualTo(1);
    }

    @Test
    void anExpiredMintedTokenIsReplacedByOneNewLoginAndBothAreRevoked() {
        PeSession session = passwordSession("deployer");
        await(session.orchestrator().plans("production"));
        clock.advance(Duration.ofHours(2));

        PlanList plans = await(session.orchestrator().plans("production"));

        assertThat(plans.permittedNames()).contains("canary");
        assertThat(pe.journal().count(PeEndpoint.LOGIN)).isEqualTo(2);
        List<String> labels = pe.journal().entries(PeEndpoint.LOGIN).stream()
                .map(JournalEntry::body)
                .toList();
        assertThat(labels.get(0)).isNotEqualTo(labels.get(1));
        assertThat(pe.journal().entries(PeEndpoint.PLANS).stream().map(JournalEntry::status))
                .containsExactly(200, 401, 200);

        await(session.revokeMintedTokens());
        assertThat(pe.journal().count(PeEndpoint.REVOKE_TOKENS)).isEqualTo(2);
    }

    @Test
    void anExpiredStaticTokenFailsClearlyWithoutRetrying() {
        String token = pe.issueToken("deployer", Duration.ofMinutes(30));
        PeSession session = tokenSession(token);
        clock.advance(Duration.ofHours(1));

        assertThatThrownBy(() -> await(session.orchestrator().planJobs(PlanJobQuery.newest(10))))
                .isInstanceOf(PeCredentialsException.class)
                .hasMessageContaining("The RBAC token has expired.")
                .hasMessageContaining("update the Jenkins credential")
                .hasMessageNotContaining(token);
        assertThatThrownBy(() -> await(client.rbac().authenticate(PeSecret.of(token))))
                .isInstanceOf(PeCredentialsException.class)
                .hasMessageContaining("token-expired");
        assertThat(pe.journal().count(PeEndpoint.PLAN_JOBS)).isEqualTo(1);
        assertThat(pe.journal().count(PeEndpoint.LOGIN)).isZero();
        assertThat(session.revokeMintedTokens()).isCompleted();
        assertThat(pe.isTokenUsable(token)).isFalse();
    }

    @Test
    void revokedAndUnknownTokensAreCredentialsErrors() {
        String token = pe.issueToken("deployer");
        pe.revokeToken(token);

        assertThatThrownBy(() -> await(tokenSession(token).codeManager().deployStatus(1)))
                .isInstanceOf(PeCredentialsException.class)
                .hasMessageContaining("revoked");
        assertThatThrownBy(() ->
                        await(tokenSession("not-a-real-token").codeManager().deployStatus(1)))
                .isInstanceOf(PeCredentialsException.class);
    }

    @Test
    void theTokenNeverReachesTheJournalOrAUrl() {
        PeSession session = passwordSession("deployer");
        await(session.tokenInfo());
        await(session.orchestrator().plans("production"));
        session.close();

        for (JournalEntry entry : pe.journal().entries()) {
            assertThat(String.valueOf(entry.body())).doesNotContain(PASSWORD);
            assertThat(String.valueOf(entry.query())).doesNotContain("token");
        }
    }

    // --- Code Manager ---

    @Test
    void queuedDeployIsFollowedToSyncedThroughDeployStatus() {
        PeSession session = tokenSession(pe.issueToken("deployer"));

        List<DeployResult> queued = await(session.codeManager().deploy(DeployRequest.of(List.of("production"))));

        assertThat(queued).singleElement().satisfies(result -> {
            assertThat(result.environment()).isEqualTo("production");
            assertThat(result.status()).isIn("new", "queued");
            assertThat(result.id()).isNotNull();
        });
        long id = queued.get(0).id();
        assertThat(await(session.codeManager().deployStatus(id)).isTerminal()).isFalse();
        clock.advance(Duration.ofSeconds(30));
        DeployStatus done = await(session.codeManager().deployStatus(id));
        assertThat(done.isSynced()).isTrue();
        assertThat(done.environment()).isEqualTo("production");
        assertThat(pe.journal().entries(PeEndpoint.DEPLOYS).get(0).body()).doesNotContain("wait");
    }

    @Test
    void waitedDeployReportsEachEnvironmentIncludingAPartialFailure() {
        pe.putEnvironment(EnvironmentSpec.named("production").instant());
        PeSession session = tokenSession(pe.issueToken("deployer"));

        List<DeployResult> results = await(session.codeManager()
                .deploy(DeployRequest.of(List.of("production", "nosuchenv")).withWait(true)));

        assertThat(results).hasSize(2);
        assertThat(results.get(0).isComplete()).isTrue();
        assertThat(results.get(0).deploySignature()).isNotBlank();
        assertThat(results.get(0).codeCommit()).isNotBlank();
        assertThat(results.get(1).isFailed()).isTrue();
        assertThat(results.get(1).error().knownKind()).isEqualTo(PeErrorKind.DEPLOY_FAILURE);
        assertThat(results.get(1).error().correctedName()).isEqualTo("nosuchenv");
    }

    @Test
    void dryRunListsWhatWouldBeDeployedAndCollectFailureIsAnError() {
        PeSession session = tokenSession(pe.issueToken("deployer"));

        List<DeployResult> wouldDeploy =
                await(session.codeManager().deploy(new DeployRequest(List.of(), true, false, true, null, List.of())));
        assertThat(wouldDeploy).extracting(DeployResult::environment).contains("production");

        pe.failEnvironmentListing("ERROR -> Authentication failed for Git remote");
        assertThatThrownBy(() -> await(session.codeManager().deploy(DeployRequest.all())))
                .isInstanceOf(PeServerException.class)
                .hasMessageContaining(PeErrorKind.COLLECT_FAILED.meaning())
                .satisfies(
                        e -> assertThat(((PeApiException) e).details().asText()).contains("Authentication failed"));
    }

    @Test
    void deployWithoutPermissionNamesThePermission() {
        PeSession session = passwordSession("viewer");

        assertThatThrownBy(() -> await(session.codeManager().deploy(DeployRequest.of(List.of("production")))))
                .isInstanceOf(PePermissionException.class)
                .hasMessageContaining("Code Manager » Deploy code");
    }

    @Test
    void anUnknownDeployIdIsNotFound() {
        PeSession session = tokenSession(pe.issueToken("deployer"));

        assertThatThrownBy(() -> await(session.codeManager().deployStatus(987654)))
                .isInstanceOf(PeNotFoundException.class);
    }

    // --- Orchestrator ---

    @Test
    void planRunIsFollowedThroughJobEventsAndTheJobList() {
        pe.scriptPlan(
                "canary",
                PlanJobScript.succeeding(Duration.ofSeconds(10))
                        .withResult(Map.of("output", "done"))
                        .withEvents(ScriptedEvent.outMessage(Duration.ofSeconds(2), "Deploying to canary nodes")));
        PeSession session = passwordSession("deployer");
        Map<String, PlanParameter> params = new LinkedHashMap<>();
        params.put("nodes", PlanParameter.value(List.of("node1.example.com")));

        String name = await(session.orchestrator()
                .runPlan(PlanRunRequest.of("canary", params)
                        .withDescription("Jenkins app #7")
                        .withTimeout(Duration.ofMinutes(10))
                        .withUserdata(PeErrorTranslator.parseOrNull("{\"marker\":\"m-7\"}"))));

        assertThat(pe.journal().entries(PeEndpoint.PLAN_RUN).get(0).body())
                .contains("\"timeout\":600")
                .contains("\"marker\":\"m-7\"");
        PlanJob running = await(session.orchestrator().planJob(name));
        assertThat(running.isTerminal()).isFalse();
        assertThat(running.userdata().path("marker").asText()).isEqualTo("m-7");
        clock.advance(Duration.ofSeconds(3));
        PlanEvents first = await(session.orchestrator().planEvents(name, 0));
        assertThat(first.items()).extracting(PlanEvent::message).contains("Deploying to canary nodes");
        clock.advance(Duration.ofSeconds(10));
        PlanEvents rest = await(session.orchestrator().planEvents(name, first.highestId() + 1));
        assertThat(rest.items()).allMatch(e -> e.numericId() > first.highestId());
        assertThat(rest.items()).anyMatch(PlanEvent::isPlanEnd);
        PlanJob done = await(session.orchestrator().planJob(name));
        assertThat(done.isSuccess()).isTrue();
        assertThat(done.result().path("output").asText()).isEqualTo("done");
        String firstEvent = first.items().get(0).id();
        assertThat(await(session.orchestrator().planEvent(name, firstEvent)).id())
                .isEqualTo(firstEvent);

        PlanJobList list = await(session.orchestrator().planJobs(PlanJobQuery.newest(5)));
        assertThat(list.items()).extracting(PlanJob::name).contains(name);
        assertThat(list.items())
                .filteredOn(j -> j.name().equals(name))
                .singleElement()
                .satisfies(j -> assertThat(j.description()).isEqualTo("Jenkins app #7"));
        assertThat(pe.journal().entries(PeEndpoint.PLAN_JOBS).get(0).query())
                .contains("order_by=timestamp")
                .contains("order=desc")
                .contains("results=exclude");
    }

    @Test
    void queryAndNodeGroupParametersGoToEnvironmentPlanRun() {
        pe.addNodeGroup("00000000-0000-4000-8000-000000000000", "Canaries", "node1.example.com");
        PeSession session = tokenSession(pe.issueToken("deployer"));
        Map<String, PlanParameter> params = new LinkedHashMap<>();
        params.put("nodes", PlanParameter.query("nodes[certname] {}"));
        params.put("canary", PlanParameter.value(2));

        String name = await(session.orchestrator().runPlan(PlanRunRequest.of("canary", params)));

        assertThat(name).isNotBlank();
        assertThat(pe.journal().count(PeEndpoint.ENVIRONMENT_PLAN_RUN)).isEqualTo(1);
        assertThat(pe.journal().count(PeEndpoint.PLAN_RUN)).isZero();
    }

    @Test
    void planRunErrorsAreTranslated() {
        PeSession viewer = passwordSession("viewer");
        PeSession deployer = tokenSession(pe.issueToken("deployer"));

        assertThatThrownBy(() -> await(viewer.orchestrator().runPlan(PlanRunRequest.of("canary", Map.of()))))
                .isInstanceOf(PePermissionException.class)
                .hasMessageContaining("Plans » Run plans for 'canary'");
        pe.unknownPlans(UnknownNameBehaviour.IMMEDIATE_ERROR);
        assertThatThrownBy(() -> await(deployer.orchestrator().runPlan(PlanRunRequest.of("nosuch::plan", Map.of()))))
                .isInstanceOf(PeNotFoundException.class)
                .hasMessageContaining(PeErrorKind.UNKNOWN_PLAN.meaning());
        pe.unknownEnvironments(UnknownNameBehaviour.IMMEDIATE_ERROR);
        assertThatThrownBy(() -> await(deployer.orchestrator()
                        .runPlan(PlanRunRequest.of("canary", Map.of()).withEnvironment("nosuchenv"))))
                .isInstanceOf(PeNotFoundException.class)
                .hasMessageContaining(PeErrorKind.UNKNOWN_ENVIRONMENT.fix());
        assertThatThrownBy(() -> await(deployer.orchestrator()
                        .runPlan(PlanRunRequest.of("canary", Map.of()).withEnvironment("bad-name!"))))
                .isInstanceOf(PeBadRequestException.class)
                .hasMessageContaining("validation-error");
        assertThatThrownBy(() -> await(deployer.orchestrator().planJob("424242")))
                .isInstanceOf(PeNotFoundException.class)
                .hasMessageContaining(PeErrorKind.UNKNOWN_JOB.meaning());
    }

    @Test
    void aQueryParameterWithoutPuppetDbPermissionIsAQueryError() {
        pe.addUser("planner", PASSWORD, UserPermissions.none().withAllPlans());
        PeSession planner = passwordSession("planner");

        assertThatThrownBy(() -> await(planner.orchestrator()
                        .runPlan(PlanRunRequest.of(
                                "canary", Map.of("nodes", PlanParameter.query("nodes[certname] {}"))))))
                .isInstanceOf(PeBadRequestException.class)
                .hasMessageContaining(PeErrorKind.QUERY_ERROR.fix());
    }

    @Test
    void stopPlanStopsAndReportsOldServers() {
        pe.scriptPlan("canary", PlanJobScript.succeeding(Duration.ofMinutes(10)));
        PeSession session = tokenSession(pe.issueToken("deployer"));
        String name = await(session.orchestrator().runPlan(PlanRunRequest.of("canary", Map.of())));

        await(session.orchestrator().stopPlan(name));
        clock.advance(Duration.ofSeconds(1));
        assertThat(await(session.orchestrator().planJob(name)).isFailure()).isTrue();

        assertThatThrownBy(() -> await(session.orchestrator().stopPlan("424242")))
                .isInstanceOf(PeNotFoundException.class);
        pe.stopPlanAvailable(false);
        assertThatThrownBy(() -> await(session.orchestrator().stopPlan(name)))
                .isInstanceOf(PeUnsupportedException.class)
                .hasMessageContaining("this PE is too old to stop plans (needs 2021.7.1)");
    }

    @Test
    void planMetadataForPlainInitAndListedPlans() {
        PeSession session = tokenSession(pe.issueToken("deployer"));

        PlanList plans = await(session.orchestrator().plans(null));
        assertThat(plans.environment()).isEqualTo("production");
        assertThat(plans.items()).extracting(PlanSummary::name).contains("canary", "profile::firewall");

        PlanMetadata canary = await(session.orchestrator().plan("canary", "production"));
        assertThat(canary.permitted()).isTrue();
        assertThat(canary.description()).isEqualTo("Roll out to a canary subset first");
        assertThat(canary.requiredParameters()).containsExactly("nodes");
        assertThat(canary.parameters().get("canary").defaultValue().asInt()).isEqualTo(1);

        PlanMetadata firewall = await(session.orchestrator().plan("profile::firewall", null));
        assertThat(firewall.sensitiveParameters()).containsExactly("secret");

        assertThatThrownBy(() -> await(session.orchestrator().plan("nosuch::plan", null)))
                .isInstanceOf(PeNotFoundException.class);
        assertThatThrownBy(() -> await(session.orchestrator().plans("nosuchenv")))
                .isInstanceOf(PeNotFoundException.class);
    }

    // --- retry discipline ---

    @Test
    void a503OnReadsIsRetriedAndRecovers() {
        PeSession session = tokenSession(pe.issueToken("deployer"));
        String name = await(session.orchestrator().runPlan(PlanRunRequest.of("canary", Map.of())));
        pe.faults().forNextRequests(2, Fault.status(503), PeEndpoint.PLAN_JOB);
        pe.faults().forNextRequests(1, Fault.status(502).withHtmlBody(), PeEndpoint.PLAN_JOB_EVENTS);
        pe.faults().forNextRequests(1, Fault.status(504).withEmptyBody(), PeEndpoint.DEPLOYS_STATUS);

        assertThat(await(session.orchestrator().planJob(name)).name()).isEqualTo(name);
        assertThat(await(session.orchestrator().planEvents(name, 0))).isNotNull();

        assertThat(pe.journal().entries(PeEndpoint.PLAN_JOB).stream().map(JournalEntry::status))
                .containsExactly(503, 503, 200);
        assertThat(pe.journal().entries(PeEndpoint.PLAN_JOB_EVENTS).stream().map(JournalEntry::status))
                .containsExactly(502, 200);
    }

    @Test
    void readsGiveUpAfterTheLastAttemptWithTheStatusAndAnExcerpt() {
        PeSession session = tokenSession(pe.issueToken("deployer"));
        pe.faults().forNextRequests(10, Fault.status(502).withHtmlBody(), PeEndpoint.PLANS);

        assertThatThrownBy(() -> await(session.orchestrator().plans(null)))
                .isInstanceOf(PeTransientException.class)
                .hasMessageContaining("HTTP 502")
                .hasMessageContaining("502 Bad Gateway")
                .hasMessageNotContaining("<");
        assertThat(pe.journal().count(PeEndpoint.PLANS)).isEqualTo(FAST_RETRIES.maxAttempts());
    }

    @Test
    void readsWithoutRetriesAreSentOnceAndFailAtTheFirstTransientAnswer() {
        PeSession session = tokenSession(pe.issueToken("deployer"));
        String name = await(session.orchestrator().runPlan(PlanRunRequest.of("canary", Map.of())));
        pe.faults().forNextRequests(1, Fault.status(503), PeEndpoint.PLAN_JOB);
        pe.faults().forNextRequests(1, Fault.status(502).withHtmlBody(), PeEndpoint.PLAN_JOB_EVENTS);
        OrchestratorClient once = session.orchestrator().withoutRetries();

        assertThatThrownBy(() -> await(once.planJob(name)))
                .isInstanceOf(PeTransientException.class)
                .hasMessageContaining("HTTP 503");
        assertThatThrownBy(() -> await(once.planEvents(name, 0))).isInstanceOf(PeTransientException.class);
        assertThat(await(once.planJob(name)).name()).isEqualTo(name);

        assertThat(pe.journal().entries(PeEndpoint.PLAN_JOB).stream().map(JournalEntry::status))
                .containsExactly(503, 200);
        assertThat(pe.journal().entries(PeEndpoint.PLAN_JOB_EVENTS).stream().map(JournalEntry::status))
                .containsExactly(502);
    }

    @Test
    void theLoginIsRetriedThroughRbacStartUp() {
        pe.faults().forNextRequests(2, Fault.status(503), PeEndpoint.LOGIN);

        assertThat(await(passwordSession("deployer").tokenInfo()).login()).isEqualTo("deployer");
        assertThat(pe.journal().count(PeEndpoint.LOGIN)).isEqualTo(3);
    }

    @Test
    void aPlanRunWhoseAnswerIsLostIsSentOnceAndReportedAsUnknown() {
        PeSession session = tokenSession(pe.issueToken("deployer"));
        pe.faults().forNextRequests(1, Fault.dropConnectionAfterBody(), PeEndpoint.PLAN_RUN);

        assertThatThrownBy(() -> await(session.orchestrator()
                        .runPlan(PlanRunRequest.of("canary", Map.of())
                                .withDescription("Jenkins app #8")
                                .withUserdata(PeErrorTranslator.parseOrNull("{\"marker\":\"m-8\"}")))))
                .isInstanceOf(PeUnknownOutcomeException.class)
                .hasMessageContaining("unknown whether PE started it")
                .hasMessageContaining("GET /orchestrator/v1/plan_jobs")
                .hasMessageContaining("Jenkins app #8")
                .hasMessageContaining("m-8");
        assertThat(pe.journal().count(PeEndpoint.PLAN_RUN)).isEqualTo(1);
        assertThat(pe.planJobs()).hasSize(1);
    }

    @Test
    void aPlanRunIsNotRepeatedAfterAGatewayError() {
        PeSession session = tokenSession(pe.issueToken("deployer"));
        pe.faults().forNextRequests(1, Fault.status(502).withHtmlBody(), PeEndpoint.PLAN_RUN);

        assertThatThrownBy(() -> await(session.orchestrator().runPlan(PlanRunRequest.of("canary", Map.of()))))
                .isInstanceOf(PeUnknownOutcomeException.class)
                .hasMessageContaining("HTTP 502");
        assertThat(pe.journal().count(PeEndpoint.PLAN_RUN)).isEqualTo(1);
    }

    @Test
    void aOneShotRequestAnswered200WithATokenErrorIsReportedOnceWithoutANewLogin() {
        PeSession session = passwordSession("deployer");
        pe.faults().forNextRequests(1, Fault.okWithTokenError(), PeEndpoint.DEPLOYS, PeEndpoint.PLAN_RUN);

        assertThatThrownBy(() -> await(session.codeManager().deploy(DeployRequest.of(List.of("production")))))
                .isInstanceOf(PeCredentialsException.class)
                .hasMessageContaining(PeErrorKind.TOKEN_EXPIRED.meaning())
                .hasMessageContaining("HTTP 200");
        pe.faults().forNextRequests(1, Fault.okWithTokenError(), PeEndpoint.PLAN_RUN);
        assertThatThrownBy(() -> await(session.orchestrator().runPlan(PlanRunRequest.of("canary", Map.of()))))
                .isInstanceOf(PeCredentialsException.class)
                .hasMessageContaining(PeErrorKind.TOKEN_EXPIRED.meaning());

        assertThat(pe.journal().count(PeEndpoint.LOGIN)).isEqualTo(1);
        assertThat(pe.journal().count(PeEndpoint.DEPLOYS)).isEqualTo(1);
        assertThat(pe.journal().count(PeEndpoint.PLAN_RUN)).isEqualTo(1);
        assertThat(pe.planJobs()).isEmpty();
    }

    @Test
    void aOneShotRequestRefusedWith401IsSentAgainAfterOneNewLogin() {
        PeSession session = passwordSession("deployer");
        await(session.tokenInfo());
        clock.advance(Duration.ofHours(2));

        List<DeployResult> queued = await(session.codeManager().deploy(DeployRequest.of(List.of("production"))));

        assertThat(queued).hasSize(1);
        assertThat(pe.journal().count(PeEndpoint.LOGIN)).isEqualTo(2);
        assertThat(pe.journal().entries(PeEndpoint.DEPLOYS).stream().map(JournalEntry::status))
                .containsExactly(401, 200);
    }

    @Test
    void aStopAnswered200WithATokenErrorIsSentAgainAfterANewLogin() {
        pe.scriptPlan("canary", PlanJobScript.succeeding(Duration.ofMinutes(10)));
        PeSession session = passwordSession("deployer");
        String name = await(session.orchestrator().runPlan(PlanRunRequest.of("canary", Map.of())));
        pe.faults().forNextRequests(1, Fault.okWithTokenError(), PeEndpoint.STOP_PLAN);

        await(session.orchestrator().stopPlan(name));
        clock.advance(Duration.ofSeconds(1));

        assertThat(await(session.orchestrator().planJob(name)).isFailure()).isTrue();
        assertThat(pe.journal().count(PeEndpoint.LOGIN)).isEqualTo(2);
        assertThat(pe.journal().entries(PeEndpoint.STOP_PLAN).stream().map(JournalEntry::status))
                .containsExactly(200, 202);
    }

    @Test
    void aDeployWhoseAnswerIsLostIsNotRepeated() {
        PeSession session = tokenSession(pe.issueToken("deployer"));
        pe.faults().forNextRequests(1, Fault.dropConnectionAfterBody(), PeEndpoint.DEPLOYS);

        assertThatThrownBy(() -> await(session.codeManager().deploy(DeployRequest.of(List.of("production")))))
                .isInstanceOf(PeUnknownOutcomeException.class)
                .hasMessageContaining("GET /code-manager/v1/deploys/status");
        assertThat(pe.journal().count(PeEndpoint.DEPLOYS)).isEqualTo(1);
    }

    @Test
    void malformedJsonIsAnUnexpectedResponse() {
        PeSession session = tokenSession(pe.issueToken("deployer"));
        pe.faults().forNextRequests(1, Fault.malformedJson(), PeEndpoint.PLANS);

        assertThatThrownBy(() -> await(session.orchestrator().plans(null)))
                .isInstanceOf(PeUnexpectedResponseException.class)
                .hasMessageContaining("HTTP 200")
                .hasMessageContaining("not JSON");
    }
}
