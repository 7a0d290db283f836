package io.jenkins.plugins.puppetenterprise.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.simulator.job.TaskSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request journal (issue item 6): what was sent, and never a token or password. */
class RequestJournalTest {
    private static final String PASSWORD = "Canary-Passw0rd";
    private static final String PLAN_SECRET = "plan-secret-42";

    private final FakeClock clock = new FakeClock();
    private PeSimulator pe;
    private PeTestClient client;

    @BeforeEach
    void start() {
        pe = PeSimulator.start(clock);
        pe.addUser("deployer", PASSWORD, UserPermissions.all());
        pe.addPlan(PlanSpec.named("canary")
                .withParameter("nodes", "TargetSpec", null)
                .withSensitiveParameter("password", null));
        client = new PeTestClient(pe);
    }

    @AfterEach
    void stop() {
        pe.close();
    }

    @Test
    void aListenerSeesEachEntryBeforeTheAnswerIsSent() {
        String token = pe.issueToken("deployer");
        List<JournalEntry> seen = new CopyOnWriteArrayList<>();
        pe.journal().onRecord(entry -> {
            seen.add(entry);
            clock.advance(Duration.ofSeconds(1)); // between this request and the next
        });
        Instant before = clock.instant();
        client.get(pe.orchestratorUrl(), "/orchestrator/v1/plan_jobs?limit=1", token);
        assertThat(seen).as("seen by the time the answer came").hasSize(1);
        client.get(pe.orchestratorUrl(), "/orchestrator/v1/plan_jobs?limit=1", token);
        assertThat(seen).extracting(JournalEntry::time).containsExactly(before, before.plusSeconds(1));
    }

    @Test
    void recordsMethodPathQueryBodyAndStatus() {
        String token = pe.issueToken("deployer");
        client.post(
                pe.orchestratorUrl(),
                "/orchestrator/v1/command/plan_run",
                token,
                "{\"plan_name\": \"canary\", \"params\": {\"nodes\": [\"node1\"], \"password\": \"x\"}}");
        client.get(pe.orchestratorUrl(), "/orchestrator/v1/plan_jobs/1/events?start=0", token);
        client.get(pe.orchestratorUrl(), "/orchestrator/v1/nope", token);

        assertThat(pe.journal().count(PeEndpoint.PLAN_RUN))
                .as("exactly one plan_run was sent")
                .isEqualTo(1);
        JournalEntry run = pe.journal().entries(PeEndpoint.PLAN_RUN).get(0);
        assertThat(run.service()).isEqualTo(PeService.ORCHESTRATOR);
        assertThat(run.method()).isEqualTo("POST");
        assertThat(run.path()).isEqualTo("/orchestrator/v1/command/plan_run");
        assertThat(run.body()).contains("\"plan_name\":\"canary\"").contains("node1");
        assertThat(run.status()).isEqualTo(202);
        assertThat(run.time()).isEqualTo(clock.instant());
        assertThat(run.fault()).isNull();

        JournalEntry events = pe.journal().entries(PeEndpoint.PLAN_JOB_EVENTS).get(0);
        assertThat(events.query()).isEqualTo("start=0");
        assertThat(events.body()).isNull();
        List<JournalEntry> all = pe.journal().entries();
        assertThat(all).hasSize(3);
        assertThat(all.get(2).endpoint()).isNull();
        assertThat(all.get(2).status()).isEqualTo(404);

        pe.journal().clear();
        assertThat(pe.journal().entries()).isEmpty();
        assertThat(pe.journal().count(PeEndpoint.PLAN_RUN)).isZero();
    }

