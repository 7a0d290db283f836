package io.jenkins.plugins.puppetenterprise.simulator.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.PeTestClient;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Orchestrator Puppet runs and tasks (pe-api-jobs.md 4.9): commands, task metadata, jobs, nodes, events, stop. */
class OrdinaryJobsApiTest {
    private static final String V1 = "/orchestrator/v1";
    private static final String GROUP = "00000000-0000-4000-8000-000000000000";

    private final FakeClock clock = new FakeClock();
    private PeSimulator pe;
    private PeTestClient client;
    private String token;

    @BeforeEach
    void start() {
        pe = PeSimulator.start(clock);
        pe.addUser("deployer", "s3cret", UserPermissions.deployer());
        token = pe.issueToken("deployer", Duration.ofDays(1));
        client = new PeTestClient(pe);
        pe.addNode("web01.example.com", "production");
        pe.addNode("web02.example.com", "production");
        pe.addNode("web03.example.com", "development");
        pe.addNodeGroup(GROUP, "Web", "web01.example.com", "web02.example.com");
        pe.addTask(TaskSpec.named("package")
                .withParameter("action", "String[1]", "What to do")
                .withParameter("name", "String[1]", "Package")
                .withParameter("version", "Optional[String]", null));
        pe.addTask(TaskSpec.named("profile::restart_app")
                .supportingNoop()
                .withParameter("service", "String[1]", "Service name")
                .withSensitiveParameter("token", "Optional[String]"));
    }

    @AfterEach
    void stop() {
        pe.close();
    }

    private PeTestClient.Answer get(String path) {
        return client.get(pe.orchestratorUrl(), V1 + path, token);
    }

    private PeTestClient.Answer post(String path, String body) {
        return client.post(pe.orchestratorUrl(), V1 + path, token, body);
    }

    private String started(PeTestClient.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        JsonNode job = answer.json().get("job");
        assertThat(job.get("id").textValue())
                .endsWith("/orchestrator/v1/jobs/" + job.get("name").textValue());
        return job.get("name").textValue();
    }

