package io.jenkins.plugins.puppetenterprise.core.forms;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.PeCredentialsException;
import io.jenkins.plugins.puppetenterprise.client.PeServerException;
import io.jenkins.plugins.puppetenterprise.client.job.TaskList;
import io.jenkins.plugins.puppetenterprise.client.job.TaskMetadata;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanList;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanSummary;
import io.jenkins.plugins.puppetenterprise.core.forms.FormAdvice.Advice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The words of the forms: pickers' lists, parameter words, warnings, and the one sentence when PE cannot be asked. */
class FormAdviceTest {
    private static final PlanList PLANS = new PlanList(
            "production",
            List.of(
                    new PlanSummary("zeta::run", true, "zeta/run"),
                    new PlanSummary("app::deploy", true, "app/deploy"),
                    new PlanSummary("secret::wipe", false, "secret/wipe")));

    @Test
    void thePlanPickerOffersThePermittedPlansSorted() {
        assertThat(FormAdvice.planNames(PLANS)).containsExactly("app::deploy", "zeta::run");
        assertThat(FormAdvice.taskNames(new TaskList("production", List.of("service", "package", "package"))))
                .containsExactly("package", "service");
    }

    @Test
    void thePlanCheckWarnsForAnUnknownPlanAndOneTheUserMayNotRun() {
        assertThat(FormAdvice.plan("app::deploy", PLANS)).isEqualTo(Advice.NONE);
        Advice unknown = FormAdvice.plan("app::nosuch", PLANS);
        assertThat(unknown.warning()).isTrue();
        assertThat(unknown.text()).startsWith("PE lists no plan app::nosuch in environment production");
        Advice forbidden = FormAdvice.plan("secret::wipe", PLANS);
        assertThat(forbidden.warning()).isTrue();
        assertThat(forbidden.text()).contains("may not run plan secret::wipe");
        Advice task = FormAdvice.task("nosuch", new TaskList("testing", List.of("package")));
        assertThat(task.warning()).isTrue();
        assertThat(task.text()).startsWith("PE lists no task nosuch in environment testing");
        assertThat(FormAdvice.task("package", new TaskList("testing", List.of("package"))))
                .isEqualTo(Advice.NONE);
    }

    @Test
    void aParameterIsDescribedByTypeAndWhetherItMustBeGiven() {
        assertThat(FormAdvice.describe("Integer", false, false)).isEqualTo("Integer, required");
        assertThat(FormAdvice.describe("Optional[String]", false, false)).isEqualTo("Optional[String], optional");
        assertThat(FormAdvice.describe("Integer[0]", true, false)).isEqualTo("Integer[0], optional: has a default");
        assertThat(FormAdvice.describe("Sensitive[String]", false, true))
                .isEqualTo("Sensitive[String], required, sensitive");
        assertThat(FormAdvice.describe("Stdlib::Port", false, false))
                .isEqualTo("Stdlib::Port, required unless the type accepts undef");
        assertThat(FormAdvice.describe(null, false, false)).isEqualTo("untyped, optional");
        assertThat(FormAdvice.describe("Enum[" + "a, ".repeat(60) + "b]", false, false))
                .hasSizeLessThan(FormAdvice.TYPE_SHOWN + 20)
                .endsWith("…, required");
    }

    @Test
    void aTaskParameterRowShowsItsTypeOrWarnsWhenTheTaskHasNoSuchParameter() {
        Map<String, TaskMetadata.Parameter> parameters = new LinkedHashMap<>();
        parameters.put("service", new TaskMetadata.Parameter("String[1]", false, false));
        parameters.put("secret", new TaskMetadata.Parameter("Sensitive[String]", true, false));
        parameters.put("level", new TaskMetadata.Parameter("Integer", false, true));
        TaskMetadata task = new TaskMetadata("profile::rotate", false, parameters, true);

        assertThat(FormAdvice.taskParameter("service", "profile::rotate", task))
                .isEqualTo(Advice.ok("String[1], required"));
        assertThat(FormAdvice.taskParameter(" secret ", "profile::rotate", task))
                .isEqualTo(Advice.ok("Sensitive[String], required, sensitive"));
        assertThat(FormAdvice.taskParameter("level", "profile::rotate", task))
                .isEqualTo(Advice.ok("Integer, optional: has a default"));

        Advice wrong = FormAdvice.taskParameter("servce", "profile::rotate", task);
        assertThat(wrong.warning()).isTrue();
        assertThat(wrong.text())
                .isEqualTo("'servce' is not a parameter of task profile::rotate: its parameters are service, secret,"
                        + " level");

        assertThat(FormAdvice.taskParameter("x", "t", new TaskMetadata("t", false, Map.of(), false)))
                .as("metadata without parameters says nothing")
                .isEqualTo(Advice.NONE);
        assertThat(FormAdvice.taskParameter("x", "t", new TaskMetadata("t", false, Map.of(), true))
                        .text())
                .isEqualTo("'x' is not a parameter of task t: it takes no parameters");
        assertThat(FormAdvice.taskParameter(" ", "profile::rotate", task)).isEqualTo(Advice.NONE);
    }

    @Test
    void noopWarnsOnlyWhenAskedOfATaskWithoutNoopSupport() {
        TaskMetadata without = new TaskMetadata("package", false, Map.of(), true);
        TaskMetadata with = new TaskMetadata("package", true, Map.of(), true);
        assertThat(FormAdvice.noop(false, "package", without)).isEqualTo(Advice.NONE);
        assertThat(FormAdvice.noop(true, "package", with)).isEqualTo(Advice.NONE);
        Advice advice = FormAdvice.noop(true, "package", without);
        assertThat(advice.warning()).isTrue();
        assertThat(advice.text()).isEqualTo("Task package does not support noop: PE refuses to run it in noop mode");
    }

    @Test
    void whenPeCannotBeAskedOneSentenceInThePluginsWordsNeverPesBody() {
        String body = "<html>proxy secret page</html>";
        assertThat(FormAdvice.unavailable(new CompletionException(
                        new PeServerException("Could not list: " + body, 502, null, body, null, null))))
                .isEqualTo("Not checked against PE: PE answered HTTP 502.");
        assertThat(FormAdvice.unavailable(new PeCredentialsException(
                        "msg " + body, 401, "puppetlabs.rbac/token-expired", body, null, null)))
                .isEqualTo("Not checked against PE: The RBAC token has expired.");
        assertThat(FormAdvice.unavailable(new TimeoutException())).doesNotContain("null");
        assertThat(FormAdvice.unavailable(new IllegalStateException(body))).doesNotContain(body);
    }
}
