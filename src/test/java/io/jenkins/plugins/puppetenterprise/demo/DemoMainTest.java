package io.jenkins.plugins.puppetenterprise.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.core.ExecutionCore;
import io.jenkins.plugins.puppetenterprise.core.PollBackoff;
import io.jenkins.plugins.puppetenterprise.core.WatchScheduler;
import io.jenkins.plugins.puppetenterprise.core.WatchThreads;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.deploy.EnvironmentSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's logic in-process: what it prints and its exit status, offline and against a "real" PE. */
class DemoMainTest {
    private final ScheduledExecutorService threads = WatchThreads.newScheduler(2);
    private final ExecutionCore core = new ExecutionCore(
            WatchScheduler.of(threads),
            Clock.systemUTC(),
            new PollBackoff(Duration.ofMillis(50), Duration.ofMillis(200), 1.5, Duration.ofMillis(20)),
            Math::random);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void offlineDemoPrintsTheBuildLogOfAFailingDeployAndAPlanRunAndFails() {
        int status = DemoMain.run(new String[0], out, Map.of(), core, Duration.ofMillis(400));

        assertThat(status).isEqualTo(1);
        List<String> lines = lines();
        assertThat(lines)
                .anyMatch(l -> l.matches("production: deployed and synced to all servers \\(deploy \\d+, commit"
                        + " [0-9a-f]{40}\\)\\."))
                .anyMatch(l -> l.startsWith("broken: failed: Errors while deploying environment 'broken'"))
                .contains(
                        "ERROR: 1 of 2 environments failed to deploy: broken (Authentication failed for Git remote"
                                + " \"https://git.example.com/control-repo\".)",
                        "[plan] Deploying to canary node1.example.com",
                        "[plan] Canary healthy; rolling out",
                        "[plan] Plan finished",
                        "Finished: FAILURE")
                .anyMatch(l -> l.matches("Started plan job \\d+ \\(canary\\): https://localhost:\\d+/#/orchestration/"
                        + "plans/plan/\\d+"))
                .anyMatch(l -> l.matches("Plan job \\d+ \\(canary\\) succeeded: https://localhost:\\d+/.*"))
                .anyMatch(
                        l -> l.startsWith("Result: {\"server\":\"simulator\"") && l.contains("\"verdict\":\"FAILURE\""))
                .filteredOn(l -> l.startsWith("production: ") || l.startsWith("broken: "))
                .hasSize(2);
        assertThat(String.join("\n", lines)).doesNotContain("demo-password");
        assertThat(lines.stream().filter(l -> !l.startsWith("Result: ")))
                .as("parameter values are never logged")
                .noneMatch(l -> l.contains("node2.example.com"));
    }

    @Test
    void offlineDemoWithoutTheFailingEnvironmentSucceeds() {
        int status = DemoMain.run(
                new String[] {"--environments", "production"}, out, Map.of(), core, Duration.ofMillis(200));

        assertThat(status).isZero();
        assertThat(lines()).contains("Finished: SUCCESS").noneMatch(l -> l.startsWith("ERROR"));
    }

    @Test
    void offlineDemoRefusesAPlanRunThatLacksARequiredParameterBeforeAnyPost() {
        AtomicReference<PeSimulator> simulator = new AtomicReference<>();
        int status = DemoMain.run(
                new String[] {"--environments", "production", "--plan", "canary"},
                out,
                Map.of(),
                core,
                Duration.ofMillis(200),
                simulator::set);

        assertThat(status).isEqualTo(1);
        assertThat(lines())
                .contains("ERROR: Plan canary was not started: its parameters do not match its metadata in PE."
                        + " parameters: 'nodes' is required by plan canary (type TargetSpec, no default) but not given:"
                        + " add a value for nodes.")
                .noneMatch(l -> l.startsWith("Started plan job"))
                .contains("Finished: FAILURE");
        // the journal outlives the simulator, which the demo closes before it returns
        assertThat(simulator.get().journal().count(PeEndpoint.PLAN_RUN)
                        + simulator.get().journal().count(PeEndpoint.ENVIRONMENT_PLAN_RUN))
                .as("plan_run POSTs in the simulator's journal")
                .isZero();
        assertThat(simulator.get().journal().count(PeEndpoint.PLAN))
                .as("the plan's metadata was read")
                .isPositive();
    }

    @Test
    void offlineDemoRunsANamedPlanWithTheGivenParameters() {
        int status = DemoMain.run(
                new String[] {"--environments", "production", "--plan", "canary", "--param", "nodes=node1.example.com"},
                out,
                Map.of(),
                core,
                Duration.ofMillis(200));

        assertThat(status).isZero();
        assertThat(lines()).anyMatch(l -> l.startsWith("Started plan job")).contains("Finished: SUCCESS");
    }

