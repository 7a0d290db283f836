package io.jenkins.plugins.puppetenterprise.jenkins.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.puppetenterprise.client.job.JobScope;
import io.jenkins.plugins.puppetenterprise.core.TextMask;
import io.jenkins.plugins.puppetenterprise.core.input.InvalidInputException;
import io.jenkins.plugins.puppetenterprise.core.job.JobInput;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.Test;

/** What {@code puppetRun}, {@code puppetTask} and their build steps hand to the core, without a running Jenkins. */
class JobStepsTest {

    @Test
    void formTextAndPipelineListsGiveTheSameCertnamesAndSpacesReachTheCore() {
        PuppetRunStep form = new PuppetRunStep();
        form.setNodes(List.of("web01.example.com\nweb02.example.com, web03.example.com\n"));
        PuppetRunStep pipeline = new PuppetRunStep();
        pipeline.setNodes(List.of("web01.example.com", "web02.example.com", "web03.example.com"));
        assertThat(form.getNodes()).isEqualTo(pipeline.getNodes()).hasSize(3);
        assertThat(form.getNodesText()).isEqualTo("web01.example.com\nweb02.example.com\nweb03.example.com");

        PuppetRunStep spaced = new PuppetRunStep();
        spaced.setNodes(List.of("web01 web02"));
        assertThatThrownBy(() -> OrchestratorJobs.puppetRunInput(spaced, OrchestratorJobs.AS_GIVEN))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems().get(0).field()).isEqualTo("nodes"));
    }

    /** Stapler binds an empty Nodes textarea as one empty string: that is no nodes, not a blank certname. */
    @Test
    void anEmptyNodesFieldIsNoNodesSoAQueryOrNodeGroupFormRuns() {
        PuppetRunBuilder byQuery = new PuppetRunBuilder();
        byQuery.setNodes(List.of(""));
        byQuery.setQuery("nodes[certname] { }");
        assertThat(byQuery.getNodes()).isEmpty();
        assertThat(OrchestratorJobs.puppetRunInput(byQuery, OrchestratorJobs.AS_GIVEN)
                        .scope()
                        .kind())
                .isEqualTo(JobScope.Kind.QUERY);

        PuppetTaskStep byGroup = new PuppetTaskStep("package");
        byGroup.setNodes(List.of(" \n"));
        byGroup.setNodeGroup("00000000-0000-4000-8000-000000000000");
        assertThat(OrchestratorJobs.taskInput(byGroup, OrchestratorJobs.AS_GIVEN)
                        .scope()
                        .kind())
                .isEqualTo(JobScope.Kind.NODE_GROUP);

        PuppetRunStep blankOnly = new PuppetRunStep();
        blankOnly.setNodes(List.of(""));
        assertThatThrownBy(() -> OrchestratorJobs.puppetRunInput(blankOnly, OrchestratorJobs.AS_GIVEN))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems().get(0).field()).isEqualTo("nodes"));
    }

    /** In a list, a blank entry is a mistake (a variable that came out empty), refused naming it before any request. */
    @Test
    void aBlankEntryOfAPipelineListIsRefusedNamingTheFieldAndTheEntry() {
        PuppetRunStep empty = new PuppetRunStep();
        empty.setNodes(List.of("web01.example.com", ""));
        assertThat(empty.getNodes())
                .as("kept for the check, and for the snippet")
                .containsExactly("web01.example.com", "");
        assertThatThrownBy(() -> OrchestratorJobs.puppetRunInput(empty, OrchestratorJobs.AS_GIVEN))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("nodes: entry 2 is empty: remove it or write the node's certname");

        PuppetTaskStep spaces = new PuppetTaskStep("package");
        spaces.setNodes(List.of("  ", "web01.example.com", " \n"));
        assertThatThrownBy(() -> OrchestratorJobs.taskInput(spaces, OrchestratorJobs.AS_GIVEN))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(p -> p.field() + ": " + p.message())
                                .containsExactly(
                                        "nodes: entry 1 is empty: remove it or write the node's certname",
                                        "nodes: entry 3 is empty: remove it or write the node's certname"));

        PuppetRunBuilder builder = new PuppetRunBuilder();
        builder.setNodes(List.of("web01.example.com\n${MISSING}"));
        assertThatThrownBy(() -> OrchestratorJobs.puppetRunInput(builder, text -> text.replace("${MISSING}", "")))
                .as("a build step's line whose variable came out empty")
                .hasMessage("nodes: entry 2 is empty: remove it or write the node's certname");
    }

    /** Structs keeps a Pipeline list's null entries ({@code nodes: [env.UNSET]}): the core refuses them in words. */
    @Test
    void aNullEntryOfAPipelineListIsRefusedInWordsNotWithANullPointerException() {
        PuppetRunStep single = new PuppetRunStep();
        single.setNodes(Arrays.asList((String) null));
        assertThatThrownBy(() -> OrchestratorJobs.puppetRunInput(single, OrchestratorJobs.AS_GIVEN))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("nodes: holds a value that is not text (null): give certnames as strings");

        PuppetTaskStep listed = new PuppetTaskStep("package");
        listed.setNodes(Arrays.asList("web01.example.com", null));
        assertThat(listed.getNodes()).containsExactly("web01.example.com", null);
        assertThatThrownBy(() -> OrchestratorJobs.taskInput(listed, OrchestratorJobs.AS_GIVEN))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("nodes: holds a value that is not text (null): give certnames as strings");
    }

    /** One text (a form's, or a Pipeline list of one) may have blank lines and trailing separators. */
    @Test
    void blankPiecesOfOneTextAndOfAnEntryAreNoNames() {
        PuppetRunBuilder form = new PuppetRunBuilder();
        form.setNodes(List.of("web01.example.com,\n\n web02.example.com ,,\r\n"));
        assertThat(form.getNodes()).containsExactly("web01.example.com", "web02.example.com");
        assertThat(OrchestratorJobs.puppetRunInput(form, OrchestratorJobs.AS_GIVEN)
                        .scope()
                        .nodes())
                .containsExactly("web01.example.com", "web02.example.com");

        PuppetRunStep list = new PuppetRunStep();
        list.setNodes(List.of("web01.example.com,", "web02.example.com, web03.example.com"));
        assertThat(OrchestratorJobs.puppetRunInput(list, OrchestratorJobs.AS_GIVEN)
                        .scope()
                        .nodes())
                .containsExactly("web01.example.com", "web02.example.com", "web03.example.com");
    }

    @Test
    void puppetRunFieldsReachTheInputAndZeroMeansUnset() {
        PuppetRunBuilder builder = new PuppetRunBuilder();
        builder.setQuery("nodes[certname] { }");
        builder.setNoop(true);
        builder.setTags("profile::web, nginx");
        builder.setConcurrency(0);
        builder.setHttpReadTimeout(90);
        builder.setWaitTimeoutMinutes(30);
        builder.setForceStop(true);
        JobInput input = OrchestratorJobs.puppetRunInput(builder, OrchestratorJobs.AS_GIVEN);
        assertThat(input.scope().kind()).isEqualTo(JobScope.Kind.QUERY);
        assertThat(input.noop()).isTrue();
        assertThat(input.agentOptions())
                .containsEntry("tags", "profile::web,nginx")
                .containsEntry("http_read_timeout", 90)
                .doesNotContainKey("concurrency");
        assertThat(input.waitTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(input.forceStop()).isTrue();
        assertThat(input.stopOnAbort()).isTrue();
        assertThat(new PuppetRunStep().isWait()).isTrue();
        assertThat(new PuppetRunStep().getWaitTimeoutMinutes())
                .isEqualTo(OrchestratorJobSettings.DEFAULT_WAIT_TIMEOUT_MINUTES);
    }

    @Test
    void taskFieldsReachTheInputAndBadOnesAreNamed() {
        PuppetTaskStep step = new PuppetTaskStep("package");
        step.setNodeGroup("00000000-0000-4000-8000-000000000000");
        step.setParameters(List.of(
                new TaskValueArgument("action", "status"),
                new TaskValueArgument(" name ", " openssl"),
                new TaskJsonArgument("options", "{\"a\": 1, \"b\": [true, null]}")));
        JobInput input = OrchestratorJobs.taskInput(step, OrchestratorJobs.AS_GIVEN);
        assertThat(input.taskName()).isEqualTo("package");
        assertThat(input.parameters())
                .as("names trimmed, text values as written, JSON read into plain values")
                .containsExactly(
                        Map.entry("action", "status"),
                        Map.entry("name", " openssl"),
                        Map.entry("options", Map.of("a", 1, "b", java.util.Arrays.asList(true, null))));

        PuppetTaskBuilder bad = new PuppetTaskBuilder("my-module::x");
        assertThatThrownBy(() -> OrchestratorJobs.taskInput(bad, OrchestratorJobs.AS_GIVEN))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems()).extracting(p -> p.field()).containsExactly("nodes", "task"));
    }

    @Test
    void buildStepsExpandEveryTextFieldOfTheirInput() {
        Map<String, String> env = Map.of(
                "TASK", "package",
                "PKG", "openssl",
                "WEB", "web01.example.com, web02.example.com",
                "ENV", " staging ",
                "TAGS", "nginx");
        UnaryOperator<String> expand = text -> {
            String expanded = text;
            for (Map.Entry<String, String> variable : env.entrySet()) {
                expanded = expanded.replace("${" + variable.getKey() + "}", variable.getValue());
            }
            return expanded;
        };
        PuppetTaskBuilder task = new PuppetTaskBuilder("${TASK}");
        task.setParameters(List.of(
                new TaskValueArgument("action", "status"),
                new TaskValueArgument("name", "${PKG}"),
                new TaskJsonArgument("names", "[\"${PKG}\"]")));
        task.setNodes(List.of("${WEB}\ndb01.example.com"));
        task.setEnvironment("${ENV}");
        task.setDescription("check ${PKG}");
        JobInput taskInput = OrchestratorJobs.taskInput(task, expand);
        assertThat(taskInput.taskName()).isEqualTo("package");
        assertThat(taskInput.parameters())
                .as("values are expanded, as for plan parameters")
                .containsEntry("name", "openssl")
                .containsEntry("names", List.of("openssl"));
        assertThat(taskInput.scope().nodes())
                .containsExactly("web01.example.com", "web02.example.com", "db01.example.com");
        assertThat(taskInput.environment()).isEqualTo("staging");
        assertThat(taskInput.description()).isEqualTo("check openssl");

        PuppetRunBuilder run = new PuppetRunBuilder();
        run.setQuery("nodes[certname] { certname ~ \"${TAGS}\" }");
        run.setTags("${TAGS}");
        JobInput runInput = OrchestratorJobs.puppetRunInput(run, expand);
        assertThat(runInput.scope().query()).isEqualTo("nodes[certname] { certname ~ \"nginx\" }");
        assertThat(runInput.agentOptions()).containsEntry("tags", "nginx");
    }

    @Test
    void taskArgumentsThatCannotBeSentAreRefusedTogetherNamingTheFieldAndNeverTheValue() {
        PuppetTaskBuilder task = new PuppetTaskBuilder("package");
        task.setNodes(List.of("web01.example.com"));
        task.setParameters(List.of(
                new TaskValueArgument("action", "install"),
                new TaskValueArgument("action", "s3cr3t-one"),
                new TaskValueArgument(" ", "s3cr3t-two"),
                new TaskJsonArgument("options", "{\"token\": \"s3cr3t-three\""),
                new TaskJsonArgument("empty", " ")));
        assertThatThrownBy(() -> OrchestratorJobs.taskInput(task, OrchestratorJobs.AS_GIVEN))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.problems()).extracting(p -> p.field()).containsOnly("parameters");
                    assertThat(e.problems())
                            .extracting(p -> p.message())
                            .containsExactly(
                                    "'action' is given twice: give each parameter once",
                                    "a parameter has no name: give every parameter the name the task declares",
                                    "'options' is not valid JSON (line 1, column 25): write it as JSON, or use"
                                            + " value(...) for plain text",
                                    "'empty' has no JSON value: write one, for example 3, true, [\"a\", \"b\"]"
                                            + " or {\"key\": \"value\"}, or use value(...) for text");
                    assertThat(e.getMessage()).doesNotContain("s3cr3t");
                });
        assertThat(new TaskValueArgument("password", "s3cr3t").toString()).isEqualTo("TaskValueArgument[password]");
    }

    /** The mask is built from the input's values: a text value and the strings inside a JSON value alike. */
    @Test
    void sensitiveValuesGivenAsTextOrAsJsonAreMasked() {
        PuppetTaskStep step = new PuppetTaskStep("app::rotate");
        step.setNodes(List.of("web01.example.com"));
        step.setParameters(List.of(
                new TaskValueArgument("service", "nginx"),
                new TaskValueArgument("secret", "s3cr3t-text"),
                new TaskJsonArgument("keys", "{\"primary\": \"s3cr3t-json\", \"pins\": [4711]}")));
        JobInput input = OrchestratorJobs.taskInput(step, OrchestratorJobs.AS_GIVEN);

        TextMask mask = TextMask.ofParameters(input.parameters(), List.of("secret", "keys"));

        assertThat(mask.apply("nginx rotated s3cr3t-text and s3cr3t-json, pin 4711"))
                .isEqualTo("nginx rotated **** and ****, pin ****");
        assertThat(input.describe())
                .contains("with parameters service, secret, keys")
                .doesNotContain("s3cr3t");
        assertThat(input.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void buildStepSymbolsDifferFromTheStepNames() {
        assertThat(PuppetRunBuilder.DescriptorImpl.class
                        .getAnnotation(Symbol.class)
                        .value())
                .containsExactly("pePuppetRun")
                .doesNotContain("puppetRun");
        assertThat(PuppetTaskBuilder.DescriptorImpl.class
                        .getAnnotation(Symbol.class)
                        .value())
                .containsExactly("pePuppetTask");
    }
}
