package io.jenkins.plugins.puppetenterprise.core.forms;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.RetryPolicy;
import io.jenkins.plugins.puppetenterprise.client.job.TaskList;
import io.jenkins.plugins.puppetenterprise.client.job.TaskMetadata;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanList;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanMetadata;
import io.jenkins.plugins.puppetenterprise.core.forms.FormAdvice.Advice;
import io.jenkins.plugins.puppetenterprise.core.forms.FormLookup.Answer;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.Fault;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatorUrls;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.job.TaskSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The forms' questions to PE against the simulator: plans with required, optional, Sensitive,
 * aliased and typed parameters, one the user may not run, tasks with and without noop; one request
 * per question a minute, failures in the plugin's words.
 */
class FormLookupSimulatorTest {
    private static final String PLAN = "app::deploy";

    private final FakeClock clock = new FakeClock();
    private final AtomicInteger sessions = new AtomicInteger();
    private PeSimulator sim;
    private PeClient client;
    private String token;
    private FormLookup lookup;
    private final FormLookup.Scope scope = new FormLookup.Scope("sim", "digest-1", "folder/job");

    private final FormLookup.Sessions asker = new FormLookup.Sessions() {
        @Override
        public <T> CompletableFuture<T> ask(Function<PeSession, CompletableFuture<T>> question) {
            sessions.incrementAndGet();
            PeSession session = client.session(PeCredentials.token(token));
            return question.apply(session).whenComplete((v, f) -> session.revokeMintedTokens());
        }
    };

