package io.jenkins.plugins.puppetenterprise.client.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import io.jenkins.plugins.puppetenterprise.client.PeApiException;
import io.jenkins.plugins.puppetenterprise.client.PeBadRequestException;
import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeCredentialsException;
import io.jenkins.plugins.puppetenterprise.client.PeNotFoundException;
import io.jenkins.plugins.puppetenterprise.client.PePermissionException;
import io.jenkins.plugins.puppetenterprise.client.PeSecret;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.PeUnknownOutcomeException;
import io.jenkins.plugins.puppetenterprise.client.RetryPolicy;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.Fault;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.job.JobApiRelease;
import io.jenkins.plugins.puppetenterprise.simulator.job.JobScript;
import io.jenkins.plugins.puppetenterprise.simulator.job.NodeScript;
import io.jenkins.plugins.puppetenterprise.simulator.job.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Puppet-run and task calls against the PE simulator: every key sent only when set, one-shot commands, paging, stop. */
class JobClientSimulatorTest {
    private final FakeClock clock = new FakeClock();
    private PeSimulator pe;
    private PeClient client;
    private PeSession session;
    private JobClient jobs;

    @BeforeEach
    void start() {
        pe = PeSimulator.start(clock);
        pe.addUser("deployer", "pw", UserPermissions.deployer());
        for (String node : List.of("web01.example.com", "web02.example.com", "db01.example.com")) {
            pe.addNode(node, "production");
        }
        pe.addTask(TaskSpec.named("package")
                .withParameter("action", "String[1]", null)
                .withParameter("name", "String[1]", null));
        pe.addTask(TaskSpec.named("profile::restart_app")
                .supportingNoop()
                .withParameter("service", "String[1]", null)
                .withSensitiveParameter("token", "Optional[String]"));
        PeServiceUrls urls = PeServiceUrls.of(
                "",
                pe.rbacUrl().toString(),
                pe.codeManagerUrl().toString(),
                pe.orchestratorUrl().toString(),
                pe.consoleUrl().toString(),
                pe.puppetDbUrl().toString());
        client = PeClient.builder(urls, PeCaBundle.fromPem(pe.caPem()))
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2)))
                .random(new SplittableRandom(1))
                .requestTimeout(Duration.ofSeconds(20))
                .build();
        session = client.session(new PeCredentials.Token(PeSecret.of(pe.issueToken("deployer", Duration.ofDays(1)))));
        jobs = session.jobs();
    }

    @AfterEach
    void stop() {
        client.close();
        pe.close();
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

    private JsonNode sentBody(PeEndpoint endpoint) {
        try {
            return LenientJson.MAPPER.readTree(
                    pe.journal().entries(endpoint).get(0).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCommandAnswered200WithATokenErrorIsReportedOnceWithoutANewLogin() {
        JobClient withPassword = client.session(new PeCredentials.Password(
                        "deployer", PeSecret.of("pw"), Duration.ofHours(1), "jenkins app #7"))
                .jobs();
        pe.faults().forNextRequests(1, Fault.okWithTokenError(), PeEndpoint.DEPLOY_COMMAND);

        assertThatThrownBy(() -> await(withPassword.runPuppet(
                        PuppetRunRequest.on(JobScope.nodes(List.of("web01.example.com")), "production"))))
                .isInstanceOf(PeCredentialsException.class)
                .hasMessageContaining("HTTP 200");

        assertThat(pe.journal().count(PeEndpoint.LOGIN)).isEqualTo(1);
        assertThat(pe.journal().count(PeEndpoint.DEPLOY_COMMAND)).isEqualTo(1);
    }

    @Test
    void puppetRunSendsOnlyTheKeysThatAreSet() {
        String name =
                await(jobs.runPuppet(PuppetRunRequest.on(JobScope.nodes(List.of("web01.example.com")), "production")
                        .withNoop(true)
                        .withTags("profile::web,nginx")
                        .withConcurrency(2)
                        .withDescription("Jenkins app #5 [pe-0123]")));
        assertThat(JobClient.isJobName(name)).isTrue();
        JsonNode body = sentBody(PeEndpoint.DEPLOY_COMMAND);
        List<String> keys = new ArrayList<>();
        body.fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .containsExactlyInAnyOrder("environment", "scope", "noop", "tags", "concurrency", "description");
        assertThat(body.get("scope").toString()).isEqualTo("{\"nodes\":[\"web01.example.com\"]}");

        await(jobs.runPuppet(PuppetRunRequest.on(JobScope.query("nodes[certname] { }"), "")));
        JsonNode own = pe.journal().entries(PeEndpoint.DEPLOY_COMMAND).get(1).body() == null
                ? null
                : readTree(
                        pe.journal().entries(PeEndpoint.DEPLOY_COMMAND).get(1).body());
        assertThat(own.get("environment").textValue()).isEmpty();
        assertThat(own.get("enforce_environment").booleanValue()).isFalse();
    }

    private static JsonNode readTree(String text) {
        try {
            return LenientJson.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyAgentOptionReachesPe() {
        await(jobs.runPuppet(PuppetRunRequest.on(JobScope.nodes(List.of("web01.example.com")), "production")
                .withNoNoop(true)
                .withDebug(true)
                .withTrace(true)
                .withEvaltrace(true)
                .withFiletimeout(30)
                .withHttpConnectTimeout(10)
                .withHttpKeepaliveTimeout(5)
                .withHttpReadTimeout(60)
                .withOrdering("manifest")
                .withSkipTags("slow")
                .withUseCachedCatalog(false)
                .withUseCacheOnFailure(true)
                .withTimeout(1800)
                .withUserdata(LenientJson.MAPPER.createObjectNode().put("jenkins_run_marker", "pe-1"))));
        assertThat(sentBody(PeEndpoint.DEPLOY_COMMAND).size()).isEqualTo(16);
    }

    @Test
    void theTaskListNamesEveryTaskOfTheEnvironment() {
        TaskList list = await(jobs.tasks(null));
        assertThat(list.environment()).isEqualTo("production");
        assertThat(list.names()).containsExactlyInAnyOrder("package", "profile::restart_app");
        assertThat(pe.journal().entries().get(pe.journal().entries().size() - 1).query())
                .contains("environment=production");
        assertThatThrownBy(() -> await(jobs.tasks("nosuch")))
                .isInstanceOf(PeNotFoundException.class)
                .hasMessageContaining("list the tasks of environment 'nosuch'");
    }

    @Test
    void taskRunAndMetadata() {
        TaskMetadata metadata = await(jobs.task("profile::restart_app", "production"));
        assertThat(metadata.supportsNoop()).isTrue();
        assertThat(metadata.sensitiveParameters()).containsExactly("token");
        assertThat(metadata.parameters().get("service").required()).isTrue();
        assertThat(metadata.parameters().get("token").required()).isFalse();
        assertThat(await(jobs.task("package", null)).name()).isEqualTo("package");
        assertThatThrownBy(() -> await(jobs.task("nosuch::task", "production")))
                .isInstanceOf(PeNotFoundException.class)
                .hasMessageContaining("unknown-task")
                .hasMessageContaining("Fix:");

        ObjectNode params =
                LenientJson.MAPPER.createObjectNode().put("service", "nginx").put("token", "hunter2");
        TaskRunRequest run = TaskRunRequest.of(
                        "profile::restart_app", params, JobScope.nodes(List.of("web01.example.com")), null)
                .withNoop(true);
        assertThat(run.toString()).doesNotContain("hunter2");
        String name = await(jobs.runTask(run));
        clock.advance(Duration.ofSeconds(2));
        Job job = await(jobs.job(name));
        assertThat(job.isTerminal()).isTrue();
        assertThat(job.type()).isEqualTo("task");
        assertThat(job.sensitive()).containsExactly("token");
        List<String> keys = new ArrayList<>();
        sentBody(PeEndpoint.TASK_COMMAND).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrder("task", "params", "scope", "environment", "noop");
    }

    @Test
    void errorKindsComeBackInWords() {
        PuppetRunRequest empty = PuppetRunRequest.on(JobScope.nodes(List.of()), "production");
        assertThatThrownBy(() -> await(jobs.runPuppet(empty)))
                .isInstanceOf(PeBadRequestException.class)
                .hasMessageContaining("empty-target")
                .hasMessageContaining("Fix:");
        assertThatThrownBy(() -> await(jobs.runPuppet(PuppetRunRequest.on(JobScope.query("bad {"), "production"))))
                .isInstanceOf(PeBadRequestException.class)
                .hasMessageContaining("query-error");
        assertThatThrownBy(() -> await(
                        jobs.runPuppet(PuppetRunRequest.on(JobScope.nodes(List.of("web01.example.com")), "nosuch"))))
                .isInstanceOf(PeNotFoundException.class)
                .hasMessageContaining("unknown-environment");
        pe.denyPuppetRuns("deployer");
        assertThatThrownBy(() -> await(jobs.runPuppet(
                        PuppetRunRequest.on(JobScope.nodes(List.of("web01.example.com")), "production"))))
                .isInstanceOf(PePermissionException.class)
                .hasMessageContaining("Puppet agent » Run Puppet on agent nodes");
        assertThatThrownBy(() -> await(jobs.job("12345")))
                .isInstanceOf(PeNotFoundException.class)
                .hasMessageContaining("unknown-job");
        assertThatThrownBy(() -> jobs.job("../plans")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLostAnswerIsNeverRepeatedAndSaysWhereToLook() {
        pe.faults().forNextRequests(1, Fault.dropConnectionAfterBody(), PeEndpoint.DEPLOY_COMMAND);
        PuppetRunRequest run = PuppetRunRequest.on(JobScope.nodes(List.of("web01.example.com")), "production")
                .withDescription("Jenkins app #5 [pe-abc]");
        assertThatThrownBy(() -> await(jobs.runPuppet(run)))
                .isInstanceOf(PeUnknownOutcomeException.class)
                .hasMessageContaining("/orchestrator/v1/jobs?type=deploy")
                .hasMessageContaining("Jenkins app #5 [pe-abc]");
        assertThat(pe.journal().count(PeEndpoint.DEPLOY_COMMAND)).isEqualTo(1);
        assertThat(pe.jobCount()).isEqualTo(1);

        pe.faults().forNextRequests(1, Fault.status(503), PeEndpoint.TASK_COMMAND);
        ObjectNode params =
                LenientJson.MAPPER.createObjectNode().put("action", "status").put("name", "openssl");
        assertThatThrownBy(() -> await(jobs.runTask(
                        TaskRunRequest.of("package", params, JobScope.nodes(List.of("web01.example.com")), null))))
                .isInstanceOf(PeApiException.class);
        assertThat(pe.journal().count(PeEndpoint.TASK_COMMAND)).isEqualTo(1);
    }

    @Test
    void nodesAreReadOnEveryPageAndOnReleasesWithoutPaging() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < JobClient.NODES_PAGE + 7; i++) {
            String certname = String.format("n%04d.example.com", i);
            many.add(certname);
        }
        pe.scriptNextJob(JobScript.allNodes(NodeScript.finishing(Duration.ofSeconds(1))));
        String name = await(jobs.runPuppet(PuppetRunRequest.on(JobScope.nodes(many), "production")));
        clock.advance(Duration.ofSeconds(1));
        List<JobNode> nodes = await(jobs.nodes(name));
        assertThat(nodes).hasSize(many.size());
        assertThat(pe.journal().count(PeEndpoint.JOB_NODES)).isEqualTo(2);
        assertThat(nodes.get(0).result().path("metrics").path("failed").intValue())
                .isZero();

        pe.jobApiRelease(JobApiRelease.PE_2019_8_5);
        assertThat(await(jobs.nodes(name))).hasSize(many.size());
        assertThat(await(jobs.report(name))).hasSize(many.size());
        pe.legacyReportKey(true);
        assertThat(await(jobs.report(name)).get(0).node()).isEqualTo("n0000.example.com");
    }

    @Test
    void eventsAndJobListAndStop() {
        pe.scriptNextJob(JobScript.allFinishing(Duration.ofMinutes(5)));
        String name =
                await(jobs.runPuppet(PuppetRunRequest.on(JobScope.nodes(List.of("web01.example.com")), "production")
                        .withUserdata(LenientJson.MAPPER.createObjectNode().put("jenkins_run_marker", "pe-x"))));
        clock.advance(Duration.ofSeconds(1));
        List<JobEvent> events = await(jobs.events(name, 0));
        assertThat(events).extracting(JobEvent::type).containsExactly("node_running");
        assertThat(events.get(0).node()).isEqualTo("web01.example.com");
        JobList list = await(jobs.jobs(JobQuery.newest(10, "deploy")));
        assertThat(list.items().get(0).userdata().path("jenkins_run_marker").asText())
                .isEqualTo("pe-x");
        assertThat(list.items().get(0).nodeStates()).containsEntry("running", 1L);

        pe.jobApiRelease(JobApiRelease.PE_2021_5);
        StopResult stopped = await(jobs.stop(name, true));
        assertThat(stopped.forceRefused()).isTrue();
        assertThat(stopped.forced()).isFalse();
        assertThat(stopped.nodes()).containsEntry("running", 1L);
        pe.jobApiRelease(JobApiRelease.CURRENT);
        assertThat(await(jobs.stop(name, true)).forced()).isTrue();
        assertThat(await(jobs.job(name)).state()).isEqualTo("stopped");
        assertThat(sentBody(PeEndpoint.STOP_JOB).has("force")).isTrue();
        assertThat(await(jobs.stop(name, false)).forced()).isFalse();
    }
}
