package io.jenkins.plugins.puppetenterprise.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every authenticated endpoint of every service answers PE's 401 kinds and 403s (pe-api.md 2.4). */
class AuthenticationTest {
    private final FakeClock clock = new FakeClock();
    private PeSimulator pe;
    private PeTestClient client;

    @BeforeEach
    void start() {
        pe = PeSimulator.start(clock);
        pe.addUser("deployer", "s3cret", UserPermissions.deployer());
        pe.addUser("viewer", "v1ewer", UserPermissions.none());
        pe.addPlan(PlanSpec.named("canary"));
        client = new PeTestClient(pe);
    }

    @AfterEach
    void stop() {
        pe.close();
    }

    /** A request to the endpoint that would succeed with a good token. */
    private PeTestClient.Answer call(PeEndpoint endpoint, String token) {
        URI base =
                switch (endpoint.service()) {
                    case RBAC -> pe.rbacUrl();
                    case CODE_MANAGER -> pe.codeManagerUrl();
                    case PUPPETDB -> pe.puppetDbUrl();
                    default -> pe.orchestratorUrl();
                };
        return switch (endpoint) {
            case MINT_TOKEN -> client.post(base, "/rbac-api/v1/tokens", token, "{}");
            case REVOKE_TOKENS -> client.delete(base, "/rbac-api/v2/tokens?revoke_tokens=x", token);
            case REVOKE_TOKEN -> client.delete(base, "/rbac-api/v2/tokens/x", token);
            case DEPLOYS -> client.post(base, "/code-manager/v1/deploys", token, "{\"environments\": []}");
            case DEPLOYS_STATUS -> client.get(base, "/code-manager/v1/deploys/status", token);
            case PLANS -> client.get(base, "/orchestrator/v1/plans", token);
            case PLAN -> client.get(base, "/orchestrator/v1/plans/canary/init", token);
            case PLAN_RUN ->
                client.post(base, "/orchestrator/v1/command/plan_run", token, "{\"plan_name\": \"canary\"}");
            case ENVIRONMENT_PLAN_RUN ->
                client.post(
                        base, "/orchestrator/v1/command/environment_plan_run", token, "{\"plan_name\": \"canary\"}");
            case STOP_PLAN -> client.post(base, "/orchestrator/v1/command/stop_plan", token, "{\"plan_job\": \"1\"}");
            case PLAN_JOBS -> client.get(base, "/orchestrator/v1/plan_jobs", token);
            case PLAN_JOB -> client.get(base, "/orchestrator/v1/plan_jobs/1", token);
            case PLAN_JOB_EVENTS -> client.get(base, "/orchestrator/v1/plan_jobs/1/events", token);
            case PLAN_JOB_EVENT -> client.get(base, "/orchestrator/v1/plan_jobs/1/event/1", token);
            case PDB_QUERY -> client.post(base, "/pdb/query/v4", token, "{\"query\": \"nodes {}\"}");
            case DEPLOY_COMMAND ->
                client.post(base, "/orchestrator/v1/command/deploy", token, "{\"environment\": \"production\"}");
            case TASK_COMMAND -> client.post(base, "/orchestrator/v1/command/task", token, "{\"task\": \"x\"}");
            case STOP_JOB -> client.post(base, "/orchestrator/v1/command/stop", token, "{\"job\": \"81\"}");
            case TASKS -> client.get(base, "/orchestrator/v1/tasks", token);
            case TASK -> client.get(base, "/orchestrator/v1/tasks/package/init", token);
            case JOBS -> client.get(base, "/orchestrator/v1/jobs", token);
            case JOB -> client.get(base, "/orchestrator/v1/jobs/81", token);
            case JOB_NODES -> client.get(base, "/orchestrator/v1/jobs/81/nodes", token);
            case JOB_REPORT -> client.get(base, "/orchestrator/v1/jobs/81/report", token);
            case JOB_EVENTS -> client.get(base, "/orchestrator/v1/jobs/81/events", token);
            default -> throw new IllegalArgumentException(endpoint + " needs no token");
        };
    }

    @ParameterizedTest
    @EnumSource(
            value = PeEndpoint.class,
            names = {"LOGIN", "AUTHENTICATE_TOKEN", "CONSOLE_PAGE"},
            mode = EnumSource.Mode.EXCLUDE)
    void everyAuthenticatedEndpointAnswersTheDocumentedKinds(PeEndpoint endpoint) {
        assertThat(endpoint.authenticated()).isTrue();
        expect401(call(endpoint, null), "user-unauthenticated");
        expect401(call(endpoint, "tampered-or-unknown"), "invalid-token");

        String expiring = pe.issueToken("deployer", Duration.ofMinutes(1));
        String revoked = pe.issueToken("deployer");
        pe.revokeToken(revoked);
        expect401(call(endpoint, revoked), "token-revoked");
        clock.advance(Duration.ofMinutes(1));
        expect401(call(endpoint, expiring), "token-expired");

        String valid = pe.issueToken("deployer");
        assertThat(call(endpoint, valid).status()).as("a valid token passes").isNotEqualTo(401);
        pe.setUserRevoked("deployer", true);
        expect401(call(endpoint, valid), "user-revoked");
    }

    private static void expect401(PeTestClient.Answer answer, String kind) {
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.kind()).isEqualTo("puppetlabs.rbac/" + kind);
        assertThat(answer.json().get("msg").textValue()).isNotBlank();
    }

    @Test
    void theTokenQueryParameterWorksToo() {
        String token = pe.issueToken("deployer");
        PeTestClient.Answer answer =
                client.get(pe.orchestratorUrl(), "/orchestrator/v1/plan_jobs?token=" + token, null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(client.get(pe.codeManagerUrl(), "/code-manager/v1/deploys/status?token=" + token, null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void missingPermissionsAre403() {
        String viewer = pe.issueToken("viewer");
        PeTestClient.Answer deploy = call(PeEndpoint.DEPLOYS, viewer);
        assertThat(deploy.status()).isEqualTo(403);
        assertThat(deploy.kind()).isEqualTo("puppetlabs.rbac/permission-denied");
        PeTestClient.Answer plan = call(PeEndpoint.PLAN_RUN, viewer);
        assertThat(plan.status()).isEqualTo(403);
        assertThat(plan.kind()).isEqualTo("puppetlabs.orchestrator/not-permitted");

        pe.setPermissions("viewer", UserPermissions.none().withPlans("canary"));
        assertThat(call(PeEndpoint.PLAN_RUN, viewer).status()).isEqualTo(202);
    }

    @Test
    void unknownRoutesAreAPlainNotFound() {
        PeTestClient.Answer answer = client.get(pe.orchestratorUrl(), "/orchestrator/v1/nothing-here", null);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).startsWith("Route not found");
    }
}
