package io.jenkins.plugins.puppetenterprise.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.job.JobScope;
import io.jenkins.plugins.puppetenterprise.core.ExecutionCore;
import io.jenkins.plugins.puppetenterprise.core.Outcome;
import io.jenkins.plugins.puppetenterprise.core.Submission;
import io.jenkins.plugins.puppetenterprise.core.Verdict;
import io.jenkins.plugins.puppetenterprise.core.WatchSink;
import io.jenkins.plugins.puppetenterprise.core.deploy.CodeDeployInput;
import io.jenkins.plugins.puppetenterprise.core.job.JobInput;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanRunInput;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatorUrls;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.deploy.EnvironmentSpec;
import io.jenkins.plugins.puppetenterprise.simulator.job.JobScript;
import io.jenkins.plugins.puppetenterprise.simulator.job.NodeScript;
import io.jenkins.plugins.puppetenterprise.simulator.job.TaskSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.ScriptedEvent;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What a build does with PE, without Jenkins: validates, submits once, waits through the execution
 * core and prints the lines a build log would show (links as plain URLs), then exits non-zero when
 * something failed, as the build would. Offline it starts the PE simulator and deploys
 * {@code production} and {@code broken} (which fails), then runs plan {@code canary}; with
 * {@code --puppet-run} or {@code --task} it runs Puppet or a task on {@code --nodes} instead (the
 * Puppet run of {@link #FAILING_NODE} fails). Given a PE it does the same work there. See README, "Offline demo", and {@link DemoOptions#USAGE}.
 */
public final class DemoMain {
    /** How long the simulated deploy of production takes; the plan runs three times as long. */
    static final Duration OFFLINE_WORK = Duration.ofSeconds(2);

    private static final String DEMO_USER = "deployer";
    private static final String DEMO_PASSWORD = "demo-password";
    private static final String DESCRIPTION = "Puppet Enterprise Deploy plugin demo (command line)";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The node whose Puppet run fails offline (one failed resource), as environment broken fails to deploy. */
    static final String FAILING_NODE = "broken.example.com";

    private DemoMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.getenv(), ExecutionCore.withSharedThreads(), OFFLINE_WORK));
    }

    /**
     * Runs the demo and returns the exit status: 0 success, 1 failure or unknown outcome, 2 bad arguments.
     *
     * @param offlineWork how long the simulated work takes offline
     */
    static int run(String[] args, PrintStream out, Map<String, String> env, ExecutionCore core, Duration offlineWork) {
        return run(args, out, env, core, offlineWork, sim -> {});
    }

    /** As {@link #run(String[], PrintStream, Map, ExecutionCore, Duration)}, handing the offline simulator to {@code started}. */
    static int run(
            String[] args,
            PrintStream out,
            Map<String, String> env,
            ExecutionCore core,
            Duration offlineWork,
            Consumer<PeSimulator> started) {
        try {
            DemoOptions options = DemoOptions.parse(args);
            return options.offline()
                    ? runOffline(options, out, core, offlineWork, started)
                    : runOnPe(options, out, env, core);
        } catch (IllegalArgumentException e) { // also InvalidInputException: every bad field with its fix
            out.println("ERROR: " + e.getMessage());
            out.print(DemoOptions.USAGE);
            return 2;
        }
    }

    private static int runOffline(
            DemoOptions options, PrintStream out, ExecutionCore core, Duration work, Consumer<PeSimulator> started) {
        // every input is checked before the simulator starts: bad input is exit status 2 with nothing run
        boolean jobs = options.runsJobs();
        CodeDeployInput deployInput = !jobs || options.value("environments") != null
                ? CodeDeployInput.builder()
                        .environmentsText(options.value("environments", "production, broken"))
                        .build()
                : null;
        PlanRunInput planInput = null;
        if (!jobs || options.value("plan") != null) {
            PlanRunInput.Builder plan = PlanRunInput.builder().plan(options.value("plan", "canary"));
            if (!options.values().containsKey("plan")) {
                plan.parameters(Map.of("nodes", List.of("node1.example.com", "node2.example.com")));
            } else if (options.value("params-json") != null) {
                plan.parametersJson(options.value("params-json"));
            } else {
                // canary's nodes are required: without --param nodes=... the pre-flight refuses the run
                plan.parameters(options.paramMap());
            }
            planInput = plan.build();
        }
        JobInput puppetRun = options.puppetRun() ? jobInput(JobInput.puppetRun(), options) : null;
        JobInput task = options.value("task") != null ? taskInput(options) : null;
        try (PeSimulator sim = PeSimulator.start()) {
            addDemoContent(sim, work);
            started.accept(sim);
            PeServiceUrls urls = SimulatorUrls.of(sim);
            out.println("PE simulator started: Code Manager " + sim.codeManagerUrl() + ", Orchestrator "
                    + sim.orchestratorUrl() + ", console " + sim.consoleUrl() + ".");
            PeCredentials credentials = PeCredentials.password(
                    DEMO_USER, DEMO_PASSWORD.toCharArray(), Duration.ofMinutes(30), "offline demo");
            // the session closes (revoking its token) before the client, also when a wait fails
            try (PeClient client = PeClient.builder(urls, PeCaBundle.fromPem(sim.caPem()))
                            .build();
                    PeSession session = client.session(credentials)) {
                Run run = new Run(core, client, session, "simulator", out);
                boolean ok = true;
                if (deployInput != null) {
                    ok = run.deploy(deployInput);
                }
                if (planInput != null) {
                    ok &= run.plan(planInput);
                }
                if (puppetRun != null) {
                    sim.scriptNextJob(JobScript.allFinishing(work)
                            .node(
                                    FAILING_NODE,
                                    NodeScript.failing(work.multipliedBy(3).dividedBy(2))));
                    ok &= run.job(puppetRun);
                }
                if (task != null) {
                    sim.scriptNextJob(JobScript.allNodes(
                            NodeScript.finishing(work).withTaskResult(taskResult("installed", "3.0.13-1.el9"))));
                    ok &= run.job(task);
                }
                return run.finish(ok);
            }
        }
    }

    private static Map<String, Object> taskResult(String status, String version) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", status);
        result.put("version", version);
        return result;
    }

    /** The options both job kinds share, as the glue's OrchestratorJobs sets them. */
    private static JobInput jobInput(JobInput.Builder input, DemoOptions options) {
        return common(input, options).build();
    }

    private static JobInput.Builder common(JobInput.Builder input, DemoOptions options) {
        return input.nodes(options.nodes())
                .environment(options.value("environment"))
                .waitForCompletion(!options.noWait())
                .waitTimeout(options.waitTimeout());
    }

    private static JobInput taskInput(DemoOptions options) {
        JobInput.Builder input = common(JobInput.task(), options).task(options.value("task"));
        if (options.value("params-json") != null) {
            input.parametersJson(options.value("params-json"));
        } else {
            input.parameters(options.paramMap());
        }
        return input.build();
    }

    private static void addDemoContent(PeSimulator sim, Duration work) {
        sim.addUser(DEMO_USER, DEMO_PASSWORD, UserPermissions.deployer());
        sim.putEnvironment(EnvironmentSpec.named("production").withDeployDuration(work));
        sim.putEnvironment(EnvironmentSpec.named("development").withDeployDuration(work));
        sim.putEnvironment(EnvironmentSpec.named("broken")
                .withDeployDuration(work.dividedBy(2))
                .failingWith("Authentication failed for Git remote \"https://git.example.com/control-repo\"."));
        sim.addPlan(PlanSpec.named("canary")
                .describedAs("Roll out to a canary node first")
                .withParameter("nodes", "TargetSpec", "Nodes to update"));
        sim.scriptPlan(
                "canary",
                PlanJobScript.succeeding(work.multipliedBy(3))
                        .withEvents(
                                ScriptedEvent.outMessage(work.dividedBy(2), "Deploying to canary node1.example.com"),
                                ScriptedEvent.taskStart(work, "1001"),
                                ScriptedEvent.outMessage(work.multipliedBy(2), "Canary healthy; rolling out"))
                        .withResult(Map.of("updated", List.of("node1.example.com", "node2.example.com"))));
        // the metadata of puppetlabs' package task; every Puppet run and task is scripted just before it is sent
        sim.addTask(TaskSpec.named("package")
                .describedAs("Manage and inspect the state of packages")
                .withParameter("action", "Enum[install, status, uninstall, upgrade]", "The operation")
                .withParameter("name", "String[1]", "The name of the package")
                .withParameter("version", "Optional[String[1]]", "Version to install or upgrade to")
                .withParameter("manager", "Optional[String[1]]", "The package manager to use"));
    }

    private static int runOnPe(DemoOptions options, PrintStream out, Map<String, String> env, ExecutionCore core) {
        PeServiceUrls urls = PeServiceUrls.of(
                options.value("primary"),
                options.value("rbac-url"),
                options.value("code-manager-url"),
                options.value("orchestrator-url"),
                options.value("console-url"));
        PeCaBundle ca;
        try {
            ca = PeCaBundle.fromPem(Files.readString(options.caFile()));
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read --ca-file " + options.caFile() + ": " + e.getMessage());
        }
        boolean deploy = options.deployAll() || options.value("deploy") != null;
        String planName = options.value("plan");
        if (!deploy && planName == null && !options.runsJobs()) {
            throw new IllegalArgumentException("Name the work: --deploy a,b, --deploy-all, --plan NAME,"
                    + " --puppet-run or --task NAME (with --nodes a,b)");
        }
        CodeDeployInput deployInput = null;
        if (deploy) {
            CodeDeployInput.Builder b = CodeDeployInput.builder()
                    .all(options.deployAll())
                    .dryRun(options.dryRun())
                    .waitForCompletion(!options.noWait())
                    .waitTimeout(options.waitTimeout());
            if (!options.deployAll()) {
                b.environmentsText(options.value("deploy"));
            }
            deployInput = b.build();
        }
        PlanRunInput planInput = null;
        if (planName != null) {
            PlanRunInput.Builder b = PlanRunInput.builder()
                    .plan(planName)
                    .environment(options.value("environment"))
                    .waitForCompletion(!options.noWait())
                    .waitTimeout(options.waitTimeout());
            if (options.value("params-json") != null) {
                b.parametersJson(options.value("params-json"));
            } else {
                b.parameters(options.paramMap());
            }
            planInput = b.build();
        }
        JobInput puppetRun = options.puppetRun() ? jobInput(JobInput.puppetRun(), options) : null;
        JobInput task = options.value("task") != null ? taskInput(options) : null;
        PeCredentials credentials = credentials(options, env);
        String server = options.value("server", urls.codeManager().getHost());
        // the session closes (revoking its token) before the client, also when a wait fails
        try (PeClient client = PeClient.builder(urls, ca).build();
                PeSession session = client.session(credentials)) {
            Run run = new Run(core, client, session, server, out);
            boolean ok = true;
            if (deployInput != null) {
                ok = run.deploy(deployInput);
            }
            if (planInput != null) {
                ok &= run.plan(planInput);
            }
            if (puppetRun != null) {
                ok &= run.job(puppetRun);
            }
            if (task != null) {
                ok &= run.job(task);
            }
            return run.finish(ok);
        }
    }

    private static PeCredentials credentials(DemoOptions options, Map<String, String> env) {
        String user = options.value("user");
        if (user != null) {
            String password = env.get("PE_PASSWORD");
            if (password != null) {
                return PeCredentials.password(user, password.toCharArray(), Duration.ofHours(1), "command-line demo");
            }
            Console console = System.console();
            if (console == null) {
                throw new IllegalArgumentException(
                        "Set PE_PASSWORD to the password of " + user + " (no console to ask)");
            }
            char[] typed = console.readPassword("Password of %s: ", user);
            try {
                return PeCredentials.password(user, typed, Duration.ofHours(1), "command-line demo");
            } finally {
                Arrays.fill(typed, ' ');
            }
        }
        String tokenFile = options.value("token-file");
        try {
            String token =
                    tokenFile != null ? Files.readString(Path.of(tokenFile)).trim() : env.get("PE_TOKEN");
            if (token == null || token.isEmpty()) {
                throw new IllegalArgumentException("Give credentials: --token-file FILE (e.g. ~/.puppetlabs/token),"
                        + " the PE_TOKEN environment variable, or --user NAME with PE_PASSWORD");
            }
            return PeCredentials.token(token);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read --token-file " + tokenFile + ": " + e.getMessage());
        }
    }

    /** One "build": steps run in order on one session, which its caller closes (revoking what it minted). */
    private record Run(ExecutionCore core, PeClient client, PeSession session, String server, PrintStream out) {
        private static final long MAX_WAIT_HOURS = 24;

        boolean deploy(CodeDeployInput input) {
            out.println();
            out.println(
                    "== Code deploy of " + (input.all() ? "all environments" : String.join(", ", input.environments()))
                            + (input.waitForCompletion() ? ", waiting" : ""));
            return report(await(core.submitDeploy(session, server, input, sink())), input.waitForCompletion());
        }

        boolean plan(PlanRunInput input) {
            out.println();
            out.println("== Plan run of " + input.plan() + (input.waitForCompletion() ? ", waiting" : ""));
            return report(
                    await(core.submitPlanRun(session, client.urls(), server, input, DESCRIPTION, sink())),
                    input.waitForCompletion());
        }

        /** A Puppet run or task; a task's per-node results are printed as a Pipeline would echo them. */
        boolean job(JobInput input) {
            out.println();
            out.println("== " + (input.kind() == JobInput.Kind.TASK ? "Task " + input.taskName() : "Puppet run")
                    + " on "
                    + (input.scope().kind() == JobScope.Kind.NODES
                            ? String.join(", ", input.scope().nodes())
                            : input.scope().describe())
                    + (input.waitForCompletion() ? ", waiting" : ""));
            Submission submission = await(core.submitJob(session, client.urls(), server, input, DESCRIPTION, sink()));
            Outcome outcome = outcome(submission, input.waitForCompletion());
            if (input.kind() == JobInput.Kind.TASK && outcome.result().get("nodes") instanceof List<?> nodes) {
                for (Object node : nodes) {
                    if (node instanceof Map<?, ?> n) {
                        out.println("Result of " + input.taskName() + " on " + n.get("name") + ": "
                                + (n.get("result") == null ? "(none)" : json(n.get("result")))
                                + (n.get("error") == null ? "" : " (error: " + n.get("error") + ")"));
                    }
                }
            }
            return report(outcome);
        }

        private boolean report(Submission submission, boolean wait) {
            return report(outcome(submission, wait));
        }

        private Outcome outcome(Submission submission, boolean wait) {
            Outcome outcome;
            if (!submission.isSubmitted()) {
                outcome = submission.outcome();
            } else if (wait) {
                outcome = await(core.watch(session, client.urls(), submission.reference(), sink(), submission.mask())
                        .outcome());
            } else {
                outcome = core.notWaiting(submission.reference(), client.urls());
                out.println(outcome.summary());
            }
            return outcome;
        }

        private boolean report(Outcome outcome) {
            out.println("Result: " + json(outcome.result()));
            if (outcome.verdict() != Verdict.SUCCESS) {
                out.println("ERROR: " + (outcome.verdict() == Verdict.UNKNOWN ? "Outcome unknown: " : "")
                        + outcome.summary());
            }
            return outcome.isSuccess();
        }

        int finish(boolean ok) {
            out.println();
            out.println("Finished: " + (ok ? "SUCCESS" : "FAILURE"));
            return ok ? 0 : 1;
        }

        private WatchSink sink() {
            return line -> out.println(line.plainText());
        }

        private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
            try {
                return future.get(MAX_WAIT_HOURS, TimeUnit.HOURS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        private static String json(Object result) {
            try {
                return JSON.writeValueAsString(result);
            } catch (JsonProcessingException e) {
                return result.toString();
            }
        }
    }
}