    @Test
    void offlinePuppetRunPrintsEachNodeAndFailsNamingTheFailedNode() {
        AtomicReference<PeSimulator> simulator = new AtomicReference<>();
        int status = DemoMain.run(
                new String[] {"--puppet-run", "--nodes", "web01.example.com,broken.example.com,web02.example.com"},
                out,
                Map.of(),
                core,
                Duration.ofMillis(300),
                simulator::set);

        assertThat(status).isEqualTo(1);
        List<String> lines = lines();
        assertThat(lines)
                .contains(
                        "== Puppet run on web01.example.com, broken.example.com, web02.example.com, waiting",
                        "  web01.example.com: finished - Finished puppet run on web01.example.com - Success!",
                        "  web02.example.com: finished - Finished puppet run on web02.example.com - Success!",
                        "  broken.example.com: failed - Finished puppet run on broken.example.com - Failed!",
                        "Finished: FAILURE")
                .anyMatch(l -> l.matches("Started Puppet run job \\d+: https://localhost:\\d+/.*"))
                .anyMatch(l -> l.matches("ERROR: Puppet run job \\d+ finished with 1 of 3 nodes failing:"
                        + " broken\\.example\\.com \\(failed\\)\\."))
                .anyMatch(l -> l.startsWith("Result: {\"server\":\"simulator\"")
                        && l.contains("\"kind\":\"puppetRun\"")
                        && l.contains("\"verdict\":\"FAILURE\""))
                .as("only the work named runs")
                .noneMatch(l -> l.startsWith("== Code deploy") || l.startsWith("== Plan run"));
        assertThat(lines.indexOf("  broken.example.com: failed - Finished puppet run on broken.example.com - Failed!"))
                .as("the per-node lines come before the verdict")
                .isLessThan(lines.indexOf("Finished: FAILURE"));
        assertThat(simulator.get().journal().count(PeEndpoint.DEPLOY_COMMAND))
                .as("command/deploy POSTs")
                .isEqualTo(1);
        assertThat(simulator.get().journal().count(PeEndpoint.TASK_COMMAND)
                        + simulator.get().journal().count(PeEndpoint.DEPLOYS)
                        + simulator.get().journal().count(PeEndpoint.PLAN_RUN))
                .as("other work POSTs")
                .isZero();
    }

    @Test
    void offlineTaskPrintsEachNodesResultAndSucceeds() {
        AtomicReference<PeSimulator> simulator = new AtomicReference<>();
        int status = DemoMain.run(
                new String[] {
                    "--task", "package",
                    "--param", "action=status",
                    "--param", "name=openssl",
                    "--nodes", "web01.example.com,web02.example.com"
                },
                out,
                Map.of(),
                core,
                Duration.ofMillis(200),
                simulator::set);

        assertThat(status).isZero();
        List<String> lines = lines();
        assertThat(lines)
                .contains(
                        "== Task package on web01.example.com, web02.example.com, waiting",
                        "Running task package on 2 nodes in environment production"
                                + " with parameters action, name on simulator.",
                        "Result of package on web01.example.com: {\"status\":\"installed\",\"version\":\"3.0.13-1.el9\"}",
                        "Result of package on web02.example.com: {\"status\":\"installed\",\"version\":\"3.0.13-1.el9\"}",
                        "Finished: SUCCESS")
                .anyMatch(l -> l.matches("  web01\\.example\\.com: finished.*"))
                .anyMatch(l -> l.matches("  web02\\.example\\.com: finished.*"))
                .anyMatch(l -> l.startsWith("Result: {\"server\":\"simulator\"")
                        && l.contains("\"kind\":\"task\"")
                        && l.contains("\"verdict\":\"SUCCESS\""))
                .noneMatch(l -> l.startsWith("ERROR"))
                .as("task parameter values are never printed")
                .noneMatch(l -> l.contains("openssl"));
        assertThat(simulator.get().journal().count(PeEndpoint.TASK_COMMAND))
                .as("command/task POSTs")
                .isEqualTo(1);
        assertThat(simulator.get().journal().count(PeEndpoint.DEPLOY_COMMAND)).isZero();
    }

    @Test
    void offlineTaskWithoutARequiredParameterIsRefusedBeforeTheCommand() {
        AtomicReference<PeSimulator> simulator = new AtomicReference<>();
        int status = DemoMain.run(
                new String[] {"--task", "package", "--param", "name=openssl", "--nodes", "web01.example.com"},
                out,
                Map.of(),
                core,
                Duration.ofMillis(200),
                simulator::set);

        assertThat(status).isEqualTo(1);
        assertThat(lines())
                .anyMatch(l -> l.startsWith("ERROR: ") && l.contains("'action' is required by task package"))
                .noneMatch(l -> l.startsWith("Started task job"))
                .contains("Finished: FAILURE");
        assertThat(simulator.get().journal().count(PeEndpoint.TASK_COMMAND))
                .as("command/task POSTs")
                .isZero();
    }

