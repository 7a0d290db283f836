package io.jenkins.plugins.puppetenterprise.simulator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.PeTestClient;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.deploy.EnvironmentSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Orchestrator (pe-api.md section 4): plans, plan runs, plan jobs, events and stop_plan. */
class OrchestratorApiTest {
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
        pe.addPlan(PlanSpec.named("canary")
                .describedAs("Roll out to a canary subset first")
                .withParameter("nodes", "TargetSpec", "Nodes to update")
                .withDefaultedParameter("canary", "Integer", 1)
                .withSensitiveParameter("password", "Admin password"));
        pe.addPlan(PlanSpec.named("profile::firewall").withParameter("targets", "Optional[TargetSpec]", null));
        pe.addPlan(PlanSpec.named("example_plan")
                .withParameter("message", "String", null)
                .withParameter("settings", "Hash", null)
                .withParameter("targets", "TargetSpec", null)
                .withParameter("more_targets", "TargetSpec", null));
        pe.addNode("node1.example.com", "production");
        pe.addNode("node2.example.com", "production");
        pe.addNode("dev1.example.com", "development");
        pe.addNodeGroup(GROUP, "All Nodes", "node1.example.com", "node2.example.com");
        pe.defaultPlanJobScript(PlanJobScript.succeeding(Duration.ofSeconds(10)));
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

