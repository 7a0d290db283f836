package io.jenkins.plugins.puppetenterprise.benchmark;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeSecret;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.deploy.DeployRequest;
import io.jenkins.plugins.puppetenterprise.client.deploy.DeployResult;
import io.jenkins.plugins.puppetenterprise.client.job.JobScope;
import io.jenkins.plugins.puppetenterprise.client.job.PuppetRunRequest;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanEvent;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanRunRequest;
import io.jenkins.plugins.puppetenterprise.core.PollBackoff;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulatorMain;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The waiting benchmark (docs/performance.md): runs the chosen sides one after another, each
 * against a fresh PE simulator in its own JVM on loopback (work finishing at scripted times, the
 * same 503 outage), submits the work, then waits for it in the side's own JVM with a fixed heap.
 * Prints the sides side by side with the run time, and which targets the sweep watcher met. Not a
 * test: run it with the README command; every simulator stops by itself.
 */
public final class WatchBenchmarkMain {
    /**
     * The request budget per installation the sweep targets are measured against: the client's
     * default, which {@code ExecutionCore.withSharedThreads()} waits within.
     */
    static final int BUDGET = PeClient.DEFAULT_REQUESTS_PER_SECOND;

    private static final Pattern LINE = Pattern.compile("^\\s+([A-Za-z0-9 ]+):\\s+(.*)$");
    private static final Pattern OUTAGE = Pattern.compile("from (\\S+) to (\\S+)");
    private static final Pattern FINISHES = Pattern.compile(".* from (\\S+) to (\\S+)$");
    /** Submissions and reads the driver keeps in flight at once. */
    private static final int IN_FLIGHT = 32;

    private static final String USAGE = """
            Usage: WatchBenchmarkMain [--quick] [--sides 1,3] [options]
              --sides LIST          which sides to run, in this order (default 1,2,3,4,5,6):
                                    1 thread per wait, 2 per-job watcher (the fallback), 3 sweep watcher,
                                    4 sweep watcher on plans and deploys mixed, 5 sweep watcher with
                                    several credentials on one installation, 6 sweep watcher on plans
                                    and Puppet runs mixed
              --quick               a smoke run: small N and short times (the defaults in brackets)
              --jobs N              plans waited for by sides 1, 2, 3 and 5, and work by side 6, half
                                    plans, half Puppet runs (default 1000 [100])
              --large-jobs N        work waited for by side 4, half plans, half deploys (default 10000 [200])
              --first-finish D      when the first item ends, after its simulator started (default 60s [15s])
              --last-finish D       when the last one ends, sides 1, 2, 3, 5 and 6 (default 300s [45s])
              --large-last-finish D when the last one ends, side 4 (default 600s [60s])
              --outage-at D         when every PE service starts answering 503 (default 150s [25s])
              --outage-for D        for how long (default 30s [5s])
              --credentials N       PE users (each with its token) side 5 spreads its work over (default 5)
              --heap SIZE           -Xmx of each side's JVM (default 256m, 512m for side 4)
            """;

    /**
     * One side: how it waits, and for what.
     *
     * @param mode {@link CoreWatcherSide}'s mode, or {@code thread} for {@link ThreadPerWaitSide}
     */
    record Side(
            int number,
            String title,
            String mode,
            int plans,
            int deploys,
            int puppetRuns,
            Duration lastFinish,
            int credentials,
            String heap) {
        int n() {
            return plans + deploys + puppetRuns;
        }

        boolean sweep() {
            return mode.equals("sweep");
        }

        Class<?> main() {
            return mode.equals("thread") ? ThreadPerWaitSide.class : CoreWatcherSide.class;
        }
    }

    /** A side's figures and how long the side took, from its simulator's start to its figures. */
    record Run(Side side, SideFigures figures, Duration wall) {}

    private final List<Side> sides = new ArrayList<>();
    private final Duration firstFinish;
    private final Duration outageAt;
    private final Duration outageFor;
    private final Duration interval = PollBackoff.DEFAULT.max();
    private final Duration jitter = PollBackoff.DEFAULT.jitter();
    private final String classpath;
    private final Path work;