    @BeforeEach
    void start() {
        sim = PeSimulator.start(clock);
        sim.addUser("deployer", "pw", UserPermissions.none().withPlans(PLAN, "app::canary"));
        sim.addPlan(PlanSpec.named(PLAN)
                .withParameter("nodes", "TargetSpec", "where")
                .withParameter("version", "String[1]", null)
                .withSensitiveParameter("password", null)
                .withParameter("note", "Optional[String]", null)
                .withParameter("port", "MyModule::Port", null)
                .withDefaultedParameter("retries", "Integer[0]", 3));
        sim.addPlan(PlanSpec.named("app::canary").withParameter("nodes", "TargetSpec", null));
        sim.addPlan(PlanSpec.named("ops::wipe"));
        sim.addTask(TaskSpec.named("package")
                .withParameter("action", "Enum[install, status]", null)
                .withParameter("name", "String[1]", null));
        sim.addTask(TaskSpec.named("profile::restart")
                .supportingNoop()
                .withDefaultedParameter("service", "String", "nginx"));
        client = PeClient.builder(SimulatorUrls.of(sim), PeCaBundle.fromPem(sim.caPem()))
                .retryPolicy(RetryPolicy.NONE)
                .requestTimeout(Duration.ofSeconds(5))
                .build();
        token = sim.issueToken("deployer", Duration.ofDays(1));
        lookup = new FormLookup(new MetadataCache(clock), Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    @Test
    void thePlanPickerOffersWhatTheUserMayRunAndTheCheckKnowsTheRest() {
        Answer<PlanList> plans = lookup.plans(scope, asker, null);
        assertThat(plans.known()).isTrue();
        assertThat(FormAdvice.planNames(plans.value())).containsExactly("app::canary", PLAN);
        assertThat(FormAdvice.plan("ops::wipe", plans.value()).text()).contains("may not run plan ops::wipe");
        assertThat(FormAdvice.plan("app::nope", plans.value()).text()).startsWith("PE lists no plan app::nope");
    }

    @Test
    void everyParameterRowGetsItsWordsFromOneMetadataRead() {
        String[][] rows = {
            {"nodes", "TargetSpec, required"},
            {"version", "String[1], required"},
            {"password", "Sensitive[String], required, sensitive"},
            {"note", "Optional[String], optional"},
            {"port", "MyModule::Port, required unless the type accepts undef"},
            {"retries", "Integer[0], optional: has a default"}
        };
        for (String[] row : rows) {
            Answer<PlanMetadata> plan = lookup.plan(scope, asker, PLAN, "production");
            assertThat(FormAdvice.planParameter(row[0], PLAN, plan.value()))
                    .as(row[0])
                    .isEqualTo(Advice.ok(row[1]));
        }
        Advice typo = FormAdvice.planParameter(
                "verison", PLAN, lookup.plan(scope, asker, PLAN, null).value());
        assertThat(typo.warning()).isTrue();
        assertThat(typo.text())
                .isEqualTo("'verison' is not a parameter of plan app::deploy: its parameters are nodes, version,"
                        + " password, note, port, retries");
        assertThat(FormAdvice.parameterNames(
                        lookup.plan(scope, asker, PLAN, null).value()))
                .containsExactly("nodes", "version", "password", "note", "port", "retries");
        assertThat(sim.journal().count(PeEndpoint.PLAN))
                .as("one read for every row")
                .isEqualTo(1);
        assertThat(sessions).hasValue(1);

        clock.advance(MetadataCache.MAX_AGE);
        lookup.plan(scope, asker, PLAN, null);
        assertThat(sim.journal().count(PeEndpoint.PLAN))
                .as("asked again after a minute")
                .isEqualTo(2);
        lookup.plan(new FormLookup.Scope("sim", "digest-2", "folder/job"), asker, PLAN, null);
        assertThat(sim.journal().count(PeEndpoint.PLAN))
                .as("another credential asks again")
                .isEqualTo(3);
    }

    @Test
    void tasksWithAndWithoutNoop() {
        Answer<TaskList> tasks = lookup.tasks(scope, asker, "production");
        assertThat(FormAdvice.taskNames(tasks.value())).containsExactly("package", "profile::restart");
        assertThat(FormAdvice.task("pakage", tasks.value()).warning()).isTrue();

        TaskMetadata pkg = lookup.task(scope, asker, "package", null).value();
        assertThat(FormAdvice.noop(true, "package", pkg).text()).contains("does not support noop");
        assertThat(FormAdvice.parameterNames(pkg)).containsExactly("action", "name");
        assertThat(FormAdvice.taskParameter("name", "package", pkg).warning()).isFalse();
        assertThat(FormAdvice.taskParameter("nme", "package", pkg).text())
                .contains("'nme' is not a parameter of task package");
        TaskMetadata restart =
                lookup.task(scope, asker, "profile::restart", null).value();
        assertThat(FormAdvice.noop(true, "profile::restart", restart)).isEqualTo(Advice.NONE);
        assertThat(FormAdvice.taskParameter("service", "profile::restart", restart))
                .isEqualTo(Advice.ok("String, optional: has a default"));
    }

    @Test
    void whenPeCannotBeAskedTheAnswerIsOneSentenceAndIsNotKept() {
        sim.faults().forNextRequests(1, Fault.status(502).withHtmlBody(), PeEndpoint.PLANS);
        Answer<PlanList> failed = lookup.plans(scope, asker, null);
        assertThat(failed.known()).isFalse();
        assertThat(failed.unavailable()).isEqualTo("Not checked against PE: PE answered HTTP 502.");
        assertThat(lookup.plans(scope, asker, null).known())
                .as("the failure was not kept")
                .isTrue();

        Answer<TaskMetadata> unknown = lookup.task(scope, asker, "nosuch::task", null);
        assertThat(unknown.unavailable())
                .isEqualTo("Not checked against PE: The task does not exist in that environment.");
        assertThat(lookup.plans(scope, asker, "nosuch").unavailable())
                .isEqualTo("Not checked against PE: The code environment does not exist on PE.");

        sim.revokeToken(token);
        assertThat(lookup.tasks(scope, asker, null).unavailable())
                .isEqualTo("Not checked against PE: The RBAC token has been revoked.");
    }

    @Test
    void aSlowPeEndsTheWaitAndItsLaterAnswerServesTheNextCheck() throws Exception {
        FormLookup impatient = new FormLookup(new MetadataCache(clock), Duration.ofMillis(200));
        sim.faults().forNextRequests(1, Fault.delay(Duration.ofSeconds(1)), PeEndpoint.TASKS);
        Answer<TaskList> slow = impatient.tasks(scope, asker, null);
        assertThat(slow.unavailable()).isEqualTo("Not checked against PE: PE did not answer within 200 ms.");
        Thread.sleep(1500);
        assertThat(impatient.tasks(scope, asker, null).known()).isTrue();
        assertThat(sim.journal().count(PeEndpoint.TASKS)).isEqualTo(1);
    }
}
