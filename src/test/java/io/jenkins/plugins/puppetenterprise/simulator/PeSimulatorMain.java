package io.jenkins.plugins.puppetenterprise.simulator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the PE simulator on its own, with demo content, until stopped (Ctrl+C). Prints the service
 * URLs, the CA file it wrote and a token of the user it created. See docs/simulator.md.
 */
public final class PeSimulatorMain {
    /** The node group id of pe-api.md's examples. */
    public static final String DEMO_NODE_GROUP = "00000000-0000-4000-8000-000000000000";

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final String USAGE = """
            Usage: PeSimulatorMain [options]
              --user NAME               user to create (default deployer)
              --password TEXT           its password (default deployer-password)
              --ca-file PATH            where to write the CA PEM (default <tmp>/pe-simulator/ca.pem)
              --rbac-port N             fixed ports instead of ephemeral ones (0)
              --code-manager-port N
              --orchestrator-port N
              --console-port N
              --deploy-duration D       time a deploy spends deploying, e.g. 3s (default 3s)
              --plan-duration D         time a demo plan job runs, e.g. 10s (default 10s)
              --threads N               threads serving requests (default 16)
            Plan simulator::sleep runs for its 'seconds' parameter and fails when 'fail' is true.
            """;

    private PeSimulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        PeSimulator simulator;
        try {
            simulator = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    /**
     * Starts a simulator with demo content as {@link #main} does and prints how to reach it.
     *
     * @throws IllegalArgumentException for unknown or malformed options
     */
    public static PeSimulator start(String[] args, PrintStream out) {
        Map<String, String> options = parse(args);
        String user = options.getOrDefault("user", "deployer");
        String password = options.getOrDefault("password", "deployer-password");
        Path caFile = Path.of(options.getOrDefault(
                "ca-file",
                Path.of(System.getProperty("java.io.tmpdir"), "pe-simulator", "ca.pem")
                        .toString()));
        Duration deployDuration = duration(options.getOrDefault("deploy-duration", "3s"));
        Duration planDuration = duration(options.getOrDefault("plan-duration", "10s"));

        PeSimulator.Builder builder = PeSimulator.builder().threads(integer(options.getOrDefault("threads", "16")));
        builder.port(PeService.RBAC, integer(options.getOrDefault("rbac-port", "0")));
        builder.port(PeService.CODE_MANAGER, integer(options.getOrDefault("code-manager-port", "0")));
        builder.port(PeService.ORCHESTRATOR, integer(options.getOrDefault("orchestrator-port", "0")));
        builder.port(PeService.CONSOLE, integer(options.getOrDefault("console-port", "0")));
        PeSimulator simulator = builder.start();
        try {
            addDemoContent(simulator, deployDuration, planDuration);
            simulator.addUser(user, password, UserPermissions.deployer());
            String token = simulator.issueToken(user, Duration.ofDays(1), "pe-simulator-main");
            Path written = simulator.writeCaPem(caFile).toAbsolutePath();
            out.println("PE simulator running; stop it with Ctrl+C.");
            out.println("  RBAC:         " + simulator.rbacUrl());
            out.println("  Code Manager: " + simulator.codeManagerUrl());
            out.println("  Orchestrator: " + simulator.orchestratorUrl());
            out.println("  Console:      " + simulator.consoleUrl());
            out.println("  CA file:      " + written);
            out.println("  User:         " + user + " (password: " + password + ")");
            out.println("  Token:        " + token + " (valid 1 day)");
            out.println("Try:");
            out.println("  curl --cacert " + written + " -H 'X-Authentication: " + token + "'"
                    + " -H 'Content-Type: application/json' -d '{\"environments\": [\"production\"], \"wait\": true}' "
                    + simulator.codeManagerUrl() + "/code-manager/v1/deploys");
            out.flush();
            return simulator;
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
    }

    private static void addDemoContent(PeSimulator simulator, Duration deployDuration, Duration planDuration) {
        for (String name : List.of("production", "development", "testing")) {
            simulator.putEnvironment(EnvironmentSpec.named(name).withDeployDuration(deployDuration));
        }
        simulator.putEnvironment(EnvironmentSpec.named("broken")
                .withDeployDuration(deployDuration)
                .failingWith("Authentication failed for Git remote \"https://git.example.com/control-repo\"."));
        for (String node : List.of("node1.example.com", "node2.example.com", "node3.example.com")) {
            simulator.addNode(node, "production");
        }
        simulator.addNode("dev1.example.com", "development");
        simulator.addNodeGroup(DEMO_NODE_GROUP, "All Nodes", "node1.example.com", "node2.example.com");

        simulator.addPlan(PlanSpec.named("canary")
                .describedAs("Roll out to a canary subset first")
                .withParameter("nodes", "TargetSpec", "Nodes to update")
                .withParameter("command", "String[1]", null)
                .withDefaultedParameter("canary", "Integer", 1));
        simulator.addPlan(PlanSpec.named("profile::firewall").withParameter("targets", "TargetSpec", null));
        simulator.addPlan(PlanSpec.named("facts::info").withParameter("targets", "TargetSpec", "Nodes to query"));
        simulator.addPlan(PlanSpec.named("example_plan")
                .describedAs("Output a message on queried and grouped targets")
                .withParameter("message", "String", null)
                .withParameter("settings", "Optional[Hash]", null)
                .withParameter("targets", "TargetSpec", null)
                .withParameter("more_targets", "Optional[TargetSpec]", null));
        simulator.addPlan(PlanSpec.named("demo::with_secret")
                .withParameter("targets", "TargetSpec", null)
                .withSensitiveParameter("password", "A password the plan needs"));
        simulator.addPlan(PlanSpec.named("simulator::sleep")
                .describedAs("Runs for 'seconds' seconds, then succeeds, or fails when 'fail' is true")
                .withParameter("seconds", "Integer", null)
                .withDefaultedParameter("fail", "Boolean", false));

        simulator.defaultPlanJobScript(PlanJobScript.succeeding(planDuration)
                .withEvents(
                        ScriptedEvent.outMessage(Duration.ZERO, "Starting"),
                        ScriptedEvent.taskStart(planDuration.dividedBy(3), "1001"),
                        ScriptedEvent.outMessage(planDuration.multipliedBy(2).dividedBy(3), "Almost done"))
                .withResult(Map.of("output", "done")));
        simulator.scriptPlan("simulator::sleep", parameters -> {
            Duration runFor = Duration.ofSeconds(((Number) parameters.getOrDefault("seconds", 0)).longValue());
            boolean fail = Boolean.TRUE.equals(parameters.get("fail"));
            return fail ? PlanJobScript.failing(runFor) : PlanJobScript.succeeding(runFor);
        });
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> known = List.of(
                "user",
                "password",
                "ca-file",
                "rbac-port",
                "code-manager-port",
                "orchestrator-port",
                "console-port",
                "deploy-duration",
                "plan-duration",
                "threads");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !known.contains(arg.substring(2))) {
                throw new IllegalArgumentException("Unknown option '" + arg + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + arg + " needs a value");
            }
            options.put(arg.substring(2), args[++i]);
        }
        return options;
    }

    private static int integer(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
    }

    static Duration duration(String text) {
        Matcher matcher = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 500ms, 10s, 2m or 1h");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