    private String run(String body) {
        PeTestClient.Answer answer = post("/command/plan_run", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(answer.json().get("name").isTextual())
                .as("plan job ids are strings")
                .isTrue();
        return answer.json().get("name").textValue();
    }

    private static void expectError(PeTestClient.Answer answer, int status, String kind) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.kind()).as(answer.body()).isEqualTo("puppetlabs.orchestrator/" + kind);
        assertThat(answer.json().get("msg").textValue()).isNotBlank();
    }

    @Test
    void plansListSaysWhatTheCallerMayRun() {
        pe.addUser("limited", "pw", UserPermissions.none().withPlans("canary"));
        JsonNode plans = client.get(pe.orchestratorUrl(), V1 + "/plans", pe.issueToken("limited"))
                .json();
        assertThat(plans.at("/environment/name").textValue()).isEqualTo("production");
        assertThat(plans.at("/environment/code_id").isNull()).isTrue();
        assertThat(plans.get("items"))
                .extracting(i ->
                        i.get("name").textValue() + "=" + i.get("permitted").booleanValue())
                .containsExactly("canary=true", "example_plan=false", "profile::firewall=false");
        assertThat(plans.at("/items/0/id").textValue()).isEqualTo(pe.orchestratorUrl() + V1 + "/plans/canary/init");
        assertThat(plans.at("/items/2/id").textValue())
                .isEqualTo(pe.orchestratorUrl() + V1 + "/plans/profile/firewall");

        expectError(get("/plans?environment=nosuch"), 404, "unknown-environment");
        expectError(get("/plans?environment=no-such!"), 400, "validation-error");
    }

    @Test
    void planMetadataShowsParametersAndDefaults() {
        JsonNode plan = get("/plans/canary/init?environment=production").json();
        assertThat(plan.get("name").textValue()).isEqualTo("canary");
        assertThat(plan.get("permitted").booleanValue()).isTrue();
        assertThat(plan.at("/metadata/description").textValue()).isEqualTo("Roll out to a canary subset first");
        assertThat(plan.at("/metadata/parameters/nodes/type").textValue()).isEqualTo("TargetSpec");
        assertThat(plan.at("/metadata/parameters/canary/default_value").intValue())
                .isEqualTo(1);
        assertThat(plan.at("/metadata/parameters/nodes").has("default_value")).isFalse();
        assertThat(plan.at("/metadata/parameters/password/type").textValue()).isEqualTo("Sensitive[String]");
        assertThat(get("/plans/profile/firewall").json().get("name").textValue())
                .isEqualTo("profile::firewall");

        expectError(get("/plans/nosuch/init"), 404, "unknown-plan");
        expectError(get("/plans/canary/init?environment=nosuch"), 404, "unknown-environment");
    }

    @Test
    void planRunCreatesAJobThatRunsAndSucceeds() {
        pe.scriptPlan("canary", PlanJobScript.succeeding(Duration.ofSeconds(5)).withResult(Map.of("output", "done")));
        String name = run("{\"plan_name\": \"canary\", \"environment\": \"production\","
                + " \"description\": \"Jenkins build #57\", \"params\": {\"nodes\": [\"node1.example.com\"],"
                + " \"password\": \"hunter2\"}, \"userdata\": {\"ci_build_url\": \"https://jenkins/job/app/57/\"}}");
        JsonNode job = get("/plan_jobs/" + name).json();
        assertThat(job.get("id").textValue()).isEqualTo(pe.orchestratorUrl() + V1 + "/plan_jobs/" + name);
        assertThat(job.get("name").textValue()).isEqualTo(name);
        assertThat(job.get("state").textValue()).isEqualTo("running");
        assertThat(job.get("result").isNull()).isTrue();
        assertThat(job.at("/options/plan_name").textValue()).isEqualTo("canary");
        assertThat(job.at("/options/description").textValue()).isEqualTo("Jenkins build #57");
        assertThat(job.at("/options/environment").textValue()).isEqualTo("production");
        assertThat(job.at("/options/parameters/nodes/0").textValue()).isEqualTo("node1.example.com");
        assertThat(job.at("/options/parameters/password").textValue()).isEqualTo("Sensitive [value redacted]");
        assertThat(job.at("/options/sensitive/0").textValue()).isEqualTo("password");
        assertThat(job.at("/options/scheduled_job_id").isNull()).isTrue();
        assertThat(job.at("/owner/login").textValue()).isEqualTo("deployer");
        assertThat(job.at("/userdata/ci_build_url").textValue()).isEqualTo("https://jenkins/job/app/57/");
        assertThat(job.at("/events/id").textValue()).endsWith("/plan_jobs/" + name + "/events");
        assertThat(job.get("status").isObject()).isTrue();
        assertThat(job.toString()).doesNotContain("hunter2");

        clock.advance(Duration.ofSeconds(5));
        job = get("/plan_jobs/" + name).json();
        assertThat(job.get("state").textValue()).isEqualTo("success");
        assertThat(job.at("/result/output").textValue()).isEqualTo("done");
        assertThat(job.get("timestamp").textValue()).isEqualTo("2024-05-20T16:00:05Z");
        assertThat(pe.planJob(name).orElseThrow().firstSeenFinished()).isEqualTo(clock.instant());
    }

    @Test
    void scriptedFailuresPendingTimeAndUserdata() {
        pe.scriptNextPlanJob(
                "canary",
                PlanJobScript.failing(Duration.ofSeconds(2))
                        .pendingFor(Duration.ofSeconds(3))
                        .withUserdata(Map.of("team", "web")));
        String name =
                run("{\"plan_name\": \"canary\", \"params\": {\"nodes\": \"node1.example.com\", \"password\": \"x\"}}");
        assertThat(get("/plan_jobs/" + name).json().get("state").textValue()).isEqualTo("pending");
        clock.advance(Duration.ofSeconds(3));
        assertThat(get("/plan_jobs/" + name).json().get("state").textValue()).isEqualTo("running");
        clock.advance(Duration.ofSeconds(2));
        JsonNode job = get("/plan_jobs/" + name).json();
        assertThat(job.get("state").textValue()).isEqualTo("failure");
        assertThat(job.at("/result/kind").textValue()).isEqualTo("bolt/run-failure");
        assertThat(job.at("/userdata/team").textValue()).isEqualTo("web");

        String next =
                run("{\"plan_name\": \"canary\", \"params\": {\"nodes\": \"node1.example.com\", \"password\": \"x\"}}");
        assertThat(get("/plan_jobs/" + next).json().get("state").textValue())
                .as("the one-shot script was used up")
                .isEqualTo("running");
    }

    @Test
    void scriptsCanDependOnParameters() {
        pe.scriptPlan(
                "profile::firewall",
                params -> PlanJobScript.succeeding(Duration.ofSeconds(((List<?>) params.get("targets")).size())));
        String name = run("{\"plan_name\": \"profile::firewall\", \"params\": {\"targets\": [\"a\", \"b\", \"c\"]}}");
        clock.advance(Duration.ofSeconds(2));
        assertThat(get("/plan_jobs/" + name).json().get("state").textValue()).isEqualTo("running");
        clock.advance(Duration.ofSeconds(1));
        assertThat(get("/plan_jobs/" + name).json().get("state").textValue()).isEqualTo("success");
    }

    @Test
    void validationErrors() {
        for (String body : new String[] {
            "{\"plan_name\": ",
            "[]",
            "{}",
            "{\"plan_name\": 7}",
            "{\"plan_name\": \"Not A Plan\"}",
            "{\"plan_name\": \"canary\", \"params\": []}",
            "{\"plan_name\": \"canary\", \"environment\": \"bad env\"}",
            "{\"plan_name\": \"canary\", \"environment\": 3}",
            "{\"plan_name\": \"canary\", \"userdata\": \"x\"}",
            "{\"plan_name\": \"canary\", \"timeout\": -5}",
            "{\"plan_name\": \"canary\", \"timeout\": \"60\"}",
            "{\"plan_name\": \"canary\", \"description\": 1}",
            "{\"plan_name\": \"canary\", \"parameters\": {}}"
        }) {
            expectError(post("/command/plan_run", body), 400, "validation-error");
        }
        assertThat(pe.planJobs()).isEmpty();
    }

    @Test
    void unknownPlansAndEnvironmentsFailAtOnceByDefault() {
        expectError(post("/command/plan_run", "{\"plan_name\": \"nosuch\"}"), 404, "unknown-plan");
        expectError(
                post("/command/plan_run", "{\"plan_name\": \"canary\", \"environment\": \"nosuch\"}"),
                404,
                "unknown-environment");
        assertThat(pe.planJobs()).isEmpty();
    }

    @Test
    void unknownPlansAndEnvironmentsCanFailLaterAsAPlanJob() {
        pe.unknownPlans(UnknownNameBehaviour.FAILED_PLAN_JOB);
        pe.unknownEnvironments(UnknownNameBehaviour.FAILED_PLAN_JOB);
        String plan = run("{\"plan_name\": \"nosuch\"}");
        JsonNode job = get("/plan_jobs/" + plan).json();
        assertThat(job.get("state").textValue()).isEqualTo("failure");
        assertThat(job.at("/result/kind").textValue()).isEqualTo("puppetlabs.orchestrator/unknown-plan");
        JsonNode events = get("/plan_jobs/" + plan + "/events").json().get("items");
        assertThat(events).extracting(e -> e.get("type").textValue()).containsExactly("plan_failed");
        assertThat(events.get(0).at("/details/result/kind").textValue())
                .isEqualTo("puppetlabs.orchestrator/unknown-plan");

        String environment = run("{\"plan_name\": \"canary\", \"environment\": \"nosuch\"}");
        assertThat(get("/plan_jobs/" + environment).json().at("/result/kind").textValue())
                .isEqualTo("puppetlabs.orchestrator/unknown-environment");
    }

    @Test
    void parametersThatDoNotMatchThePlanFailTheJob() {
        String missing = run("{\"plan_name\": \"canary\", \"params\": {\"password\": \"x\"}}");
        JsonNode job = get("/plan_jobs/" + missing).json();
        assertThat(job.get("state").textValue()).isEqualTo("failure");
        assertThat(job.at("/result/kind").textValue()).isEqualTo("bolt/pal-error");
        assertThat(job.at("/result/msg").textValue()).contains("'nodes'");
        String unknown = run("{\"plan_name\": \"profile::firewall\", \"params\": {\"colour\": \"red\"}}");
        assertThat(get("/plan_jobs/" + unknown).json().at("/result/msg").textValue())
                .contains("'colour'");
        String optional = run("{\"plan_name\": \"profile::firewall\"}");
        assertThat(get("/plan_jobs/" + optional).json().get("state").textValue())
                .isEqualTo("running");
    }

    @Test
    void environmentPlanRunResolvesValuesQueriesAndNodeGroups() {
        PeTestClient.Answer answer = post("/command/environment_plan_run", """
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
                """);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        JsonNode parameters = get("/plan_jobs/" + answer.json().get("name").textValue())
                .json()
                .at("/options/parameters");
        assertThat(parameters.get("message").textValue()).isEqualTo("hello");
        assertThat(parameters.at("/settings/value").textValue()).isEqualTo("xyz");
        assertThat(parameters.get("targets"))
                .extracting(JsonNode::textValue)
                .containsExactly("node1.example.com", "node2.example.com");
        assertThat(parameters.get("more_targets"))
                .extracting(JsonNode::textValue)
                .containsExactly("node1.example.com", "node2.example.com");

        pe.addQueryResult("inventory[certname] { facts.os.family = \"RedHat\" }", "rhel1.example.com");
        String registered = post(
                        "/command/environment_plan_run",
                        "{\"plan_name\": \"profile::firewall\", \"params\": {\"targets\": {\"type\": \"query\","
                                + " \"value\": \"inventory[certname] { facts.os.family = \\\"RedHat\\\" }\"}}}")
                .json()
                .get("name")
                .textValue();
        assertThat(get("/plan_jobs/" + registered)
                        .json()
                        .at("/options/parameters/targets/0")
                        .textValue())
                .isEqualTo("rhel1.example.com");
    }

    @Test
    void environmentPlanRunErrors() {
        String path = "/command/environment_plan_run";
        expectError(
                post(path, "{\"plan_name\": \"profile::firewall\", \"params\": {\"targets\": \"node1\"}}"),
                400,
                "validation-error");
        expectError(
                post(path, "{\"plan_name\": \"profile::firewall\", \"params\": {\"targets\": {\"type\": \"query\"}}}"),
                400,
                "validation-error");
        expectError(
                post(
                        path,
                        "{\"plan_name\": \"profile::firewall\", \"params\": {\"targets\":"
                                + " {\"type\": \"puppetdb\", \"value\": \"x\"}}}"),
                400,
                "validation-error");
        expectError(
                post(
                        path,
                        "{\"plan_name\": \"profile::firewall\", \"params\": {\"targets\":"
                                + " {\"value\": 1, \"extra\": 2}}}"),
                400,
                "validation-error");
        expectError(
                post(
                        path,
                        "{\"plan_name\": \"profile::firewall\", \"params\": {\"targets\":"
                                + " {\"type\": \"node_group\", \"value\": \"11111111-0000-4000-8000-000000000000\"}}}"),
                400,
                "validation-error");
        expectError(
                post(
                        path,
                        "{\"plan_name\": \"profile::firewall\", \"params\": {\"targets\":"
                                + " {\"type\": \"query\", \"value\": \"this is not PQL\"}}}"),
                400,
                "query-error");

        pe.addUser("noquery", "pw", UserPermissions.none().withAllPlans());
        PeTestClient.Answer denied = client.post(
                pe.orchestratorUrl(),
                V1 + path,
                pe.issueToken("noquery"),
                "{\"plan_name\": \"profile::firewall\", \"params\": {\"targets\": {\"type\": \"query\","
                        + " \"value\": \"nodes[certname] { }\"}}}");
        expectError(denied, 400, "query-error");
        assertThat(pe.planJobs()).isEmpty();
    }

    @Test
    void notPermitted() {
        pe.addUser("limited", "pw", UserPermissions.none().withPlans("profile::firewall"));
        PeTestClient.Answer answer = client.post(
                pe.orchestratorUrl(),
                V1 + "/command/plan_run",
                pe.issueToken("limited"),
                "{\"plan_name\": \"canary\"}");
        expectError(answer, 403, "not-permitted");
    }

    @Test
    void aPlanSubmittedWhileADeployIsSyncingStaysPendingUntilTheSyncEnds() {
        pe.putEnvironment(EnvironmentSpec.named("production")
                .withDeployDuration(Duration.ofSeconds(1))
                .withSyncDuration(Duration.ofSeconds(4)));
        client.post(pe.codeManagerUrl(), "/code-manager/v1/deploys", token, "{\"environments\": [\"production\"]}");
        clock.advance(Duration.ofSeconds(2));
        String name = run("{\"plan_name\": \"profile::firewall\"}");
        assertThat(get("/plan_jobs/" + name).json().get("state").textValue()).isEqualTo("pending");
        clock.advance(Duration.ofSeconds(2));
        assertThat(get("/plan_jobs/" + name).json().get("state").textValue()).isEqualTo("pending");
        clock.advance(Duration.ofSeconds(1));
        assertThat(get("/plan_jobs/" + name).json().get("state").textValue()).isEqualTo("running");
    }

    @Test
    void planJobsListPaginatesSortsAndFilters() {
        pe.scriptPlan("profile::firewall", p -> PlanJobScript.succeeding(Duration.ofSeconds(1)));
        for (int i = 0; i < 3; i++) {
            run("{\"plan_name\": \"profile::firewall\"}");
            clock.advance(Duration.ofSeconds(10));
        }
        run("{\"plan_name\": \"profile::firewall\"}"); // job 4, still running
        JsonNode all = get("/plan_jobs").json();
        assertThat(all.get("items")).extracting(i -> i.get("name").textValue()).containsExactly("4", "3", "2", "1");
        assertThat(all.at("/pagination/total").intValue()).isEqualTo(4);

        JsonNode page = get("/plan_jobs?limit=2&offset=1&order_by=timestamp&order=asc&results=exclude")
                .json();
        assertThat(page.get("items")).extracting(i -> i.get("name").textValue()).containsExactly("2", "3");
        assertThat(page.at("/pagination/limit").intValue()).isEqualTo(2);
        assertThat(page.at("/pagination/offset").intValue()).isEqualTo(1);
        assertThat(page.at("/pagination/total").intValue()).isEqualTo(4);
        assertThat(page.at("/items/0").has("result")).isFalse();
        JsonNode item = get("/plan_jobs?order_by=name&order=asc").json().at("/items/0");
        assertThat(item.get("created_timestamp").textValue()).isEqualTo("2024-05-20T16:00:00Z");
        assertThat(item.get("finished_timestamp").textValue()).isEqualTo("2024-05-20T16:00:01Z");
        assertThat(item.get("duration").doubleValue()).isEqualTo(1.0);
        assertThat(item.has("result")).isTrue();
        JsonNode running = get("/plan_jobs?order_by=state&order=asc").json().at("/items/0");
        assertThat(running.get("state").textValue()).isEqualTo("running");
        assertThat(running.get("finished_timestamp").isNull()).isTrue();

        JsonNode finishedBetween =
                get("/plan_jobs?min_finish_timestamp=2024-05-20T16:00:05Z&max_finish_timestamp=2024-05-20T16:00:15Z")
                        .json();
        assertThat(finishedBetween.get("items"))
                .extracting(i -> i.get("name").textValue())
                .containsExactly("2");

        assertThat(get("/plan_jobs?order_by=owner&order=desc").status()).isEqualTo(200);
        assertThat(get("/plan_jobs?order_by=environment").status()).isEqualTo(200);
        for (String query : new String[] {
            "limit=x", "offset=-1", "order_by=colour", "order=up", "results=some", "min_finish_timestamp=yesterday"
        }) {
            expectError(get("/plan_jobs?" + query), 400, "validation-error");
        }
        JsonNode none = client.get(pe.orchestratorUrl(), V1 + "/plan_jobs?limit=5&offset=10", token)
                .json();
        assertThat(none.get("items")).isEmpty();
    }

    @Test
    void planJobLookupsCheckTheId() {
        expectError(get("/plan_jobs/abc"), 400, "validation-error");
        expectError(get("/plan_jobs/999"), 404, "unknown-job");
        expectError(get("/plan_jobs/abc/events"), 400, "validation-error");
        expectError(get("/plan_jobs/999/events"), 404, "unknown-job");
        expectError(get("/plan_jobs/999/event/1000"), 404, "unknown-job");
    }

    @Test
    void eventsPageWithStartAndSingleEventsAreUntruncated() {
        String longMessage = "é".repeat(700); // 1,400 bytes
        pe.scriptPlan(
                "profile::firewall",
                PlanJobScript.succeeding(Duration.ofSeconds(4))
                        .withEvents(
                                ScriptedEvent.outMessage(Duration.ofSeconds(1), longMessage),
                                ScriptedEvent.planStart(Duration.ofSeconds(2), "profile::sub"),
                                ScriptedEvent.planEnd(Duration.ofSeconds(3), "profile::sub", 1.0),
                                ScriptedEvent.of(Duration.ofSeconds(9), "command_start", Map.of("job-id", "77"))));
        String other = run("{\"plan_name\": \"canary\", \"params\": {\"nodes\": \"n\", \"password\": \"p\"}}");
        String name = run("{\"plan_name\": \"profile::firewall\"}");
        assertThat(get("/plan_jobs/" + name + "/events").json().get("items")).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        JsonNode first = get("/plan_jobs/" + name + "/events").json();
        JsonNode message = first.at("/items/0");
        assertThat(message.get("type").textValue()).isEqualTo("out_message");
        assertThat(message.at("/details/message").textValue()).hasSize(512);
        assertThat(message.get("timestamp").textValue()).isEqualTo("2024-05-20T16:00:01Z");
        long firstId = Long.parseLong(message.get("id").textValue());
        assertThat(first.at("/next-events/event").textValue()).isEqualTo(Long.toString(firstId + 1));
        assertThat(first.at("/next-events/id").textValue())
                .isEqualTo(pe.orchestratorUrl() + V1 + "/plan_jobs/" + name + "/events?start=" + (firstId + 1));

        JsonNode full = get("/plan_jobs/" + name + "/event/" + firstId).json();
        assertThat(full.at("/details/message").textValue()).isEqualTo(longMessage);

        clock.advance(Duration.ofSeconds(5));
        JsonNode rest =
                get("/plan_jobs/" + name + "/events?start=" + (firstId + 1)).json();
        assertThat(rest.get("items"))
                .extracting(e -> e.get("type").textValue())
                .containsExactly("plan_start", "plan_end", "command_start", "plan_finished");
        assertThat(rest.at("/items/1/details/duration").doubleValue()).isEqualTo(1.0);
        assertThat(rest.at("/items/2/timestamp").textValue())
                .as("an event scripted after the end happens at the end")
                .isEqualTo("2024-05-20T16:00:04Z");
        assertThat(rest.at("/items/3/details/plan-id").textValue()).isEqualTo(name);

        String foreignEvent =
                get("/plan_jobs/" + other + "/events").json().at("/items/0/id").asText("1");
        expectError(get("/plan_jobs/" + name + "/event/" + foreignEvent), 404, "mismatched-job-event-id");
        expectError(get("/plan_jobs/" + name + "/event/abc"), 400, "validation-error");
        expectError(get("/plan_jobs/" + name + "/events?start=abc"), 400, "validation-error");
    }

    @Test
    void stopPlanEndsTheJobAsAFailureAndIsIdempotent() {
        pe.scriptPlan(
                "profile::firewall",
                PlanJobScript.succeeding(Duration.ofSeconds(10))
                        .withEvents(
                                ScriptedEvent.taskStart(Duration.ofSeconds(1), "81"),
                                ScriptedEvent.outMessage(Duration.ofSeconds(5), "never")));
        String name = run("{\"plan_name\": \"profile::firewall\"}");
        clock.advance(Duration.ofSeconds(2));
        PeTestClient.Answer stop = post("/command/stop_plan", "{\"plan_job\": \"" + name + "\"}");
        assertThat(stop.status()).isEqualTo(202);
        assertThat(stop.json().get("name").textValue()).isEqualTo(name);
        JsonNode job = get("/plan_jobs/" + name).json();
        assertThat(job.get("state").textValue()).isEqualTo("failure");
        assertThat(job.at("/result/kind").textValue()).isEqualTo("puppetlabs.orchestrator/plan-stopped");
        clock.advance(Duration.ofSeconds(10));
        assertThat(get("/plan_jobs/" + name + "/events").json().get("items"))
                .extracting(e -> e.get("type").textValue())
                .containsExactly("task_start", "plan_failed");
        assertThat(post("/command/stop_plan", "{\"plan_job\": " + name + "}").status())
                .isEqualTo(202);
        assertThat(pe.planJob(name).orElseThrow().finishedAt()).isEqualTo(FakeClock.DEFAULT_START.plusSeconds(2));

        expectError(post("/command/stop_plan", "{}"), 400, "validation-error");
        expectError(post("/command/stop_plan", "{\"plan_job\": \"abc\"}"), 400, "validation-error");
        expectError(post("/command/stop_plan", "{\"plan_job\": \"999\"}"), 404, "unknown-job");
        pe.addUser("other", "pw", UserPermissions.none().withPlans("canary"));
        expectError(
                client.post(
                        pe.orchestratorUrl(),
                        V1 + "/command/stop_plan",
                        pe.issueToken("other"),
                        "{\"plan_job\": \"" + name + "\"}"),
                403,
                "not-permitted");
    }

    @Test
    void stopPlanCanBeMissingAsBeforePe2021_7_1() {
        String name = run("{\"plan_name\": \"profile::firewall\"}");
        pe.stopPlanAvailable(false);
        PeTestClient.Answer answer = post("/command/stop_plan", "{\"plan_job\": \"" + name + "\"}");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).doesNotContain("kind");
        assertThat(get("/plan_jobs/" + name).json().get("state").textValue()).isEqualTo("running");
    }

    @Test
    void aTimeoutEndsTheJobAsAFailure() {
        String name = run("{\"plan_name\": \"profile::firewall\", \"timeout\": 3}");
        clock.advance(Duration.ofSeconds(3));
        JsonNode job = get("/plan_jobs/" + name).json();
        assertThat(job.get("state").textValue()).isEqualTo("failure");
        assertThat(job.at("/result/kind").textValue()).isEqualTo("puppetlabs.orchestrator/plan-timeout");
        assertThat(Instant.parse(job.get("timestamp").textValue())).isEqualTo(clock.instant());
    }
}