    private WatchBenchmarkMain(Map<String, String> options, boolean quick) throws IOException {
        int jobs = Integer.parseInt(options.getOrDefault("jobs", quick ? "100" : "1000"));
        int large = Integer.parseInt(options.getOrDefault("large-jobs", quick ? "200" : "10000"));
        int credentials = Integer.parseInt(options.getOrDefault("credentials", "5"));
        firstFinish = PeSimulatorMain.duration(options.getOrDefault("first-finish", quick ? "15s" : "60s"));
        Duration lastFinish = PeSimulatorMain.duration(options.getOrDefault("last-finish", quick ? "45s" : "300s"));
        Duration largeLastFinish =
                PeSimulatorMain.duration(options.getOrDefault("large-last-finish", quick ? "60s" : "600s"));
        outageAt = PeSimulatorMain.duration(options.getOrDefault("outage-at", quick ? "25s" : "150s"));
        outageFor = PeSimulatorMain.duration(options.getOrDefault("outage-for", quick ? "5s" : "30s"));
        String heap = options.get("heap");
        List<Side> all = List.of(
                new Side(1, "thread/wait", "thread", jobs, 0, 0, lastFinish, 1, heap == null ? "256m" : heap),
                new Side(2, "per-job", "per-job", jobs, 0, 0, lastFinish, 1, heap == null ? "256m" : heap),
                new Side(3, "sweep", "sweep", jobs, 0, 0, lastFinish, 1, heap == null ? "256m" : heap),
                new Side(
                        4,
                        "sweep mixed",
                        "sweep",
                        large - large / 2,
                        large / 2,
                        0,
                        largeLastFinish,
                        1,
                        heap == null ? "512m" : heap),
                new Side(
                        5,
                        "sweep " + credentials + " creds",
                        "sweep",
                        jobs,
                        0,
                        0,
                        lastFinish,
                        credentials,
                        heap == null ? "256m" : heap),
                new Side(
                        6,
                        "sweep + Puppet",
                        "sweep",
                        jobs - jobs / 2,
                        0,
                        jobs / 2,
                        lastFinish,
                        1,
                        heap == null ? "256m" : heap));
        for (String number : options.getOrDefault("sides", "1,2,3,4,5,6").split(",")) {
            int n = Integer.parseInt(number.strip());
            if (n < 1 || n > all.size()) {
                throw new IllegalArgumentException("There is no side " + n + "; the sides are 1 to " + all.size());
            }
            sides.add(all.get(n - 1));
        }
        classpath = classpath();
        work = Files.createTempDirectory("pe-benchmark");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                quick = true;
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                System.err.println("Unknown option '" + args[i] + "'");
                System.err.print(USAGE);
                System.exit(2);
            }
        }
        WatchBenchmarkMain benchmark;
        try {
            benchmark = new WatchBenchmarkMain(options, quick);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        long start = System.nanoTime();
        List<Run> runs = new ArrayList<>();
        for (Side side : benchmark.sides) {
            long sideStart = System.nanoTime();
            SideFigures figures = benchmark.run(side);
            runs.add(new Run(side, figures, Duration.ofNanos(System.nanoTime() - sideStart)));
        }
        System.out.println();
        System.out.print(benchmark.table(runs, Duration.ofNanos(System.nanoTime() - start), quick));
        System.exit(0);
    }

    private SideFigures run(Side side) throws Exception {
        Path dir = Files.createDirectories(work.resolve("side-" + side.number()));
        String label = "side " + side.number() + " (" + side.title() + ")";
        System.out.println("== " + label + ": starting the PE simulator (" + side.plans() + " plans, "
                + side.deploys() + " deploys and " + side.puppetRuns() + " Puppet runs finishing from "
                + firstFinish.toSeconds() + " s to "
                + side.lastFinish().toSeconds() + " s, 503 for " + outageFor.toSeconds() + " s from "
                + outageAt.toSeconds() + " s, " + side.credentials() + " credential(s))");
        Duration lifetime = side.lastFinish().plus(outageFor).plus(Duration.ofMinutes(5));
        Path journal = dir.resolve("journal.csv");
        Path finishFile = dir.resolve("finishes.csv");
        Process simulator = new ProcessBuilder(javaCommand(
                        side.n() > 1000 ? "-Xmx2g" : "-Xmx1g",
                        PeSimulatorMain.class.getName(),
                        "--ca-file",
                        dir.resolve("ca.pem").toString(),
                        "--workload-jobs",
                        Integer.toString(side.plans()),
                        "--workload-deploys",
                        Integer.toString(side.deploys()),
                        "--workload-puppet-runs",
                        Integer.toString(side.puppetRuns()),
                        "--first-finish",
                        firstFinish.toMillis() + "ms",
                        "--last-finish",
                        side.lastFinish().toMillis() + "ms",
                        "--outage-at",
                        outageAt.toMillis() + "ms",
                        "--outage-for",
                        outageFor.toMillis() + "ms",
                        "--users",
                        Integer.toString(side.credentials()),
                        "--exit-after",
                        lifetime.toMillis() + "ms",
                        "--journal-capacity",
                        "2000000",
                        "--journal-file",
                        journal.toString(),
                        "--finish-file",
                        finishFile.toString()))
                .redirectErrorStream(true)
                .start();
        try {
            Map<String, String> printed = readUntilReady(simulator);
            String orchestrator = printed.get("Orchestrator");
            String codeManager = printed.get("Code Manager");
            Matcher outage = OUTAGE.matcher(printed.get("Outage"));
            Matcher finishes = FINISHES.matcher(printed.get("Workload"));
            if (!outage.find() || !finishes.matches()) {
                throw new IllegalStateException("The simulator did not print its outage and workload: " + printed);
            }
            long outageStart = Instant.parse(outage.group(1)).toEpochMilli();
            long outageEnd = Instant.parse(outage.group(2)).toEpochMilli();
            long firstEnd = Instant.parse(finishes.group(1)).toEpochMilli();
            List<Path> tokenFiles = new ArrayList<>();
            for (int i = 1; i <= side.credentials(); i++) {
                Path tokenFile = dir.resolve("token-" + i);
                Files.createFile(
                        tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(
                        tokenFile, printed.get(i == 1 ? "Token" : "Token " + i).split(" ")[0]);
                tokenFiles.add(tokenFile);
            }
            PeServiceUrls urls = PeServiceUrls.of("", printed.get("RBAC"), codeManager, orchestrator, orchestrator);
            try (PeClient client = PeClient.builder(
                            urls, PeCaBundle.fromPem(Files.readString(Path.of(printed.get("CA file")))))
                    .build()) {
                List<PeSession> sessions = new ArrayList<>();
                for (Path tokenFile : tokenFiles) {
                    sessions.add(client.session(new PeCredentials.Token(PeSecret.of(Files.readString(tokenFile)))));
                }
                long submitStart = System.nanoTime();
                List<WorkItem> items = submit(side, sessions);
                Path workFile = dir.resolve("work.txt");
                WorkItem.write(workFile, items);
                Path resultFile = dir.resolve("result.txt");
                long giveUp = Instant.parse(finishes.group(2))
                        .plus(outageFor)
                        .plus(Duration.ofMinutes(2))
                        .toEpochMilli();
                SideArguments arguments = new SideArguments(
                        side.mode(),
                        orchestrator,
                        codeManager,
                        Path.of(printed.get("CA file")),
                        tokenFiles,
                        workFile,
                        resultFile,
                        interval,
                        jitter,
                        giveUp);
                if (System.currentTimeMillis() > firstEnd) {
                    System.out.println("== " + label + ": the first work ended before its watch started; such work"
                            + " counts as noticed from its watch's start");
                }
                System.out.println("== " + label + ": submitted " + items.size() + " items in "
                        + seconds(Duration.ofNanos(System.nanoTime() - submitStart)) + "; waiting in its own JVM (-Xmx"
                        + side.heap() + ")");
                List<String> command = new ArrayList<>(
                        javaCommand("-Xmx" + side.heap(), side.main().getName()));
                command.addAll(List.of(arguments.toArgs()));
                long sideStart = System.currentTimeMillis();
                Process process = new ProcessBuilder(command).inheritIO().start();
                if (!process.waitFor(giveUp - System.currentTimeMillis() + 60_000, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(label + " did not end in time");
                }
                long sideEnd = System.currentTimeMillis();
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(label + " failed with exit code " + process.exitValue());
                }
                Map<String, long[]> lineTimes = lineTimes(sessions.get(0), items);
                stop(simulator);
                return SideFigures.compute(
                        journal,
                        SideResult.read(resultFile),
                        finishTimes(finishFile),
                        lineTimes,
                        sideStart,
                        sideEnd,
                        outageStart,
                        outageEnd);
            }
        } finally {
            stop(simulator);
        }
    }

    /**
     * Submits the side's plan runs, deploys and Puppet runs, alternating while they last, the k-th
     * item under credential k modulo their number; the k-th Puppet run on the first 1 + k mod 3
     * workload nodes.
     */
    private static List<WorkItem> submit(Side side, List<PeSession> sessions) throws InterruptedException {
        List<Supplier<CompletableFuture<WorkItem>>> submissions = new ArrayList<>();
        for (int i = 0; i < Math.max(side.plans(), Math.max(side.deploys(), side.puppetRuns())); i++) {
            if (i < side.plans()) {
                int credential = submissions.size() % sessions.size();
                submissions.add(() -> sessions.get(credential)
                        .orchestrator()
                        .runPlan(PlanRunRequest.of(PeSimulatorMain.BENCHMARK_PLAN, Map.of()))
                        .thenApply(name -> WorkItem.plan(name, credential)));
            }
            if (i < side.deploys()) {
                int credential = submissions.size() % sessions.size();
                submissions.add(() -> sessions.get(credential)
                        .codeManager()
                        .deploy(DeployRequest.of(List.of(PeSimulatorMain.BENCHMARK_ENVIRONMENT))
                                .withWait(false))
                        .thenApply(results -> {
                            DeployResult result = results.get(0);
                            return WorkItem.deploy(
                                    result.id(),
                                    result.environment(),
                                    result.answeredAt() == null
                                            ? null
                                            : result.answeredAt().toEpochMilli(),
                                    credential);
                        }));
            }
            if (i < side.puppetRuns()) {
                int credential = submissions.size() % sessions.size();
                List<String> nodes =
                        PeSimulatorMain.BENCHMARK_NODES.subList(0, 1 + i % PeSimulatorMain.BENCHMARK_NODES.size());
                submissions.add(() -> sessions.get(credential)
                        .jobs()
                        .runPuppet(PuppetRunRequest.on(JobScope.nodes(nodes), PeSimulatorMain.BENCHMARK_ENVIRONMENT))
                        .thenApply(name -> WorkItem.puppetRun(
                                name, PeSimulatorMain.BENCHMARK_ENVIRONMENT, nodes.size(), credential)));
            }
        }
        return inFlight(submissions);
    }

    /** When PE recorded each plan job's benchmark lines: its events, read once the side has ended. */
    private static Map<String, long[]> lineTimes(PeSession session, List<WorkItem> items) throws InterruptedException {
        List<Supplier<CompletableFuture<Map.Entry<String, long[]>>>> reads = new ArrayList<>();
        for (WorkItem item : items) {
            if (!item.plan()) {
                continue;
            }
            reads.add(() -> session.orchestrator().planEvents(item.name(), 0).thenApply(events -> {
                long[] times = new long[PeSimulatorMain.BENCHMARK_LINES];
                for (PlanEvent event : events.items()) {
                    String message = event.message();
                    if ("out_message".equals(event.type())
                            && message != null
                            && message.startsWith(PeSimulatorMain.BENCHMARK_LINE)
                            && event.timestamp() != null) {
                        int k = Integer.parseInt(message.substring(PeSimulatorMain.BENCHMARK_LINE.length()));
                        times[k - 1] = event.timestamp().toEpochMilli();
                    }
                }
                return Map.entry(item.key(), times);
            }));
        }
        Map<String, long[]> times = new HashMap<>();
        inFlight(reads).forEach(e -> times.put(e.getKey(), e.getValue()));
        return times;
    }

    /** Sends the requests in order, at most {@value #IN_FLIGHT} in flight at once; their answers in the same order. */
    private static <T> List<T> inFlight(List<Supplier<CompletableFuture<T>>> requests) throws InterruptedException {
        Semaphore permits = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<T>> answers = new ArrayList<>();
        for (Supplier<CompletableFuture<T>> request : requests) {
            permits.acquire();
            CompletableFuture<T> answer = request.get().orTimeout(60, TimeUnit.SECONDS);
            answer.whenComplete((value, failure) -> permits.release());
            answers.add(answer);
        }
        return answers.stream().map(CompletableFuture::join).toList();
    }

    /** When each plan job, deploy and Puppet run ended in the simulator (its finish file), by {@link WorkItem#key()}. */
    private static Map<String, Long> finishTimes(Path finishFile) throws IOException {
        Map<String, Long> finishes = new HashMap<>();
        for (String line : Files.readAllLines(finishFile)) {
            String[] f = line.split(",");
            finishes.put(WorkItem.key(WorkItem.Kind.of(f[0]), f[1]), Long.parseLong(f[2]));
        }
        return finishes;
    }

    /** Stops the simulator, which then writes its journal and finish file. */
    private static void stop(Process simulator) throws InterruptedException {
        simulator.destroy();
        if (!simulator.waitFor(60, TimeUnit.SECONDS)) {
            simulator.destroyForcibly();
        }
    }

    /** Reads the simulator's start-up lines ({@code Label: value}) until it is ready. */
    private static Map<String, String> readUntilReady(Process simulator) throws IOException {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8));
        Map<String, String> printed = new LinkedHashMap<>();
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                printed.put(m.group(1).trim(), m.group(2).trim());
            }
            if (line.startsWith("Try:")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "simulator-output");
                drain.setDaemon(true);
                drain.start();
                return printed;
            }
        }
        throw new IllegalStateException("The PE simulator stopped before it was ready: " + printed);
    }

    private List<String> javaCommand(String heapOption, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(heapOption);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    /** This JVM's classpath; under {@code mvn exec:java} the project's is the class loader's, not java.class.path. */
    private static String classpath() {
        if (WatchBenchmarkMain.class.getClassLoader() instanceof URLClassLoader loader && loader.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException e) {
                    throw new IllegalStateException("Unreadable classpath entry " + url, e);
                }
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    // --- the table ---

    private static final String ROW = "%-50s";
    private static final String CELL = "%18s";

    private String table(List<Run> runs, Duration total, boolean quick) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(
                Locale.ROOT,
                "PE waiting benchmark: I = %d s, J = %d s, outage %d s from %d s; request budget %d/s per installation"
                        + " (sweep targets); each side in its own JVM against its own simulator%n",
                interval.toSeconds(),
                jitter.toSeconds(),
                outageFor.toSeconds(),
                outageAt.toSeconds(),
                BUDGET));
        row(t, runs, "", r -> r.side().number() + " " + r.side().title(), "target (sweep sides)");
        row(
                t,
                runs,
                "work waited for (plans+deploys+Puppet runs)",
                r -> r.side().plans() + "+" + r.side().deploys() + "+"
                        + r.side().puppetRuns(),
                "");
        row(
                t,
                runs,
                "credentials (PE users) on the installation",
                r -> "" + r.side().credentials(),
                "");
        row(
                t,
                runs,
                "work ends (s after its simulator started)",
                r -> firstFinish.toSeconds() + "-" + r.side().lastFinish().toSeconds(),
                "");
        row(t, runs, "run time (simulator start to figures)", r -> minutes(r.wall()), "");
        row(
                t,
                runs,
                "noticed after PE finished p50/p99/max (ms)",
                r -> quantiles(r.figures().delaysMs()),
                "p50 <= 1500, p99 <= 3000");
        row(
                t,
                runs,
                "  of which deploys p50/p99/max (ms)",
                r -> quantiles(r.figures().deployDelaysMs()),
                "");
        row(
                t,
                runs,
                "  of which Puppet runs p50/p99/max (ms)",
                r -> quantiles(r.figures().jobDelaysMs()),
                "");
        row(
                t,
                runs,
                "  of work not waiting through the outage p50/p99/max (ms)",
                r -> quantiles(r.figures().clearOfOutageDelaysMs()),
                "");
        row(
                t,
                runs,
                "  waiting through the outage (its time left out)",
                r -> "" + r.figures().endedInOutage(),
                "");
        row(t, runs, "  not noticed", r -> "" + r.figures().notNoticed(), "0");
        row(
                t,
                runs,
                "  with a log line twice (noticed twice)",
                r -> "" + r.figures().repeated(),
                "0");
        row(
                t,
                runs,
                "  requests about one after its watch ended",
                r -> "" + r.figures().afterWatchEnded(),
                "0");
        row(
                t,
                runs,
                "log line after PE recorded it p50/p99/max (ms)",
                r -> quantiles(r.figures().lineDelaysMs()),
                "max <= max(5 s, N / " + BUDGET + ") + 2 s");
        row(
                t,
                runs,
                "  lines PE recorded but never logged",
                r -> "" + r.figures().linesMissing(),
                "0");
        row(t, runs, "HTTP requests while waiting", r -> "" + r.figures().requests(), "");
        row(
                t,
                runs,
                "  final reads / list requests",
                r -> r.figures().finalReads() + "/" + r.figures().listRequests(),
                "");
        row(
                t,
                runs,
                "mean requests/s in steady state",
                r -> String.format(Locale.ROOT, "%.1f", r.figures().steadyRate()),
                "");
        row(
                t,
                runs,
                "busiest steady second: raw/less final reads",
                r -> r.figures().busiestSteady() + "/" + r.figures().busiestSteadyLessFinal(),
                "less final reads <= " + BUDGET);
        row(
                t,
                runs,
                "busiest second after the outage: raw/less fresh",
                r -> r.figures().busiestAfterOutage() + "/" + r.figures().busiestAfterOutageLessFresh(),
                "less fresh final reads <= " + 2 * BUDGET);
        row(
                t,
                runs,
                "peak live threads, whole JVM",
                r -> "" + r.figures().result().peakTotalThreads(),
                "");
        row(
                t,
                runs,
                "peak threads of the waiting code",
                r -> "" + r.figures().result().peakOwnThreads(),
                "<= 8");
        row(
                t,
                runs,
                "peak heap after GC (MB)",
                r -> String.format(Locale.ROOT, "%.1f", r.figures().result().peakHeapAfterGc() / 1024.0 / 1024.0),
                "<= 64 (N <= 1,000), <= 128 (more)");
        t.append(String.format(Locale.ROOT, "%nThreads of the waiting code, by name prefix: %s.%n", prefixes(runs)));
        t.append(
                "Steady: the side's run from 5 s after its first request (connections opening), outside the outage and the 10 s after it. A final read is a request about one"
                        + " plan job, deploy or Puppet run sent after PE finished it; fresh ones are of work that ended"
                        + " after the outage.\n");
        t.append(String.format(Locale.ROOT, "%nTargets of the sweep watcher:%n"));
        for (Run run : runs) {
            if (run.side().sweep()) {
                t.append("  ").append(verdicts(run)).append('\n');
            }
        }
        if (runs.stream().noneMatch(r -> r.side().sweep())) {
            t.append("  (no sweep side ran)\n");
        }
        if (quick) {
            t.append("(The targets are set for N = 1,000 and 10,000 and work of minutes; a quick run only checks that"
                    + " it works.)\n");
        }
        List<String> times = new ArrayList<>();
        runs.forEach(r -> times.add("side " + r.side().number() + " " + minutes(r.wall())));
        t.append(String.format(Locale.ROOT, "%nRun time: %s; in all %s%n", String.join(", ", times), minutes(total)));
        return t.toString();
    }

    private static void row(StringBuilder t, List<Run> runs, String label, Function<Run, String> cell, String target) {
        t.append(String.format(Locale.ROOT, ROW, label));
        for (Run run : runs) {
            t.append(String.format(Locale.ROOT, CELL, " " + cell.apply(run))); // apart even when wider than the column
        }
        t.append("   ").append(target).append(String.format("%n"));
    }

    private static String verdicts(Run run) {
        SideFigures f = run.figures();
        int n = run.side().n();
        long lineTarget = Math.max(5_000, n * 1000L / BUDGET) + 2_000;
        long heapTarget = (n > 1000 ? 128L : 64L) * 1024 * 1024;
        long p50 = SideFigures.quantile(f.delaysMs(), 0.5);
        long p99 = SideFigures.quantile(f.delaysMs(), 0.99);
        return String.format(
                Locale.ROOT,
                "side %d (N = %d): noticed %s, steady requests %s, after the outage %s, threads %s, heap %s,"
                        + " log lines (<= %d ms) %s, every item once %s",
                run.side().number(),
                n,
                verdict(p50 >= 0 && p50 <= 1500 && p99 <= 3000),
                verdict(f.busiestSteadyLessFinal() <= BUDGET),
                verdict(f.busiestAfterOutageLessFresh() <= 2L * BUDGET),
                verdict(f.result().peakOwnThreads() <= 8),
                verdict(f.result().peakHeapAfterGc() <= heapTarget),
                lineTarget,
                verdict(f.linesMissing() == 0 && SideFigures.max(f.lineDelaysMs()) <= lineTarget),
                verdict(f.notNoticed() == 0 && f.repeated() == 0 && f.afterWatchEnded() == 0));
    }

    private static String prefixes(List<Run> runs) {
        TreeSet<String> seen = new TreeSet<>();
        List<String> parts = new ArrayList<>();
        for (Run run : runs) {
            String kind = run.side().mode().equals("thread") ? "thread per wait" : "watcher";
            if (seen.add(kind)) {
                parts.add(kind + " " + String.join(" ", run.figures().result().ownPrefixes()));
            }
        }
        return String.join("; ", parts);
    }

    private static String quantiles(List<Long> sorted) {
        if (sorted.isEmpty()) {
            return "-";
        }
        return SideFigures.quantile(sorted, 0.5) + "/" + SideFigures.quantile(sorted, 0.99) + "/"
                + SideFigures.max(sorted);
    }

    private static String minutes(Duration d) {
        return String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "MISSED";
    }
}