    private static void expectError(PeTestClient.Answer answer, int status, String kind) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.kind()).as(answer.body()).isEqualTo("puppetlabs.orchestrator/" + kind);
        assertThat(answer.json().get("msg").textValue()).isNotBlank();
    }

    private static List<String> types(JsonNode events) {
        List<String> types = new ArrayList<>();
        events.get("items").forEach(e -> types.add(e.get("type").textValue()));
        return types;
    }

    private JsonNode node(JsonNode nodes, String certname) {
        for (JsonNode item : nodes.get("items")) {
            if (item.get("name").textValue().equals(certname)) {
                return item;
            }
        }
        throw new AssertionError("no node " + certname + " in " + nodes);
    }

    @Test
    void puppetRunNodesFinishFailErrorAndSkipAtScriptedTimes() {
        pe.scriptNextJob(JobScript.allFinishing(Duration.ofSeconds(5))
                .node("web02.example.com", NodeScript.failing(Duration.ofSeconds(8)))
                .node("web03.example.com", NodeScript.notConnected(Duration.ofSeconds(2)))
                .node("db01.example.com", NodeScript.skipped(Duration.ofSeconds(3))));
        String name = started(
                post(
                        "/command/deploy",
                        "{\"environment\": \"production\", \"scope\": {\"nodes\": [\"web01.example.com\","
                                + " \"web02.example.com\", \"web03.example.com\", \"db01.example.com\"]},"
                                + " \"concurrency\": 2, \"description\": \"converge [pe-1]\", \"userdata\": {\"m\": \"pe-1\"}}"));

        JsonNode running = get("/jobs/" + name).json();
        assertThat(running.get("state").textValue()).isEqualTo("running");
        assertThat(running.get("node_count").intValue()).isEqualTo(4);
        assertThat(running.get("options").get("concurrency").intValue()).isEqualTo(2);
        assertThat(running.get("userdata").get("m").textValue()).isEqualTo("pe-1");
        assertThat(running.get("finished_timestamp").isNull()).isTrue();
        assertThat(node(get("/jobs/" + name + "/nodes").json(), "web01.example.com")
                        .get("state")
                        .textValue())
                .isEqualTo("running");

        clock.advance(Duration.ofSeconds(6));
        JsonNode midway = get("/jobs/" + name + "/nodes").json();
        assertThat(node(midway, "web01.example.com").get("state").textValue()).isEqualTo("finished");
        assertThat(node(midway, "web02.example.com").get("state").textValue()).isEqualTo("running");
        JsonNode errored = node(midway, "web03.example.com");
        assertThat(errored.get("state").textValue()).isEqualTo("errored");
        assertThat(errored.get("start_timestamp").isNull()).isTrue();
        assertThat(errored.has("result")).isFalse();
        assertThat(errored.get("details").get("message").textValue()).contains("not connected to the PCP broker");
        assertThat(node(midway, "db01.example.com").get("state").textValue()).isEqualTo("skipped");

        clock.advance(Duration.ofSeconds(3));
        JsonNode done = get("/jobs/" + name).json();
        assertThat(done.get("state").textValue()).isEqualTo("finished");
        JsonNode listed =
                get("/jobs?type=deploy&order_by=timestamp&order=desc&limit=5").json();
        assertThat(listed.get("items").get(0).get("node_states").toString())
                .isEqualTo("{\"finished\":1,\"failed\":1,\"errored\":1,\"skipped\":1}");
        JsonNode failed = node(get("/jobs/" + name + "/nodes").json(), "web02.example.com");
        assertThat(failed.get("result").get("status").textValue()).isEqualTo("failed");
        assertThat(failed.get("result").get("metrics").get("failed").intValue()).isEqualTo(1);
        assertThat(failed.get("details").get("report-url").textValue())
                .startsWith(pe.consoleUrl() + "/#/cm/report/"
                        + failed.get("result").get("hash").textValue());

        JsonNode events = get("/jobs/" + name + "/events?start=0").json();
        assertThat(types(events))
                .containsExactly(
                        "node_running",
                        "node_running",
                        "node_errored",
                        "node_skipped",
                        "node_finished",
                        "node_failed",
                        "job_finished");
        long last = Long.parseLong(events.get("items").get(5).get("id").textValue());
        assertThat(types(get("/jobs/" + name + "/events?start=" + (last + 1)).json()))
                .containsExactly("job_finished");
        assertThat(events.get("items").get(2).get("details").get("node").textValue())
                .isEqualTo("web03.example.com");
    }

    @Test
    void queuedNodesStayNewWithoutStartTimestamp() {
        pe.scriptNextJob(
                JobScript.allNodes(NodeScript.finishing(Duration.ofSeconds(2)).queuedFor(Duration.ofMinutes(3))));
        String name = started(post(
                "/command/deploy",
                "{\"environment\": \"production\", \"scope\": {\"node_group\": \"" + GROUP + "\"}}"));
        clock.advance(Duration.ofMinutes(2));
        JsonNode nodes = get("/jobs/" + name + "/nodes").json();
        assertThat(nodes.get("items")).hasSize(2);
        assertThat(node(nodes, "web01.example.com").get("state").textValue()).isEqualTo("new");
        assertThat(node(nodes, "web01.example.com").get("start_timestamp").isNull())
                .isTrue();
        assertThat(get("/jobs/" + name).json().get("state").textValue()).isEqualTo("running");
        clock.advance(Duration.ofMinutes(2));
        assertThat(get("/jobs/" + name).json().get("state").textValue()).isEqualTo("finished");
    }

    @Test
    void noopRunReportsPendingChangesAsOutOfSync() {
        pe.scriptNextJob(
                JobScript.allNodes(NodeScript.finishing(Duration.ofSeconds(1)).withResources(4, 4, 0)));
        String name = started(post(
                "/command/deploy",
                "{\"environment\": \"\", \"enforce_environment\": false, \"noop\": true,"
                        + " \"scope\": {\"query\": \"nodes[certname] { }\"}}"));
        clock.advance(Duration.ofSeconds(2));
        JsonNode nodes = get("/jobs/" + name + "/nodes").json();
        assertThat(nodes.get("items")).hasSize(3);
        JsonNode result = node(nodes, "web03.example.com").get("result");
        assertThat(result.get("status").textValue()).isEqualTo("unchanged");
        assertThat(result.get("noop").get("noop").booleanValue()).isTrue();
        assertThat(result.get("environment").textValue()).isEqualTo("development");
        assertThat(result.get("metrics").get("changed").intValue()).isZero();
        assertThat(result.get("metrics").get("out_of_sync").intValue()).isEqualTo(4);
    }

    @Test
    void tasksGiveStructuredRawAndErrorResultsAndHideSensitiveParameters() {
        pe.scriptNextJob(JobScript.allNodes(NodeScript.finishing(Duration.ofSeconds(1))
                        .withTaskResult(Map.of("status", "up to date", "version", "5.0.0")))
                .node(
                        "web02.example.com",
                        NodeScript.finishing(Duration.ofSeconds(1)).withTaskResult(Map.of("output", "test\n")))
                .node(
                        "web03.example.com",
                        NodeScript.finishing(Duration.ofSeconds(1))
                                .withTaskResult(Map.of(
                                        "_error",
                                        Map.of(
                                                "kind",
                                                "puppetlabs.tasks/task-error",
                                                "msg",
                                                "The task failed with exit code 1")))));
        String name = started(post(
                "/command/task",
                "{\"task\": \"profile::restart_app\", \"environment\": \"production\","
                        + " \"params\": {\"service\": \"nginx\", \"token\": \"hunter2\"}, \"noop\": true,"
                        + " \"scope\": {\"nodes\": [\"web01.example.com\", \"web02.example.com\","
                        + " \"web03.example.com\"]}}"));
        clock.advance(Duration.ofSeconds(2));
        JsonNode nodes = get("/jobs/" + name + "/nodes").json();
        assertThat(node(nodes, "web01.example.com").get("result").get("version").textValue())
                .isEqualTo("5.0.0");
        assertThat(node(nodes, "web02.example.com").get("result").get("output").textValue())
                .isEqualTo("test\n");
        assertThat(node(nodes, "web03.example.com").get("state").textValue()).isEqualTo("finished");
        assertThat(node(nodes, "web03.example.com").get("result").has("_error")).isTrue();

        JsonNode job = get("/jobs/" + name).json();
        assertThat(job.get("type").textValue()).isEqualTo("task");
        assertThat(job.get("options").get("params").get("token").textValue()).isEqualTo("Sensitive [value redacted]");
        assertThat(job.get("options").get("sensitive").toString()).isEqualTo("[\"token\"]");
        assertThat(pe.journal().entries(PeEndpoint.TASK_COMMAND).get(0).body())
                .doesNotContain("hunter2")
                .contains("nginx");
        assertThat(get("/jobs?type=task&task=restart").json().get("items")).hasSize(1);
        assertThat(get("/jobs?type=deploy").json().get("items")).isEmpty();
    }

    @Test
    void failingTaskNodesGetAnErrorResult() {
        pe.scriptNextJob(JobScript.allNodes(NodeScript.failing(Duration.ofSeconds(1))));
        String name = started(post(
                "/command/task",
                "{\"task\": \"package\", \"params\": {\"action\": \"status\", \"name\": \"openssl\"},"
                        + " \"scope\": {\"nodes\": [\"web01.example.com\"]}}"));
        clock.advance(Duration.ofSeconds(1));
        JsonNode item = get("/jobs/" + name + "/nodes").json().get("items").get(0);
        assertThat(item.get("state").textValue()).isEqualTo("failed");
        assertThat(item.get("result").get("_error").get("kind").textValue()).isEqualTo("puppetlabs.tasks/task-error");
    }

    @Test
    void taskMetadata() {
        JsonNode list = get("/tasks?environment=production").json();
        assertThat(list.get("items").get(0).get("name").textValue()).isEqualTo("package");
        assertThat(list.get("items").get(0).get("id").textValue()).endsWith("/orchestrator/v1/tasks/package/init");
        JsonNode task = get("/tasks/profile/restart_app").json();
        assertThat(task.get("metadata").get("supports_noop").booleanValue()).isTrue();
        assertThat(task.get("metadata")
                        .get("parameters")
                        .get("token")
                        .get("sensitive")
                        .booleanValue())
                .isTrue();
        assertThat(get("/tasks/package/init").json().get("name").textValue()).isEqualTo("package");
        expectError(get("/tasks/nosuch/thing"), 404, "unknown-task");
        expectError(get("/tasks/package/init?environment=nosuch"), 404, "unknown-environment");
        expectError(get("/tasks/Bad-Module/x"), 400, "validation-error");
    }

    @Test
    void eachErrorKind() {
        String nodes = "\"scope\": {\"nodes\": [\"web01.example.com\"]}";
        expectError(
                post(
                        "/command/deploy",
                        "{\"environment\": \"production\", \"noop\": true, \"no_noop\": true, " + nodes + "}"),
                400,
                "validation-error");
        expectError(
                post(
                        "/command/deploy",
                        "{\"environment\": \"production\", \"scope\": {\"nodes\": [\"a\"],"
                                + " \"query\": \"nodes[certname] { }\"}}"),
                400,
                "validation-error");
        expectError(
                post("/command/deploy", "{\"environment\": \"production\", \"bogus\": 1, " + nodes + "}"),
                400,
                "validation-error");
        expectError(post("/command/deploy", "{\"environment\": \"\", " + nodes + "}"), 400, "validation-error");
        expectError(
                post("/command/deploy", "{\"environment\": \"production\", \"concurrency\": -1, " + nodes + "}"),
                400,
                "validation-error");
        expectError(
                post("/command/deploy", "{\"environment\": \"production\", \"scope\": {\"nodes\": []}}"),
                400,
                "empty-target");
        PeTestClient.Answer noMatch = post(
                "/command/deploy",
                "{\"environment\": \"production\", \"scope\": {\"query\": \"nodes[certname] { certname = \\\"x\\\" }\"}}");
        expectError(noMatch, 400, "empty-target");
        assertThat(noMatch.json().get("details").get("target").textValue()).isEqualTo("query");
        expectError(
                post("/command/deploy", "{\"environment\": \"production\", \"scope\": {\"query\": \"bad {\"}}"),
                400,
                "query-error");
        pe.puppetDbDown(true);
        expectError(
                post(
                        "/command/deploy",
                        "{\"environment\": \"production\", \"scope\": {\"query\": " + "\"nodes[certname] { }\"}}"),
                400,
                "puppetdb-error");
        expectError(
                post("/command/deploy", "{\"environment\": \"nosuch\", " + nodes + "}"), 404, "unknown-environment");
        pe.emptyEnvironment("production");
        expectError(
                post("/command/deploy", "{\"environment\": \"production\", " + nodes + "}"), 400, "empty-environment");
        pe.denyPuppetRuns("deployer");
        expectError(post("/command/deploy", "{\"environment\": \"production\", " + nodes + "}"), 403, "not-permitted");

        expectError(
                post("/command/task", "{\"task\": \"nosuch::task\", \"params\": {}, " + nodes + "}"),
                404,
                "unknown-task");
        expectError(
                post("/command/task", "{\"task\": \"Bad Name\", \"params\": {}, " + nodes + "}"),
                400,
                "validation-error");
        expectError(post("/command/task", "{\"task\": \"package\", " + nodes + "}"), 400, "validation-error");
        expectError(
                post("/command/task", "{\"task\": \"package\", \"params\": {\"action\": \"status\"}, " + nodes + "}"),
                400,
                "validation-error");
        expectError(
                post(
                        "/command/task",
                        "{\"task\": \"package\", \"noop\": true, \"params\": {\"action\":"
                                + " \"status\", \"name\": \"x\"}, " + nodes + "}"),
                400,
                "validation-error");
        pe.grantTasks("deployer", "package");
        expectError(
                post(
                        "/command/task",
                        "{\"task\": \"profile::restart_app\", \"params\": {\"service\":" + " \"x\"}, " + nodes + "}"),
                403,
                "not-permitted");

        expectError(get("/jobs/12345"), 404, "unknown-job");
        expectError(get("/jobs/abc/nodes"), 400, "validation-error");
        expectError(get("/jobs?type=deploy&task=package"), 400, "validation-error");
        expectError(post("/command/stop", "{\"job\": \"12345\"}"), 404, "unknown-job");
    }

    @Test
    void stopLetsRunningNodesFinishAndCancelsTheRest() {
        pe.scriptNextJob(JobScript.allFinishing(Duration.ofSeconds(10))
                .node(
                        "web02.example.com",
                        NodeScript.finishing(Duration.ofSeconds(10)).queuedFor(Duration.ofSeconds(30))));
        String name = started(post(
                "/command/deploy",
                "{\"environment\": \"production\", \"scope\": {\"node_group\": \"" + GROUP + "\"}}"));
        clock.advance(Duration.ofSeconds(2));
        PeTestClient.Answer stopped = post("/command/stop", "{\"job\": \"" + name + "\"}");
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(202);
        assertThat(stopped.json().get("job").get("nodes").toString()).isEqualTo("{\"running\":1,\"new\":1}");
        assertThat(get("/jobs/" + name).json().get("state").textValue()).isEqualTo("stopping");
        clock.advance(Duration.ofSeconds(9));
        JsonNode job = get("/jobs/" + name).json();
        assertThat(job.get("state").textValue()).isEqualTo("stopped");
        JsonNode nodes = get("/jobs/" + name + "/nodes").json();
        assertThat(node(nodes, "web01.example.com").get("state").textValue()).isEqualTo("finished");
        assertThat(node(nodes, "web02.example.com").get("state").textValue()).isEqualTo("stopped");
        assertThat(types(get("/jobs/" + name + "/events").json()))
                .containsExactly("node_running", "job_stopping", "node_finished", "job_finished");
        // Stopping a job that already ended changes nothing.
        assertThat(post("/command/stop", "{\"job\": \"" + name + "\"}").status())
                .isEqualTo(202);
        assertThat(get("/jobs/" + name).json().get("state").textValue()).isEqualTo("stopped");
    }

    @Test
    void forcedStopEndsRunningNodesAndOlderReleasesRefuseForce() {
        pe.scriptNextJob(JobScript.allFinishing(Duration.ofMinutes(10)));
        String name = started(post(
                "/command/task",
                "{\"task\": \"package\", \"params\": {\"action\": \"status\", \"name\": \"openssl\"},"
                        + " \"scope\": {\"nodes\": [\"web01.example.com\"]}}"));
        clock.advance(Duration.ofSeconds(5));
        pe.jobApiRelease(JobApiRelease.PE_2021_5);
        expectError(post("/command/stop", "{\"job\": \"" + name + "\", \"force\": true}"), 400, "validation-error");
        pe.jobApiRelease(JobApiRelease.CURRENT);
        assertThat(post("/command/stop", "{\"job\": \"" + name + "\", \"force\": true}")
                        .status())
                .isEqualTo(202);
        assertThat(get("/jobs/" + name).json().get("state").textValue()).isEqualTo("stopped");
        assertThat(get("/jobs/" + name + "/nodes")
                        .json()
                        .get("items")
                        .get(0)
                        .get("state")
                        .textValue())
                .isEqualTo("stopped");
    }

    @Test
    void nodesArePagedFrom2021_5AndReportKeyFollowsTheRelease() {
        pe.scriptNextJob(JobScript.allFinishing(Duration.ofSeconds(1)));
        String name = started(
                post(
                        "/command/deploy",
                        "{\"environment\": \"\", \"enforce_environment\": false, \"scope\": {\"query\": \"nodes[certname] { }\"}}"));
        clock.advance(Duration.ofSeconds(1));
        JsonNode page =
                get("/jobs/" + name + "/nodes?limit=2&offset=0&order_by=name").json();
        assertThat(page.get("items")).hasSize(2);
        assertThat(get("/jobs/" + name + "/nodes?limit=2&offset=2&order_by=name")
                        .json()
                        .get("items"))
                .hasSize(1);
        assertThat(page.get("next-events").get("event").textValue()).isNotBlank();
        pe.jobApiRelease(JobApiRelease.PE_2019_8_5);
        assertThat(get("/jobs/" + name + "/nodes?limit=2").json().get("items")).hasSize(3);
        assertThat(get("/jobs/" + name + "/report").json().get("items")).hasSize(3);
        pe.legacyReportKey(true);
        assertThat(get("/jobs/" + name + "/report").json().get("report")).hasSize(3);
    }

    @Test
    void keysAReleaseDoesNotKnowAreRefused() {
        pe.jobApiRelease(JobApiRelease.PE_2019_8_0);
        expectError(
                post(
                        "/command/deploy",
                        "{\"environment\": \"production\", \"userdata\": {},"
                                + " \"scope\": {\"nodes\": [\"web01.example.com\"]}}"),
                400,
                "validation-error");
        pe.jobApiRelease(JobApiRelease.PE_2021_7);
        expectError(
                post(
                        "/command/deploy",
                        "{\"environment\": \"production\", \"timeout\": 60,"
                                + " \"scope\": {\"nodes\": [\"web01.example.com\"]}}"),
                400,
                "validation-error");
        pe.jobApiRelease(JobApiRelease.CURRENT);
        started(post(
                "/command/deploy",
                "{\"environment\": \"production\", \"timeout\": 60, \"tags\": \"a,b\","
                        + " \"use_cached_catalog\": true, \"scope\": {\"nodes\": [\"web01.example.com\"]}}"));
    }
}
