package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.puppetenterprise.core.deploy.CodeDeployInput;
import io.jenkins.plugins.puppetenterprise.core.input.InputProblem;
import io.jenkins.plugins.puppetenterprise.core.input.InvalidInputException;
import io.jenkins.plugins.puppetenterprise.core.job.JobInput;
import io.jenkins.plugins.puppetenterprise.core.job.TaskParameterInput;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanParameterInput;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanRunInput;
import io.jenkins.plugins.puppetenterprise.core.query.PuppetDbQueryInput;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input a step, a builder or the global configuration can receive is refused before
 * anything is sent, with the field named and a fix in words, and without echoing a value that may
 * be secret.
 */
class BadInputTest {
    static final String CANARY = "canary-secret-7f3a";

    static Stream<Arguments> badInputs() {
        return Stream.of(
                // puppetCodeDeploy / code deploy builder
                bad("no environment and not all", () -> deploy().build(), "environments", "at least one environment"),
                bad(
                        "empty environment list",
                        () -> deploy().environments(List.of()).build(),
                        "environments",
                        "all: true"),
                bad("null environment list", () -> deploy().environments(null).build(), "environments", "at least one"),
                bad(
                        "empty environment name",
                        () -> deploy().environments(List.of("")).build(),
                        "environments",
                        "is empty"),
                bad(
                        "blank environment name",
                        () -> deploy().environments(List.of("  ")).build(),
                        "environments",
                        "is empty"),
                bad(
                        "null environment name",
                        () -> deploy().environments(nullList()).build(),
                        "environments",
                        "is empty"),
                bad(
                        "environments and all",
                        () -> deploy().environments(List.of("production"))
                                .all(true)
                                .build(),
                        "all",
                        "not both"),
                bad(
                        "uppercase environment",
                        () -> deploy().environments(List.of("Production")).build(),
                        "environments",
                        "lowercase letters"),
                bad(
                        "branch-style environment",
                        () -> deploy().environments(List.of("feature/login")).build(),
                        "environments",
                        "feature_login"),
                bad(
                        "hyphen in environment",
                        () -> deploy().environments(List.of("prod-1")).build(),
                        "environments",
                        "prod_1"),
                bad(
                        "environment listed twice",
                        () -> deploy().environments(List.of("production", "production"))
                                .build(),
                        "environments",
                        "listed twice"),
                bad(
                        "blank environments text",
                        () -> deploy().environmentsText("  ").build(),
                        "environments",
                        "at least one"),
                bad(
                        "only separators in text",
                        () -> deploy().environmentsText(" , ,\n").build(),
                        "environments",
                        "at least one"),
                bad(
                        "forge-style module name",
                        () -> deploy().environments(List.of("production"))
                                .modules(List.of("puppetlabs-apache"))
                                .build(),
                        "modules",
                        "apache, not puppetlabs-apache"),
                bad(
                        "empty module name",
                        () -> deploy().environments(List.of("production"))
                                .modules(List.of(""))
                                .build(),
                        "modules",
                        "is empty"),
                bad(
                        "modules without deploying modules",
                        () -> deploy().environments(List.of("production"))
                                .modulesText("apache")
                                .deployModules(false)
                                .build(),
                        "modules",
                        "deployModules"),
                bad(
                        "zero deploy wait timeout",
                        () -> deploy().environments(List.of("production"))
                                .waitTimeout(Duration.ZERO)
                                .build(),
                        "waitTimeout",
                        "must be positive"),
                bad(
                        "negative deploy wait timeout",
                        () -> deploy().environments(List.of("production"))
                                .waitTimeout(Duration.ofMinutes(-5))
                                .build(),
                        "waitTimeout",
                        "must be positive"),
                bad(
                        "absurd deploy wait timeout",
                        () -> deploy().environments(List.of("production"))
                                .waitTimeout(Duration.ofDays(30))
                                .build(),
                        "waitTimeout",
                        "maximum of 7 days"),
                // puppetPlanRun / plan run builder
                bad("missing plan", () -> plan().build(), "plan", "no plan given"),
                bad("blank plan", () -> plan().plan("  ").build(), "plan", "no plan given"),
                bad("uppercase plan", () -> plan().plan("MyModule::Deploy").build(), "plan", "module::plan"),
                bad("plan ending in ::", () -> plan().plan("mymodule::").build(), "plan", "module::plan"),
                bad("plan with a space", () -> plan().plan("mymodule deploy").build(), "plan", "module::plan"),
                bad(
                        "plan with a path",
                        () -> plan().plan("mymodule/plans/deploy.pp").build(),
                        "plan",
                        "module::plan"),
                bad(
                        "uppercase plan environment",
                        () -> plan().plan("mymodule::deploy")
                                .environment("Prod")
                                .build(),
                        "environment",
                        "lowercase letters"),
                bad(
                        "uppercase parameter name",
                        () -> plan().plan("m")
                                .parameters(Map.of("Nodes", "web1"))
                                .build(),
                        "parameters",
                        "parameter names start"),
                bad(
                        "empty parameter name",
                        () -> plan().plan("m").parameters(Map.of("", CANARY)).build(),
                        "parameters",
                        "has no name"),
                bad(
                        "parameter of a foreign type",
                        () -> plan().plan("m")
                                .parameters(Map.of("when", new Object()))
                                .build(),
                        "parameters",
                        "type Object"),
                bad(
                        "parameter NaN",
                        () -> plan().plan("m")
                                .parameters(Map.of("ratio", Double.NaN))
                                .build(),
                        "parameters",
                        "not finite"),
                bad(
                        "parameter map with a number key",
                        () -> plan().plan("m")
                                .parameters(Map.of("settings", Map.of(1, CANARY)))
                                .build(),
                        "parameters",
                        "keys must be strings"),
                bad(
                        "parameters JSON unparsable",
                        () -> plan().plan("m")
                                .parametersJson("{\"password\": \"" + CANARY + "\"")
                                .build(),
                        "parameters",
                        "not valid JSON"),
                bad(
                        "parameters JSON an array",
                        () -> plan().plan("m")
                                .parametersJson("[\"" + CANARY + "\"]")
                                .build(),
                        "parameters",
                        "JSON object"),
                bad(
                        "parameters JSON duplicate key",
                        () -> plan().plan("m")
                                .parametersJson("{\"a\": 1, \"a\": 2}")
                                .build(),
                        "parameters",
                        "not valid JSON"),
                bad(
                        "parameters as map and JSON",
                        () -> plan().plan("m")
                                .parameters(Map.of("a", 1))
                                .parametersJson("{\"a\": 1}")
                                .build(),
                        "parameters",
                        "one way only"),
                bad(
                        "blank query parameter",
                        () -> plan().plan("m")
                                .parameter(PlanParameterInput.query("targets", " "))
                                .build(),
                        "parameters",
                        "PQL query"),
                bad(
                        "query typed value not text",
                        () -> plan().plan("m")
                                .parameters(Map.of("targets", Map.of("type", "query", "value", 42)))
                                .build(),
                        "parameters",
                        "PQL query"),
                bad(
                        "node group not a UUID",
                        () -> plan().plan("m")
                                .parameter(PlanParameterInput.nodeGroup("targets", "All Nodes"))
                                .build(),
                        "parameters",
                        "UUID"),
                bad(
                        "node group UUID too short",
                        () -> plan().plan("m")
                                .parametersJson("{\"t\": {\"type\": \"node_group\", \"value\": \"0-0-0-0-0\"}}")
                                .build(),
                        "parameters",
                        "UUID"),
                bad(
                        "parameter given twice",
                        () -> plan().plan("m")
                                .parameter(PlanParameterInput.plain("a", 1))
                                .parameters(Map.of("a", 2))
                                .build(),
                        "parameters",
                        "given twice"),
                bad(
                        "zero PE timeout",
                        () -> plan().plan("m").peTimeoutSeconds(0).build(),
                        "timeout",
                        "between 1 and"),
                bad(
                        "negative PE timeout",
                        () -> plan().plan("m").peTimeoutSeconds(-30).build(),
                        "timeout",
                        "between 1 and"),
                bad(
                        "absurd PE timeout",
                        () -> plan().plan("m").peTimeoutSeconds(100_000_000).build(),
                        "timeout",
                        "between 1 and"),
                bad(
                        "negative plan wait timeout",
                        () -> plan().plan("m")
                                .waitTimeout(Duration.ofSeconds(-1))
                                .build(),
                        "waitTimeout",
                        "must be positive"),
                bad(
                        "absurd plan wait timeout",
                        () -> plan().plan("m").waitTimeout(Duration.ofDays(365)).build(),
                        "waitTimeout",
                        "maximum of 7 days"),
                bad(
                        "userdata with the marker key",
                        () -> plan().plan("m")
                                .userdata(Map.of(RunMarker.USERDATA_KEY, "x"))
                                .build(),
                        "userdata",
                        "reserved"),
                bad(
                        "userdata blank key",
                        () -> plan().plan("m").userdata(Map.of(" ", CANARY)).build(),
                        "userdata",
                        "empty key"),
                bad(
                        "userdata of a foreign type",
                        () -> plan().plan("m")
                                .userdata(Map.of("thread", Thread.currentThread()))
                                .build(),
                        "userdata",
                        "type Thread"),
                bad(
                        "userdata JSON unparsable",
                        () -> plan().plan("m")
                                .userdataJson("{ticket: " + CANARY + "}")
                                .build(),
                        "userdata",
                        "not valid JSON"),
                bad(
                        "userdata JSON a number",
                        () -> plan().plan("m").userdataJson("3").build(),
                        "userdata",
                        "JSON object"),
                // puppetRun / puppetTask
                bad(
                        "two scopes at once",
                        () -> run().nodes(List.of("web01"))
                                .query("nodes[certname] { }")
                                .build(),
                        "nodes",
                        "give exactly one of them"),
                bad("no scope", () -> run().build(), "nodes", "exactly one of nodes"),
                bad("empty node list", () -> run().nodes(List.of()).build(), "nodes", "at least one certname"),
                bad("blank certname", () -> run().nodes(List.of(" ")).build(), "nodes", "empty certname"),
                bad(
                        "certname with a space",
                        () -> run().nodes(List.of("web01 web02")).build(),
                        "nodes",
                        "one certname per list entry"),
                bad("certname with a slash", () -> run().nodes(List.of("a/b")).build(), "nodes", "no '/'"),
                bad(
                        "certname with a control character",
                        () -> run().nodes(List.of("web\u000101")).build(),
                        "nodes",
                        "no spaces or control characters"),
                bad(
                        "node group that is not a UUID",
                        () -> run().nodeGroup("web servers").build(),
                        "nodeGroup",
                        "the group's UUID"),
                bad(
                        "noop with noNoop",
                        () -> run().nodes(List.of("web01"))
                                .noop(true)
                                .noNoop(true)
                                .build(),
                        "noNoop",
                        "not both"),
                bad(
                        "negative concurrency",
                        () -> run().nodes(List.of("web01")).concurrency(-2).build(),
                        "concurrency",
                        "positive whole number"),
                bad(
                        "zero http read timeout",
                        () -> run().nodes(List.of("web01")).httpReadTimeout(0).build(),
                        "httpReadTimeout",
                        "positive whole number of seconds"),
                bad(
                        "unknown ordering",
                        () -> run().nodes(List.of("web01"))
                                .ordering("alphabetical")
                                .build(),
                        "ordering",
                        "title-hash, manifest or random"),
                bad(
                        "tag with a space",
                        () -> run().nodes(List.of("web01")).tags("profile web").build(),
                        "tags",
                        "not a Puppet tag"),
                bad(
                        "environment with useNodeEnvironments",
                        () -> run().nodes(List.of("web01"))
                                .environment("production")
                                .useNodeEnvironments(true)
                                .build(),
                        "environment",
                        "give one of them"),
                bad(
                        "Puppet run timeout zero",
                        () -> run().nodes(List.of("web01")).peTimeoutSeconds(0).build(),
                        "timeout",
                        "between 1 and"),
                bad(
                        "Puppet run with task parameters",
                        () -> run().nodes(List.of("web01"))
                                .parameters(Map.of("a", 1))
                                .build(),
                        "parameters",
                        "puppetTask only"),
                bad(
                        "Puppet run wait timeout negative",
                        () -> run().nodes(List.of("web01"))
                                .waitTimeout(Duration.ofMinutes(-1))
                                .build(),
                        "waitTimeout",
                        "must be positive"),
                bad(
                        "task name with a dash",
                        () -> task().task("my-module::x")
                                .nodes(List.of("web01"))
                                .build(),
                        "task",
                        "module::task"),
                bad(
                        "task name with three parts",
                        () -> task().task("a::b::c").nodes(List.of("web01")).build(),
                        "task",
                        "module::task"),
                bad("no task", () -> task().nodes(List.of("web01")).build(), "task", "no task given"),
                bad(
                        "task parameters not JSON",
                        () -> task().task("package")
                                .nodes(List.of("web01"))
                                .parametersJson("{\"token\": " + CANARY)
                                .build(),
                        "parameters",
                        "is not valid JSON"),
                bad(
                        "task parameter JSON value not JSON",
                        () -> task().task("package")
                                .nodes(List.of("web01"))
                                .parameter(TaskParameterInput.json("token", "\"" + CANARY))
                                .build(),
                        "parameters",
                        "'token' is not valid JSON"),
                bad(
                        "task parameter JSON value with trailing text",
                        () -> task().task("package")
                                .nodes(List.of("web01"))
                                .parameter(TaskParameterInput.json("count", "1 " + CANARY))
                                .build(),
                        "parameters",
                        "'count' is not valid JSON"),
                bad(
                        "task parameter given as an entry and in the map",
                        () -> task().task("package")
                                .nodes(List.of("web01"))
                                .parameter(TaskParameterInput.text("name", CANARY))
                                .parameters(Map.of("name", CANARY))
                                .build(),
                        "parameters",
                        "'name' is given twice"),
                bad(
                        "task parameter entry without a name",
                        () -> task().task("package")
                                .nodes(List.of("web01"))
                                .parameter(TaskParameterInput.text(null, CANARY))
                                .build(),
                        "parameters",
                        "the name the task declares"),
                bad(
                        "Puppet run with a task parameter entry",
                        () -> run().nodes(List.of("web01"))
                                .parameter(TaskParameterInput.text("a", CANARY))
                                .build(),
                        "parameters",
                        "puppetTask only"),
                bad(
                        "task with an agent option",
                        () -> task().task("package")
                                .nodes(List.of("web01"))
                                .debug(true)
                                .build(),
                        "debug",
                        "puppetRun only"),
                bad(
                        "task with failOnPendingChanges",
                        () -> task().task("package")
                                .nodes(List.of("web01"))
                                .failOnPendingChanges(true)
                                .build(),
                        "failOnPendingChanges",
                        "puppetRun only"),
                bad(
                        "task userdata with the reserved marker key",
                        () -> task().task("package")
                                .nodes(List.of("web01"))
                                .userdata(Map.of(RunMarker.USERDATA_KEY, "x"))
                                .build(),
                        "userdata",
                        "reserved"),
                // puppetDbQuery
                bad("null query", () -> query().build(), "query", "nodes[certname]"),
                bad("blank query", () -> query().query(" \n ").build(), "query", "is empty"),
                bad(
                        "query over 64 KiB",
                        () -> query().query("nodes[certname] { certname in [" + "\"n.example.com\", ".repeat(4100)
                                        + "\"" + CANARY + "\"] }")
                                .build(),
                        "query",
                        "more than 64 KiB"),
                bad(
                        "AST that is not JSON",
                        () -> query().query("[\"from\", \"nodes\", [\"=\", \"certname\", " + CANARY + "]]")
                                .build(),
                        "query",
                        "is not JSON"),
                bad(
                        "AST with trailing text",
                        () -> query().query("[\"from\", \"nodes\"] and more").build(),
                        "query",
                        "is not JSON"),
                bad(
                        "AST that is a JSON object",
                        () -> query().query("{\"query\": \"nodes {}\"}").build(),
                        "query",
                        "is a JSON object"),
                bad("zero limit", () -> query().query("nodes {}").limit(0).build(), "limit", "at least 1"),
                bad("negative limit", () -> query().query("nodes {}").limit(-5).build(), "limit", "less than 1"),
                bad(
                        "limit too large",
                        () -> query().query("nodes {}").limit(1_000_000).build(),
                        "limit",
                        "project fewer fields"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void refusedWithFieldAndFix(String name, Supplier<Object> attempt, String field, String fixFragment) {
        assertThatThrownBy(attempt::get).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.problems()).anySatisfy(p -> {
                assertThat(p.field()).isEqualTo(field);
                assertThat(p.message()).contains(fixFragment);
            });
            assertThat(e.getMessage()).startsWith(e.problems().get(0).field() + ": ");
            assertThat(e.getMessage()).doesNotContain(CANARY);
        });
    }

    @org.junit.jupiter.api.Test
    void atLeastFortyBadInputs() {
        assertThat(badInputs().count()).isGreaterThanOrEqualTo(40);
    }

    @org.junit.jupiter.api.Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> plan().plan("Bad Plan")
                        .environment("Prod")
                        .peTimeoutSeconds(-1)
                        .build())
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(InputProblem::field)
                                .containsExactly("plan", "environment", "timeout"));
    }

    private static Arguments bad(String name, Supplier<Object> attempt, String field, String fixFragment) {
        return Arguments.of(name, attempt, field, fixFragment);
    }

    private static CodeDeployInput.Builder deploy() {
        return CodeDeployInput.builder();
    }

    private static PuppetDbQueryInput.Builder query() {
        return PuppetDbQueryInput.builder();
    }

    private static JobInput.Builder run() {
        return JobInput.puppetRun();
    }

    private static JobInput.Builder task() {
        return JobInput.task();
    }

    private static PlanRunInput.Builder plan() {
        return PlanRunInput.builder();
    }

    private static List<String> nullList() {
        List<String> list = new java.util.ArrayList<>();
        list.add(null);
        return list;
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