    @Test
    void neverHoldsATokenPasswordOrSensitiveParameter() {
        String issued = client.post(
                        pe.rbacUrl(),
                        "/rbac-api/v1/auth/token",
                        null,
                        "{\"login\": \"deployer\", \"password\": \"" + PASSWORD + "\", \"label\": \"j\"}")
                .json()
                .get("token")
                .textValue();
        String other = pe.issueToken("deployer");
        client.post(
                pe.rbacUrl(),
                "/rbac-api/v1/auth/token",
                null,
                "{\"login\": \"deployer\", \"password\": \"" + PASSWORD + "\""); // not JSON: still hidden
        client.post(pe.rbacUrl(), "/rbac-api/v2/auth/token/authenticate", null, "{\"token\": \"" + issued + "\"}");
        client.post(
                pe.orchestratorUrl(),
                "/orchestrator/v1/command/plan_run",
                issued,
                "{\"plan_name\": \"canary\", \"params\": {\"nodes\": \"n\", \"password\": \"" + PLAN_SECRET + "\"},"
                        + " \"description\": \"token " + other + " pasted by mistake\"}");
        client.post(
                pe.orchestratorUrl(),
                "/orchestrator/v1/command/environment_plan_run",
                issued,
                "{\"plan_name\": \"canary\", \"params\": {\"nodes\": {\"value\": \"n\"},"
                        + " \"password\": {\"value\": \"" + PLAN_SECRET + "\"}}}");
        client.get(pe.orchestratorUrl(), "/orchestrator/v1/plan_jobs?token=" + issued, null);
        client.get(pe.codeManagerUrl(), "/code-manager/v1/deploys/status?id=1&token=" + issued, null);
        client.delete(pe.rbacUrl(), "/rbac-api/v2/tokens/" + other, issued);
        client.delete(
                pe.rbacUrl(), "/rbac-api/v2/tokens?revoke_tokens=" + other + "&revoke_tokens_by_labels=j", issued);
        client.delete(pe.rbacUrl(), "/rbac-api/v2/tokens", issued, "{\"revoke_tokens\": [\"" + other + "\"]}");

        List<JournalEntry> entries = pe.journal().entries();
        assertThat(entries).hasSize(10);
        for (JournalEntry entry : entries) {
            String text = entry.toString();
            assertThat(text)
                    .doesNotContain(PASSWORD)
                    .doesNotContain(issued)
                    .doesNotContain(other)
                    .doesNotContain(PLAN_SECRET);
        }
        assertThat(entries.get(0).body())
                .contains("\"password\":\"<redacted>\"")
                .contains("deployer");
        assertThat(entries.get(5).query()).isEqualTo("token=<redacted>");
        assertThat(entries.get(6).query()).isEqualTo("id=1&token=<redacted>");
        assertThat(entries.get(7).path()).isEqualTo("/rbac-api/v2/tokens/<redacted>");
        assertThat(entries.get(8).query()).isEqualTo("revoke_tokens=<redacted>&revoke_tokens_by_labels=j");
    }

    @Test
    void hidesSensitiveParametersOfRequestsThatAFaultAnswers() {
        pe.addTask(TaskSpec.named("app::restart").withSensitiveParameter("secret", "String[1]"));
        String token = pe.issueToken("deployer");
        pe.faults().forNextRequests(1, Fault.status(500), PeEndpoint.PLAN_RUN);
        pe.faults().forNextRequests(1, Fault.okWithTokenError(), PeEndpoint.TASK_COMMAND);
        client.post(
                pe.orchestratorUrl(),
                "/orchestrator/v1/command/plan_run",
                token,
                "{\"plan_name\": \"canary\", \"params\": {\"nodes\": \"n\", \"password\": \"" + PLAN_SECRET + "\"}}");
        client.post(
                pe.orchestratorUrl(),
                "/orchestrator/v1/command/task",
                token,
                "{\"task\": \"app::restart\", \"params\": {\"secret\": \"" + PLAN_SECRET + "\"},"
                        + " \"scope\": {\"nodes\": [\"n\"]}}");

        List<JournalEntry> entries = pe.journal().entries();
        assertThat(entries).extracting(JournalEntry::fault).doesNotContainNull();
        assertThat(entries).extracting(JournalEntry::body).noneMatch(body -> body.contains(PLAN_SECRET));
        assertThat(entries.get(0).body()).contains("\"nodes\":\"n\"");
        assertThat(entries.get(1).body()).contains("\"task\":\"app::restart\"");
    }

    @Test
    void keepsTheNewestEntriesButCountsAll() {
        try (PeSimulator small =
                PeSimulator.builder().clock(clock).journalCapacity(2).start()) {
            PeTestClient smallClient = new PeTestClient(small);
            for (int i = 0; i < 3; i++) {
                smallClient.get(small.consoleUrl(), "/page-" + i, null);
            }
            assertThat(small.journal().entries()).extracting(JournalEntry::path).containsExactly("/page-1", "/page-2");
            assertThat(small.journal().count(PeEndpoint.CONSOLE_PAGE)).isEqualTo(3);
        }
    }
}
