package io.jenkins.plugins.puppetenterprise.simulator;

import io.jenkins.plugins.puppetenterprise.simulator.deploy.DeploySnapshot;
import io.jenkins.plugins.puppetenterprise.simulator.deploy.EnvironmentSpec;
import io.jenkins.plugins.puppetenterprise.simulator.job.JobScript;
import io.jenkins.plugins.puppetenterprise.simulator.job.JobSnapshot;
import io.jenkins.plugins.puppetenterprise.simulator.job.NodeScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobSnapshot;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.ScriptedEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the PE simulator on its own, with demo content, until stopped (Ctrl+C). Prints the service
 * URLs, the CA file it wrote and a token of the user it created. See docs/simulator.md.
 */
public final class PeSimulatorMain {
    /** The node group id of pe-api.md's examples. */
    public static final String DEMO_NODE_GROUP = "00000000-0000-4000-8000-000000000000";

    /** The plan of the benchmark workload ({@code --workload-jobs}). */
    public static final String BENCHMARK_PLAN = "benchmark::job";

    /** The environment of the benchmark workload's deploys ({@code --workload-deploys}). */
    public static final String BENCHMARK_ENVIRONMENT = "benchmark";

    /**
     * The nodes of the benchmark workload's Puppet runs ({@code --workload-puppet-runs}), in
     * environment {@link #BENCHMARK_ENVIRONMENT}; a run names the first one, two or three.
     */
    public static final List<String> BENCHMARK_NODES =
            List.of("benchmark1.example.com", "benchmark2.example.com", "benchmark3.example.com");

    /** The message of a benchmark plan job's k-th {@code out_message} event is this and k (from 1). */
    public static final String BENCHMARK_LINE = "benchmark line ";

