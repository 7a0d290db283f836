package io.jenkins.plugins.puppetenterprise.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Faults on demand (issue item 5): statuses, bodies, delays, dropped connections, malformed JSON. */
class FaultInjectionTest {
    private static final String PLAN_RUN = "/orchestrator/v1/command/plan_run";
    private static final String RUN_BODY = "{\"plan_name\": \"canary\"}";

    private final FakeClock clock = new FakeClock();
    private PeSimulator pe;
    private PeTestClient client;
    private String token;

    @BeforeEach
    void start() {
        pe = PeSimulator.start(clock);
        pe.addUser("deployer", "s3cret", UserPermissions.deployer());
        pe.addPlan(PlanSpec.named("canary"));
        token = pe.issueToken("deployer", Duration.ofDays(1));
        client = new PeTestClient(pe);
    }

    @AfterEach
    void stop() {
        pe.close();
    }

    private PeTestClient.Answer runPlan() {
        return client.post(pe.orchestratorUrl(), PLAN_RUN, token, RUN_BODY);
    }

    @Test
    void armedCountsFaultsUntilTheirLastRequestCameOrTheirWindowPassed() {
        pe.faults().forNextRequests(2, Fault.status(503), PeEndpoint.PLAN_RUN);
        pe.faults().forDuration(Duration.ofSeconds(10), Fault.status(502), PeEndpoint.PLAN_JOB);
        assertThat(pe.faults().armed()).isEqualTo(2);
        runPlan();
        assertThat(pe.faults().armed()).as("one of its two requests came").isEqualTo(2);
        runPlan();
        assertThat(pe.faults().armed()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(10));
        assertThat(pe.faults().armed()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void statusFaultsAnswerInsteadOfProcessingForTheNextNRequests(int status) {
        pe.faults().forNextRequests(2, Fault.status(status), PeEndpoint.PLAN_RUN);
        for (int i = 0; i < 2; i++) {
            PeTestClient.Answer answer = runPlan();
            assertThat(answer.status()).isEqualTo(status);
            assertThat(answer.kind()).isEqualTo("puppetlabs.orchestrator/unknown-error");
        }
        assertThat(pe.planJobs()).as("faulted requests are not processed").isEmpty();
        assertThat(runPlan().status()).isEqualTo(202);
        assertThat(pe.planJobs()).hasSize(1);
        assertThat(pe.journal().entries(PeEndpoint.PLAN_RUN))
                .extracting(JournalEntry::status)
                .containsExactly(status, status, 202);
    }

    @Test
    void htmlAndEmptyBodies() {
        pe.faults().forNextRequests(1, Fault.status(502).withHtmlBody(), PeEndpoint.PLAN_JOBS);
        pe.faults().forNextRequests(1, Fault.status(503).withEmptyBody(), PeEndpoint.PLAN_JOBS);
        PeTestClient.Answer html = client.get(pe.orchestratorUrl(), "/orchestrator/v1/plan_jobs", token);
        assertThat(html.status()).isEqualTo(502);
        assertThat(html.body()).startsWith("<html>").contains("502 Bad Gateway");
        PeTestClient.Answer empty = client.get(pe.orchestratorUrl(), "/orchestrator/v1/plan_jobs", token);
        assertThat(empty.status()).isEqualTo(503);
        assertThat(empty.body()).isEmpty();
        assertThat(client.get(pe.orchestratorUrl(), "/orchestrator/v1/plan_jobs", token)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void rbacStatusFaultsUseTheServerErrorKind() {
        pe.faults().forNextRequests(1, Fault.status(503), PeEndpoint.LOGIN);
        PeTestClient.Answer answer = client.post(
                pe.rbacUrl(), "/rbac-api/v1/auth/token", null, "{\"login\": \"deployer\", \"password\": \"s3cret\"}");
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.kind()).isEqualTo("puppetlabs.rbac/server-error");
    }

    @Test
    void aTimeWindowOnTheSimulatorClockCoversAWholeService() {
        pe.faults().forDuration(Duration.ofSeconds(30), Fault.status(503), PeEndpoint.of(PeService.ORCHESTRATOR));
        assertThat(runPlan().status()).isEqualTo(503);
        assertThat(client.get(pe.orchestratorUrl(), "/orchestrator/v1/plan_jobs", token)
                        .status())
                .isEqualTo(503);
        assertThat(client.get(pe.codeManagerUrl(), "/code-manager/v1/deploys/status", token)
                        .status())
                .as("other services are unaffected")
                .isEqualTo(200);
        clock.advance(Duration.ofSeconds(29));
        assertThat(runPlan().status()).isEqualTo(503);
        clock.advance(Duration.ofSeconds(1));
        assertThat(runPlan().status()).isEqualTo(202);
    }

    @Test
    void namingNoEndpointMeansEveryEndpoint() {
        pe.faults().forNextRequests(2, Fault.status(500));
        assertThat(client.get(pe.codeManagerUrl(), "/code-manager/v1/deploys/status", token)
                        .status())
                .isEqualTo(500);
        assertThat(client.get(pe.consoleUrl(), "/", null).status()).isEqualTo(500);
        assertThat(client.get(pe.consoleUrl(), "/", null).status()).isEqualTo(200);
    }

    @Test
    void theFaultArmedFirstAppliesFirstAndClearDisarms() {
        pe.faults().forNextRequests(1, Fault.status(502), PeEndpoint.PLAN_RUN);
        pe.faults().forNextRequests(1, Fault.status(504), PeEndpoint.PLAN_RUN);
        assertThat(runPlan().status()).isEqualTo(502);
        assertThat(runPlan().status()).isEqualTo(504);
        pe.faults().forNextRequests(5, Fault.status(500), PeEndpoint.PLAN_RUN);
        pe.faults().clear();
        assertThat(runPlan().status()).isEqualTo(202);
    }

    @Test
    void aDelayLongerThanTheClientTimeoutMakesItTimeOut() {
        pe.faults().forNextRequests(1, Fault.delay(Duration.ofSeconds(60)), PeEndpoint.PLAN_RUN);
        PeTestClient impatient = new PeTestClient(pe, Duration.ofSeconds(3));
        assertThatThrownBy(() -> impatient.post(pe.orchestratorUrl(), PLAN_RUN, token, RUN_BODY))
                .hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(runPlan().status()).isEqualTo(202);
    }

    @Test
    void aDelayShorterThanTheTimeoutIsJustSlow() {
        pe.faults().forNextRequests(1, Fault.delay(Duration.ofMillis(200)), PeEndpoint.PLAN_RUN);
        assertThat(runPlan().status()).isEqualTo(202);
    }

    @Test
    void droppingTheConnectionBeforeTheBodyHasNoEffect() throws Exception {
        pe.faults().forNextRequests(1, Fault.dropConnectionBeforeBody(), PeEndpoint.PLAN_RUN);
        assertThatThrownBy(() -> send(PLAN_RUN, RUN_BODY)).isInstanceOf(IOException.class);
        assertThat(pe.planJobs()).isEmpty();
        JournalEntry entry = pe.journal().entries(PeEndpoint.PLAN_RUN).get(0);
        assertThat(entry.status()).isZero();
        assertThat(entry.body()).isNull();
        assertThat(entry.fault()).isEqualTo(Fault.dropConnectionBeforeBody());
    }

    @Test
    void droppingTheConnectionAfterTheBodyLosesTheAnswerButNotTheJob() throws Exception {
        pe.faults().forNextRequests(1, Fault.dropConnectionAfterBody(), PeEndpoint.PLAN_RUN);
        assertThatThrownBy(() -> send(PLAN_RUN, RUN_BODY)).isInstanceOf(IOException.class);
        assertThat(pe.planJobs()).as("the plan run took effect").hasSize(1);
        JournalEntry entry = pe.journal().entries(PeEndpoint.PLAN_RUN).get(0);
        assertThat(entry.status()).isZero();
        assertThat(entry.body()).contains("canary");
    }

    private void send(String path, String body) throws IOException, InterruptedException {
        client.sendRaw(client.request(pe.orchestratorUrl(), path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    @Test
    void malformedJsonKeepsTheStatusAndProcessesTheRequest() {
        pe.faults().forNextRequests(1, Fault.malformedJson(), PeEndpoint.PLAN_RUN);
        PeTestClient.Answer answer = runPlan();
        assertThat(answer.status()).isEqualTo(202);
        assertThatThrownBy(() -> SimulatorJson.MAPPER.readTree(answer.body()))
                .isInstanceOf(JsonProcessingException.class);
        assertThat(pe.planJobs()).hasSize(1);

        pe.faults().forNextRequests(1, Fault.malformedJson(), PeEndpoint.REVOKE_TOKENS);
        PeTestClient.Answer revoked =
                client.delete(pe.rbacUrl(), "/rbac-api/v2/tokens?revoke_tokens=" + pe.issueToken("deployer"), token);
        assertThat(revoked.status())
                .as("a 204 cannot carry a body, so it becomes 200")
                .isEqualTo(200);
        assertThatThrownBy(() -> SimulatorJson.MAPPER.readTree(revoked.body()))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void faultsAreCheckedWhenArmed() {
        assertThatThrownBy(() -> Fault.status(404)).hasMessageContaining("500, 502, 503, 504".substring(0, 3));
        assertThatThrownBy(() -> Fault.delay(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.malformedJson().withHtmlBody()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pe.faults().forNextRequests(0, Fault.status(500)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pe.faults().forDuration(Duration.ZERO, Fault.status(500)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
