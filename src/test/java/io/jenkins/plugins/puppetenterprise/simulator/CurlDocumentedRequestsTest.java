package io.jenkins.plugins.puppetenterprise.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.simulator.deploy.EnvironmentSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PE's own documented requests work (issue item 8): the real {@code curl} binary sends the example
 * requests of pe-api.md sections 2.1, 3.1 and 4.3 with {@code --cacert}, never {@code -k}.
 */
class CurlDocumentedRequestsTest {
    @TempDir
    Path dir;

    private PeSimulator pe;
    private Path caFile;
    private String token;

    @BeforeEach
    void start() {
        Assumptions.assumeTrue(
                curlAvailable(), "curl is not installed: install curl (bash .ci/run does) to run this test");
        pe = PeSimulator.start();
        caFile = pe.writeCaPem(dir.resolve("ca.pem"));
        pe.addUser("deployer", "s3cret", UserPermissions.deployer());
        pe.putEnvironment(EnvironmentSpec.named("production").instant());
        pe.putEnvironment(EnvironmentSpec.named("testing").instant());
        pe.addPlan(PlanSpec.named("example_plan")
                .withParameter("message", "String", null)
                .withParameter("settings", "Hash", null)
                .withParameter("targets", "TargetSpec", null)
                .withParameter("more_targets", "TargetSpec", null));
        pe.addNode("node1.example.com", "production");
        pe.addNodeGroup(PeSimulatorMain.DEMO_NODE_GROUP, "All Nodes", "node2.example.com");
    }

    @AfterEach
    void stop() {
        if (pe != null) {
            pe.close();
        }
    }

    private static boolean curlAvailable() {
        try {
            Process process = new ProcessBuilder("curl", "--version")
                    .redirectErrorStream(true)
                    .start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private record Reply(int exitCode, int status, String body) {
        JsonNode json() throws IOException {
            return SimulatorJson.MAPPER.readTree(body);
        }
    }

    private Reply curl(String url, String body, boolean trustCa) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "30"));
        if (trustCa) {
            command.addAll(List.of("--cacert", caFile.toString()));
        }
        command.addAll(List.of("-H", "Accept: application/json", "-w", "\n%{http_code}"));
        if (token != null) {
            command.addAll(List.of("-H", "X-Authentication: " + token));
        }
        if (body != null) {
            command.addAll(List.of("-H", "Content-Type: application/json", "-d", body));
        }
        command.add(url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (process.exitValue() != 0) {
            return new Reply(process.exitValue(), 0, output);
        }
        int newline = output.lastIndexOf('\n');
        return new Reply(0, Integer.parseInt(output.substring(newline + 1).trim()), output.substring(0, newline));
    }

    @Test
    void documentedExamplesWorkOverVerifiedTls() throws Exception {
        Reply refused = curl(pe.consoleUrl() + "/", null, false);
        assertThat(refused.exitCode())
                .as("without the CA, curl refuses the certificate")
                .isEqualTo(60);

        // 2.1: log in
        Reply login = curl(
                pe.rbacUrl() + "/rbac-api/v1/auth/token",
                "{ \"login\": \"deployer\", \"password\": \"s3cret\", \"lifetime\": \"4h\", \"label\": \"jenkins-build-1234\" }",
                true);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        token = login.json().get("token").textValue();
        assertThat(token).isNotBlank();

        // 3.1: deploy, no wait
        Reply queued = curl(
                pe.codeManagerUrl() + "/code-manager/v1/deploys",
                "{ \"environments\": [\"production\", \"testing\"] }",
                true);
        assertThat(queued.status()).isEqualTo(200);
        assertThat(queued.json()).hasSize(2);
        for (JsonNode entry : queued.json()) {
            assertThat(entry.get("environment").isTextual()).isTrue();
            assertThat(entry.get("id").isInt()).isTrue();
            assertThat(entry.get("status").textValue()).isIn("new", "queued");
        }

        // 3.1: deploy with wait, partial failure
        Reply waited = curl(
                pe.codeManagerUrl() + "/code-manager/v1/deploys",
                "{ \"environments\": [\"production\", \"nosuchenv\"], \"wait\": true }",
                true);
        assertThat(waited.status()).isEqualTo(200);
        JsonNode complete = waited.json().get(0);
        assertThat(complete.get("status").textValue()).isEqualTo("complete");
        assertThat(complete.get("deploy-signature").isTextual()).isTrue();
        assertThat(complete.at("/file-sync/environment-commit").isTextual()).isTrue();
        assertThat(complete.at("/file-sync/code-commit").isTextual()).isTrue();
        JsonNode failed = waited.json().get(1);
        assertThat(failed.get("status").textValue()).isEqualTo("failed");
        assertThat(failed.at("/error/kind").textValue()).isEqualTo("puppetlabs.code-manager/deploy-failure");
        assertThat(failed.at("/error/details/corrected-name").textValue()).isEqualTo("nosuchenv");

        // 3.1: deploy-all, and 3.2 status by id
        Reply all = curl(pe.codeManagerUrl() + "/code-manager/v1/deploys", "{ \"deploy-all\": true }", true);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json())
                .extracting(e -> e.get("environment").textValue())
                .containsExactly("production", "testing");
        Reply status = curl(
                pe.codeManagerUrl() + "/code-manager/v1/deploys/status?id="
                        + all.json().get(0).get("id").intValue(),
                null,
                true);
        assertThat(status.json().get("status").textValue()).isEqualTo("synced");

        // 4.3: environment_plan_run with value, object, query and node_group parameters
        Reply run = curl(pe.orchestratorUrl() + "/orchestrator/v1/command/environment_plan_run", """
                {
                  "plan_name": "example_plan",
                  "environment": "production",
                  "description": "Output a message on queried and grouped targets",
                  "params": {
                    "message":      { "value": "hello" },
                    "settings":     { "value": { "value": "xyz" } },
                    "targets":      { "type": "query",      "value": "nodes[certname] { catalog_environment = \\"production\\" }" },
                    "more_targets": { "type": "node_group", "value": "00000000-0000-4000-8000-000000000000" }
                  }
                }
                """, true);
        assertThat(run.status()).as(run.body()).isEqualTo(202);
        String name = run.json().get("name").textValue();
        assertThat(name).matches("\\d+");

        Reply job = curl(pe.orchestratorUrl() + "/orchestrator/v1/plan_jobs/" + name, null, true);
        assertThat(job.status()).isEqualTo(200);
        assertThat(job.json().get("state").textValue()).isIn("pending", "running", "success");
        assertThat(job.json().at("/options/parameters/targets/0").textValue()).isEqualTo("node1.example.com");
        assertThat(job.json().at("/options/parameters/more_targets/0").textValue())
                .isEqualTo("node2.example.com");
        Reply events =
                curl(pe.orchestratorUrl() + "/orchestrator/v1/plan_jobs/" + name + "/events?start=0", null, true);
        assertThat(events.status()).isEqualTo(200);
        assertThat(events.json().get("items").isArray()).isTrue();
        assertThat(events.json().at("/next-events/event").isTextual()).isTrue();
        assertThat(pe.journal().count(PeEndpoint.ENVIRONMENT_PLAN_RUN)).isEqualTo(1);
    }
}
