package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.core.job.JobInput;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanRunInput;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.Fault;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatorUrls;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.job.TaskSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The run-time pre-flight ({@link ParameterPreflight}) end to end against the PE simulator: plans and
 * tasks with required, optional, Sensitive, aliased and typed parameters, with and without
 * defaults. A refused run sends no POST; the check costs no request beyond the metadata read the
 * core makes anyway.
 */
class ParameterPreflightSimulatorTest {
    private static final String PLAN = "app::deploy";
    private static final String TASK = "profile::rotate";
    private static final String SECRET = "s3cret-value-77";

    private final FakeClock clock = new FakeClock();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private PeSimulator sim;
    private PeClient client;
    private PeSession session;
    private ExecutionCore core;

    @BeforeEach
    void start() {
        sim = PeSimulator.start(clock);
        sim.addUser("deployer", "pw", UserPermissions.deployer());
        sim.addNode("web01.example.com", "production");
        sim.addPlan(PlanSpec.named(PLAN)
                .withParameter("nodes", "TargetSpec", "where")
                .withParameter("version", "String[1]", null)
                .withSensitiveParameter("password", null)
                .withParameter("note", "Optional[String]", null)
                .withParameter("port", "MyModule::Port", null)
                .withDefaultedParameter("retries", "Integer[0]", 3)
                .withDefaultedParameter("stage", "MyModule::Stage", "blue"));
        sim.addPlan(PlanSpec.named("app::canary").withParameter("nodes", "TargetSpec", null));
        sim.addTask(TaskSpec.named(TASK)
                .withParameter("service", "String[1]", null)
                .withSensitiveParameter("secret", "String[1]")
                .withParameter("mode", "Optional[Enum[fast, slow]]", null)
                .withParameter("port", "Stdlib::Port", null)
                .withDefaultedParameter("level", "Integer", 1));
        client = PeClient.builder(SimulatorUrls.of(sim), PeCaBundle.fromPem(sim.caPem()))
                .build();
        session = client.session(PeCredentials.token(sim.issueToken("deployer", Duration.ofDays(1))));
        core = new ExecutionCore(new ManualWatchScheduler(clock), clock, PollBackoff.DEFAULT, () -> 0.5);
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    private Submission plan(String plan, Map<String, ?> parameters) throws Exception {
        PlanRunInput input =
                PlanRunInput.builder().plan(plan).parameters(parameters).build();
        return core.submitPlanRun(session, client.urls(), "sim", input, "test #1", l -> lines.add(l.plainText()))
                .get(20, TimeUnit.SECONDS);
    }

    private Submission task(Map<String, ?> parameters) throws Exception {
        JobInput input = JobInput.task()
                .task(TASK)
                .nodes(List.of("web01.example.com"))
                .parameters(parameters)
                .build();
        return core.submitJob(session, client.urls(), "sim", input, "test #1", l -> lines.add(l.plainText()))
                .get(20, TimeUnit.SECONDS);
    }

    private int planPosts() {
        return sim.journal().count(PeEndpoint.PLAN_RUN) + sim.journal().count(PeEndpoint.ENVIRONMENT_PLAN_RUN);
    }

    @Test
    void aMissingRequiredPlanParameterIsRefusedBeforeThePostNamingFieldParameterAndFix() throws Exception {
        Submission submission = plan(PLAN, Map.of("nodes", List.of("web01.example.com"), "password", SECRET));

        assertThat(submission.isSubmitted()).isFalse();
        Outcome outcome = submission.outcome();
        assertThat(outcome.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(outcome.summary())
                .startsWith("Plan app::deploy was not started")
                .contains("parameters: 'version' is required by plan app::deploy (type String[1], no default) but"
                        + " not given: add a value for version")
                .doesNotContain("'note'", "'retries'", "'stage'", SECRET);
        assertThat(outcome.result()).containsEntry("plan", PLAN);
        assertThat(lines).contains(outcome.summary());
        assertThat(planPosts()).as("no plan_run POST").isZero();
        assertThat(sim.journal().count(PeEndpoint.PLAN)).as("one metadata read").isEqualTo(1);
    }

    @Test
    void aPlanRunWithoutAnyParameterIsCheckedTooAndEveryMissingOneIsNamed() throws Exception {
        Submission submission = plan(PLAN, Map.of());

        assertThat(submission.isSubmitted()).isFalse();
        assertThat(submission.outcome().summary())
                .contains("parameters: 'nodes' is required by plan app::deploy (type TargetSpec")
                .contains("parameters: 'version' is required")
                .contains("parameters: 'password' is required by plan app::deploy (type Sensitive[String]");
        assertThat(planPosts()).isZero();
    }

    @Test
    void anUnknownPlanParameterIsRefusedListingTheKnownNames() throws Exception {
        Submission submission = plan("app::canary", Map.of("nodes", "web01.example.com", "verison", "1.2"));

        assertThat(submission.isSubmitted()).isFalse();
        assertThat(submission.outcome().summary())
                .contains("parameters: 'verison' is not a parameter of plan app::canary: its parameters are nodes;"
                        + " correct the name or remove it");
        assertThat(planPosts()).isZero();
    }

    @Test
    void aMissingAliasedParameterOnlyWarnsAndTheRunIsSentWithOneMetadataReadForCheckAndMask() throws Exception {
        Submission submission = plan(
                PLAN,
                Map.of(
                        "nodes",
                        Map.of("type", "query", "value", "nodes[certname] { certname = \"web01.example.com\" }"),
                        "version",
                        "1.2",
                        "password",
                        SECRET));

        assertThat(lines)
                .anyMatch(l -> l.startsWith("Warning: parameters: 'port' of plan app::deploy is not given and has no"
                        + " default; its type MyModule::Port may or may not accept undef"))
                .noneMatch(l -> l.contains("'stage'") || l.contains("'note'"));
        assertThat(planPosts()).as("the run is sent").isEqualTo(1);
        assertThat(sim.journal().count(PeEndpoint.PLAN))
                .as("the pre-flight reuses the metadata read for the Sensitive mask")
                .isEqualTo(1);
        assertThat(submission.isSubmitted()).isTrue();
        assertThat(submission.mask().apply("echo " + SECRET)).isEqualTo("echo ****");
    }

    @Test
    void whenThePlanMetadataCannotBeReadTheRunGoesOnAsBefore() throws Exception {
        sim.faults().forNextRequests(20, Fault.status(500), PeEndpoint.PLAN);

        Submission submission = plan(PLAN, Map.of("nodes", "web01.example.com"));

        assertThat(planPosts()).as("sent unchecked; PE judges").isEqualTo(1);
        assertThat(submission.isSubmitted()).isTrue();
        assertThat(lines).noneMatch(l -> l.contains("not started") || l.startsWith("Warning:"));
    }

    @Test
    void aMissingRequiredTaskParameterIsRefusedBeforeTheCommand() throws Exception {
        Submission submission = task(Map.of("secret", SECRET, "port", 8080));

        assertThat(submission.isSubmitted()).isFalse();
        assertThat(submission.outcome().verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(submission.outcome().summary())
                .startsWith("Task profile::rotate was not started")
                .contains("parameters: 'service' is required by task profile::rotate (type String[1], no default)"
                        + " but not given: add a value for service")
                .doesNotContain("'mode'", "'level'", SECRET);
        assertThat(sim.journal().count(PeEndpoint.TASK_COMMAND)).isZero();
        assertThat(sim.journal().count(PeEndpoint.TASK)).isEqualTo(1);
    }

    @Test
    void anUnknownTaskParameterIsRefusedListingTheKnownNames() throws Exception {
        Submission submission = task(Map.of("service", "app", "secret", SECRET, "port", 8080, "force", true));

        assertThat(submission.isSubmitted()).isFalse();
        assertThat(submission.outcome().summary())
                .contains("parameters: 'force' is not a parameter of task profile::rotate: its parameters are"
                        + " service, secret, mode, port, level; correct the name or remove it");
        assertThat(sim.journal().count(PeEndpoint.TASK_COMMAND)).isZero();
    }

    @Test
    void aMissingAliasedTaskParameterOnlyWarnsAndACompleteTaskRunIsSent() throws Exception {
        task(Map.of("service", "app", "secret", SECRET));

        assertThat(lines)
                .anyMatch(l -> l.startsWith("Warning: parameters: 'port' of task profile::rotate is not given"));
        assertThat(sim.journal().count(PeEndpoint.TASK_COMMAND))
                .as("sent; PE judges the alias")
                .isEqualTo(1);

        lines.clear();
        Submission complete = task(Map.of("service", "app", "secret", SECRET, "port", 8080));
        assertThat(complete.isSubmitted()).isTrue();
        assertThat(lines).noneMatch(l -> l.startsWith("Warning:"));
        assertThat(sim.journal().count(PeEndpoint.TASK))
                .as("one metadata read a run")
                .isEqualTo(2);
        assertThat(complete.mask().apply(SECRET)).isEqualTo("****");
    }
}