    @Test
    void badPuppetRunAndTaskArgumentsSayWhatIsWrongBeforeTheSimulatorStarts() {
        Map<String[], String> cases = new java.util.LinkedHashMap<>();
        cases.put(
                new String[] {"--puppet-run"},
                "ERROR: --puppet-run needs --nodes a,b: the certnames to run on, for example"
                        + " --nodes node1.example.com,node2.example.com");
        cases.put(
                new String[] {"--task", "package"},
                "ERROR: --task needs --nodes a,b: the certnames to run on,"
                        + " for example --nodes node1.example.com,node2.example.com");
        cases.put(
                new String[] {"--nodes", "web01.example.com"},
                "ERROR: --nodes is for --puppet-run and --task: add one of them");
        cases.put(
                new String[] {"--puppet-run", "--nodes", "web01.example.com", "--param", "name=openssl"},
                "ERROR: --param and --params-json are for --plan or --task (a Puppet run takes no parameters):"
                        + " add --plan NAME or --task NAME");
        cases.put(
                new String[] {"--task", "package", "--plan", "canary", "--nodes", "web01.example.com"},
                "ERROR: --plan and --task both take --param and --params-json: run one of them at a time");
        cases.put(
                new String[] {"--task", "Package!", "--nodes", "web01.example.com"},
                "ERROR: task: 'Package!' is not a task name: write it as module::task (or just module for its init"
                        + " task) in lowercase letters, digits and underscores, for example package or"
                        + " mymodule::restart");
        cases.put(
                new String[] {"--puppet-run", "--nodes", "web01.example.com,,web02.example.com"},
                "ERROR: nodes: holds an empty certname: remove it or write the node's certname");
        cases.put(
                new String[] {"--task", "package", "--nodes", "web01", "--param", "name"},
                "ERROR: --param must be" + " name=value; got name");
        AtomicReference<PeSimulator> simulator = new AtomicReference<>();
        cases.forEach((args, error) -> {
            bytes.reset();
            assertThat(DemoMain.run(args, out, Map.of(), core, Duration.ZERO, simulator::set))
                    .as(String.join(" ", args))
                    .isEqualTo(2);
            assertThat(lines()).as(String.join(" ", args)).first().isEqualTo(error);
            assertThat(lines()).anyMatch(l -> l.startsWith("Usage:"));
        });
        assertThat(simulator.get()).as("the simulator was never started").isNull();
    }

    @Test
    void givenAPeItDeploysAndRunsAPlanThereAsTheStepsWould(@TempDir Path dir) throws Exception {
        try (PeSimulator pe = PeSimulator.start()) {
            pe.addUser("ci", "ci-password-7", UserPermissions.deployer());
            pe.putEnvironment(EnvironmentSpec.named("staging").instant());
            Path ca = pe.writeCaPem(dir.resolve("ca.pem"));
            Path token = Files.writeString(dir.resolve("token"), pe.issueToken("ci") + "\n");
            String[] target = {
                "--rbac-url", pe.rbacUrl().toString(),
                "--code-manager-url", pe.codeManagerUrl().toString(),
                "--orchestrator-url", pe.orchestratorUrl().toString(),
                "--console-url", pe.consoleUrl().toString(),
                "--ca-file", ca.toString(),
                "--server", "pe-test"
            };

            int status = DemoMain.run(
                    concat(target, "--token-file", token.toString(), "--deploy", "staging", "--plan", "facts::info"),
                    out,
                    Map.of(),
                    core,
                    DemoMain.OFFLINE_WORK);

            assertThat(status).isEqualTo(1);
            assertThat(lines())
                    .contains("Deploying code to staging on pe-test.")
                    .anyMatch(l -> l.startsWith("staging: deployed and synced to all servers (deploy "))
                    .anyMatch(l -> l.startsWith("ERROR: ") && l.contains("facts::info"))
                    .contains("Finished: FAILURE");

            bytes.reset();
            int withPassword = DemoMain.run(
                    concat(target, "--user", "ci", "--deploy", "staging"),
                    out,
                    Map.of("PE_PASSWORD", "ci-password-7"),
                    core,
                    DemoMain.OFFLINE_WORK);
            assertThat(withPassword).isZero();
            assertThat(lines()).contains("Finished: SUCCESS");
        }
    }

    @Test
    void badArgumentsSayWhatIsWrong() {
        assertThat(DemoMain.run(new String[] {"--primary", "pe.example.com"}, out, Map.of(), core, Duration.ZERO))
                .isEqualTo(2);
        assertThat(lines()).first().asString().startsWith("ERROR: --ca-file is required with a real PE");
        bytes.reset();
        assertThat(DemoMain.run(new String[] {"--bogus"}, out, Map.of(), core, Duration.ZERO))
                .isEqualTo(2);
        assertThat(lines()).contains("ERROR: Unknown argument --bogus").anyMatch(l -> l.startsWith("Usage:"));
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