    /** How many such lines a benchmark plan job logs while it runs, evenly spread over its run. */
    public static final int BENCHMARK_LINES = 3;

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final String USAGE = """
            Usage: PeSimulatorMain [options]
              --user NAME               user to create (default deployer)
              --password TEXT           its password (default deployer-password)
              --ca-file PATH            where to write the CA PEM (default <tmp>/pe-simulator/ca.pem)
              --rbac-port N             fixed ports instead of ephemeral ones (0)
              --code-manager-port N
              --orchestrator-port N
              --puppetdb-port N
              --console-port N
              --deploy-duration D       time a deploy spends deploying, e.g. 3s (default 3s)
              --plan-duration D         time a demo plan job runs, e.g. 10s (default 10s)
              --threads N               threads serving requests (default 16)
              --users N                 also users NAME-2 .. NAME-N, same password, each with a token (default 1)
              --journal-capacity N      requests the journal keeps (default 100000)
            Workload for benchmarks (plan benchmark::job, parameters ignored, and environment benchmark):
              --workload-jobs N         the k-th job started (k from 0) finishes at the k-th of N
                                        times spread evenly from --first-finish to --last-finish,
                                        logging "benchmark line 1" to "benchmark line 3" on its way
              --workload-deploys N      likewise deploys of environment benchmark: the k-th one
                                        requested is synced at the k-th of N such times
              --workload-puppet-runs N  likewise Puppet runs in environment benchmark on nodes
                                        benchmark1..3.example.com: the k-th one started ends at the
                                        k-th of N such times (its first node runs until then)
              --first-finish D          after the simulator started (default 60s)
              --last-finish D           (default 300s)
              --outage-at D             every service answers 503 from this time after the start
              --outage-for D            for this long (default 30s)
              --exit-after D            stop by itself after this long (default: run until Ctrl+C)
              --journal-file PATH       write every request (time, endpoint, status) there on stop
              --finish-file PATH        write when each plan job, deploy and Puppet run finished there on stop
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
        Map<String, String> options = parse(args);
        Path journalFile = options.containsKey("journal-file") ? Path.of(options.get("journal-file")) : null;
        Path finishFile = options.containsKey("finish-file") ? Path.of(options.get("finish-file")) : null;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop(simulator, journalFile, finishFile);
            stopped.countDown();
        }));
        if (options.containsKey("exit-after")) {
            if (!stopped.await(duration(options.get("exit-after")).toMillis(), TimeUnit.MILLISECONDS)) {
                System.out.println("PE simulator: --exit-after reached, stopping.");
                System.exit(0);
            }
        } else {
            stopped.await();
        }
    }

    private static void stop(PeSimulator simulator, Path journalFile, Path finishFile) {
        if (journalFile != null) {
            try {
                writeJournal(simulator.journal().entries(), journalFile);
            } catch (IOException e) {
                System.err.println("Could not write the journal to " + journalFile + ": " + e);
            }
        }
        if (finishFile != null) {
            try {
                writeFinishes(simulator, finishFile);
            } catch (IOException e) {
                System.err.println("Could not write the finish times to " + finishFile + ": " + e);
            }
        }
        simulator.close();
    }

    /**
     * One line per request: epoch milliseconds, service, endpoint (or -), method, status, path and
     * query (or nothing); the query last, as it is the only field that may hold a comma.
     */
    static void writeJournal(List<JournalEntry> entries, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("epoch_ms,service,endpoint,method,status,path,query");
        for (JournalEntry e : entries) {
            lines.add(e.time().toEpochMilli() + "," + e.service() + "," + (e.endpoint() == null ? "-" : e.endpoint())
                    + "," + e.method() + "," + e.status() + "," + e.path() + ","
                    + (e.query() == null ? "" : e.query()));
        }
        write(file, lines);
    }

    /**
     * One line per plan job, deploy and Puppet-run or task job: {@code plan,<name>,<epoch ms>},
     * {@code deploy,<id>,<epoch ms>} or {@code job,<name>,<epoch ms>}, when it ends or ended (PE
     * shows a deploy's end in no answer that names the deploy).
     */
    static void writeFinishes(PeSimulator simulator, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (PlanJobSnapshot job : simulator.planJobs()) {
            lines.add("plan," + job.name() + "," + job.finishedAt().toEpochMilli());
        }
        for (DeploySnapshot deploy : simulator.deploys()) {
            lines.add("deploy," + deploy.id() + "," + deploy.finishedAt().toEpochMilli());
        }
        for (JobSnapshot job : simulator.jobs()) {
            lines.add("job," + job.name() + "," + job.finishedAt().toEpochMilli());
        }
        write(file, lines);
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, lines);
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

        int users = integer(options.getOrDefault("users", "1"));
        if (users < 1) {
            throw new IllegalArgumentException("--users must be at least 1");
        }
        PeSimulator.Builder builder = PeSimulator.builder()
                .threads(integer(options.getOrDefault("threads", "16")))
                .journalCapacity(integer(options.getOrDefault("journal-capacity", "100000")));
        builder.port(PeService.RBAC, integer(options.getOrDefault("rbac-port", "0")));
        builder.port(PeService.CODE_MANAGER, integer(options.getOrDefault("code-manager-port", "0")));
        builder.port(PeService.ORCHESTRATOR, integer(options.getOrDefault("orchestrator-port", "0")));
        builder.port(PeService.PUPPETDB, integer(options.getOrDefault("puppetdb-port", "0")));
        builder.port(PeService.CONSOLE, integer(options.getOrDefault("console-port", "0")));
        PeSimulator simulator = builder.start();
        try {
            addDemoContent(simulator, deployDuration, planDuration);
            Instant started = simulator.clock().instant();
            Instant first = started.plus(duration(options.getOrDefault("first-finish", "60s")));
            Instant last = started.plus(duration(options.getOrDefault("last-finish", "300s")));
            int workloadJobs = integer(options.getOrDefault("workload-jobs", "0"));
            int workloadDeploys = integer(options.getOrDefault("workload-deploys", "0"));
            int workloadRuns = integer(options.getOrDefault("workload-puppet-runs", "0"));
            if ((workloadJobs > 0 || workloadDeploys > 0 || workloadRuns > 0) && last.isBefore(first)) {
                throw new IllegalArgumentException("--last-finish must not be before --first-finish");
            }
            List<String> workload = new ArrayList<>();
            if (workloadJobs > 0) {
                workload.add(addPlanWorkload(simulator, workloadJobs, first, last));
            }
            if (workloadDeploys > 0) {
                workload.add(addDeployWorkload(simulator, workloadDeploys, first, last));
            }
            if (workloadRuns > 0) {
                workload.add(addPuppetRunWorkload(simulator, workloadRuns, first, last));
            }
            String outage = options.containsKey("outage-at")
                    ? scheduleOutage(
                            simulator,
                            started,
                            duration(options.get("outage-at")),
                            duration(options.getOrDefault("outage-for", "30s")))
                    : null;
            simulator.addUser(user, password, UserPermissions.deployer());
            String token = simulator.issueToken(user, Duration.ofDays(1), "pe-simulator-main");
            List<String> moreTokens = new ArrayList<>();
            for (int i = 2; i <= users; i++) {
                simulator.addUser(user + "-" + i, password, UserPermissions.deployer());
                moreTokens.add(simulator.issueToken(user + "-" + i, Duration.ofDays(1), "pe-simulator-main"));
            }
            Path written = simulator.writeCaPem(caFile).toAbsolutePath();
            out.println("PE simulator running; stop it with Ctrl+C.");
            out.println("  RBAC:         " + simulator.rbacUrl());
            out.println("  Code Manager: " + simulator.codeManagerUrl());
            out.println("  Orchestrator: " + simulator.orchestratorUrl());
            out.println("  PuppetDB:     " + simulator.puppetDbUrl());
            out.println("  Console:      " + simulator.consoleUrl());
            out.println("  CA file:      " + written);
            out.println("  User:         " + user + " (password: " + password + ")");
            out.println("  Token:        " + token + " (valid 1 day)");
            for (int i = 2; i <= users; i++) {
                out.println(String.format(Locale.ROOT, "  %-14s", "User " + i + ":") + user + "-" + i);
                out.println(String.format(Locale.ROOT, "  %-14s", "Token " + i + ":") + moreTokens.get(i - 2)
                        + " (valid 1 day)");
            }
            if (!workload.isEmpty()) {
                out.println("  Workload:     " + String.join("; ", workload));
            }
            if (outage != null) {
                out.println("  Outage:       " + outage);
            }
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

    /**
     * Plan {@code benchmark::job}: its jobs finish at fixed times whenever they are started, the
     * k-th one started at the k-th of {@code jobs} times spread evenly from {@code first} to
     * {@code last}, logging {@link #BENCHMARK_LINES} lines evenly spread over its run. Later jobs
     * finish at {@code last}.
     */
    private static String addPlanWorkload(PeSimulator simulator, int jobs, Instant first, Instant last) {
        simulator.addPlan(PlanSpec.named(BENCHMARK_PLAN).describedAs("Finishes at a time scripted by the workload"));
        AtomicInteger started = new AtomicInteger();
        simulator.scriptPlan(BENCHMARK_PLAN, parameters -> {
            Instant finish = finishTime(started.getAndIncrement(), jobs, first, last);
            Duration runFor = Duration.between(simulator.clock().instant(), finish);
            runFor = runFor.isNegative() ? Duration.ZERO : runFor;
            ScriptedEvent[] lines = new ScriptedEvent[BENCHMARK_LINES];
            for (int i = 1; i <= BENCHMARK_LINES; i++) {
                lines[i - 1] = ScriptedEvent.outMessage(
                        runFor.multipliedBy(i).dividedBy(BENCHMARK_LINES + 1), BENCHMARK_LINE + i);
            }
            return PlanJobScript.succeeding(runFor)
                    .withEvents(lines)
                    .withUserdata(Map.of("finishes_at", finish.toString()));
        });
        return jobs + " jobs of plan " + BENCHMARK_PLAN + " finishing from " + first + " to " + last;
    }

    /**
     * Environment {@code benchmark}: the k-th deploy of it requested is synced at the k-th of
     * {@code deploys} times spread evenly from {@code first} to {@code last} (deploying until its
     * sync's 250 ms), later ones at {@code last}.
     */
    private static String addDeployWorkload(PeSimulator simulator, int deploys, Instant first, Instant last) {
        EnvironmentSpec environment = EnvironmentSpec.named(BENCHMARK_ENVIRONMENT);
        simulator.putEnvironment(environment);
        AtomicInteger requested = new AtomicInteger();
        simulator.scriptDeploys(BENCHMARK_ENVIRONMENT, spec -> {
            Instant finish = finishTime(requested.getAndIncrement(), deploys, first, last);
            Duration deployFor =
                    Duration.between(simulator.clock().instant(), finish).minus(spec.syncFor());
            return spec.withDeployDuration(deployFor.isNegative() ? Duration.ZERO : deployFor);
        });
        return deploys + " deploys of environment " + BENCHMARK_ENVIRONMENT + " finishing from " + first + " to "
                + last;
    }

    /**
     * Puppet runs in environment {@code benchmark}: the k-th one started ends at the k-th of
     * {@code runs} times spread evenly from {@code first} to {@code last}, later ones at {@code
     * last}. Its first {@link #BENCHMARK_NODES node} runs until then, the second two thirds and
     * the third a third of the way, so that node ends reach the log while the job runs.
     */
    private static String addPuppetRunWorkload(PeSimulator simulator, int runs, Instant first, Instant last) {
        simulator.putEnvironment(EnvironmentSpec.named(BENCHMARK_ENVIRONMENT));
        BENCHMARK_NODES.forEach(node -> simulator.addNode(node, BENCHMARK_ENVIRONMENT));
        AtomicInteger started = new AtomicInteger();
        int nodes = BENCHMARK_NODES.size();
        simulator.scriptPuppetRuns(BENCHMARK_ENVIRONMENT, () -> {
            Instant finish = finishTime(started.getAndIncrement(), runs, first, last);
            Duration runFor = Duration.between(simulator.clock().instant(), finish);
            runFor = runFor.isNegative() ? Duration.ZERO : runFor;
            JobScript script = JobScript.allFinishing(runFor);
            for (int i = 1; i < nodes; i++) {
                script = script.node(
                        BENCHMARK_NODES.get(i),
                        NodeScript.finishing(runFor.multipliedBy(nodes - i).dividedBy(nodes)));
            }
            return script;
        });
        return runs + " Puppet runs in environment " + BENCHMARK_ENVIRONMENT + " finishing from " + first + " to "
                + last;
    }

    /** The k-th (from 0) of {@code count} times spread evenly from {@code first} to {@code last}; past them, the last. */
    private static Instant finishTime(int k, int count, Instant first, Instant last) {
        int index = Math.min(k, count - 1);
        return count == 1
                ? first
                : first.plus(Duration.between(first, last).multipliedBy(index).dividedBy(count - 1));
    }

    /** Every service answers 503 during the window (a daemon timer arms it). */
    private static String scheduleOutage(PeSimulator simulator, Instant started, Duration at, Duration length) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pe-simulator-outage");
            t.setDaemon(true);
            return t;
        });
        timer.schedule(
                () -> {
                    simulator.faults().forDuration(length, Fault.status(503));
                    timer.shutdown();
                },
                at.toMillis(),
                TimeUnit.MILLISECONDS);
        return "every service answers 503 from " + started.plus(at) + " to "
                + started.plus(at).plus(length);
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
                "puppetdb-port",
                "console-port",
                "deploy-duration",
                "plan-duration",
                "threads",
                "users",
                "journal-capacity",
                "workload-jobs",
                "workload-deploys",
                "workload-puppet-runs",
                "first-finish",
                "last-finish",
                "outage-at",
                "outage-for",
                "exit-after",
                "journal-file",
                "finish-file");
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

    /** A duration written {@code 500ms}, {@code 10s}, {@code 2m} or {@code 1h}. */
    public static Duration duration(String text) {
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
