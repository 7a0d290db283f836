package io.jenkins.plugins.puppetenterprise.benchmark;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeSecret;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanJob;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanJobList;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanJobQuery;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The waiting benchmark (docs/performance.md): for each side, a fresh PE simulator in its own JVM
 * on loopback with the same workload (N plan jobs finishing at scripted times, a 503 outage), N plan
 * runs submitted, then the side in its own JVM with a fixed heap: (a) the core's watcher, (b) one
 * thread per wait. Prints both side by side with the targets. Not a test: run it with the README
 * command; every simulator stops by itself.
 */
public final class WatchBenchmarkMain {
    private static final Pattern LINE = Pattern.compile("^\\s+([A-Za-z ]+):\\s+(.*)$");
    private static final Pattern OUTAGE = Pattern.compile("from (\\S+) to (\\S+)");
    private static final String USAGE = """
            Usage: WatchBenchmarkMain [--quick] [options]
              --jobs N            plan runs waited for at once (default 1000; --quick 100)
              --first-finish D    when the first job ends, after the simulator started (default 60s; --quick 20s)
              --last-finish D     when the last one ends (default 300s; --quick 70s)
              --outage-at D       when every PE service starts answering 503 (default 150s; --quick 35s)
              --outage-for D      for how long (default 30s; --quick 10s)
              --heap SIZE         -Xmx of each side's JVM (default 256m)
            """;

    private final int jobs;
    private final Duration firstFinish;
    private final Duration lastFinish;
    private final Duration outageAt;
    private final Duration outageFor;
    private final String heap;
    private final Duration interval = PollBackoff.DEFAULT.max();
    private final Duration jitter = PollBackoff.DEFAULT.jitter();
    private final String classpath;
    private final Path work;

    private WatchBenchmarkMain(Map<String, String> options, boolean quick) throws IOException {
        jobs = Integer.parseInt(options.getOrDefault("jobs", quick ? "100" : "1000"));
        firstFinish = PeSimulatorMain.duration(options.getOrDefault("first-finish", quick ? "20s" : "60s"));
        lastFinish = PeSimulatorMain.duration(options.getOrDefault("last-finish", quick ? "70s" : "300s"));
        outageAt = PeSimulatorMain.duration(options.getOrDefault("outage-at", quick ? "35s" : "150s"));
        outageFor = PeSimulatorMain.duration(options.getOrDefault("outage-for", quick ? "10s" : "30s"));
        heap = options.getOrDefault("heap", "256m");
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
        WatchBenchmarkMain benchmark = new WatchBenchmarkMain(options, quick);
        SideFigures watcher = benchmark.run("core watcher", CoreWatcherSide.class);
        SideFigures baseline = benchmark.run("thread per wait", ThreadPerWaitSide.class);
        System.out.println();
        System.out.print(benchmark.table(watcher, baseline));
        System.exit(0);
    }

    private SideFigures run(String label, Class<?> side) throws Exception {
        Path dir = Files.createDirectories(work.resolve(side.getSimpleName()));
        System.out.println("== " + label + ": starting the PE simulator (" + jobs + " jobs finishing from "
                + firstFinish.toSeconds() + " s to " + lastFinish.toSeconds() + " s, 503 for " + outageFor.toSeconds()
                + " s from " + outageAt.toSeconds() + " s)");
        Duration lifetime = lastFinish.plus(outageFor).plus(Duration.ofMinutes(5));
        Path journal = dir.resolve("journal.csv");
        Process simulator = new ProcessBuilder(javaCommand(
                        "-Xmx1g",
                        PeSimulatorMain.class.getName(),
                        "--ca-file",
                        dir.resolve("ca.pem").toString(),
                        "--workload-jobs",
                        Integer.toString(jobs),
                        "--first-finish",
                        firstFinish.toMillis() + "ms",
                        "--last-finish",
                        lastFinish.toMillis() + "ms",
                        "--outage-at",
                        outageAt.toMillis() + "ms",
                        "--outage-for",
                        outageFor.toMillis() + "ms",
                        "--exit-after",
                        lifetime.toMillis() + "ms",
                        "--journal-file",
                        journal.toString()))
                .redirectErrorStream(true)
                .start();
        try {
            Map<String, String> printed = readUntilReady(simulator);
            String orchestrator = printed.get("Orchestrator");
            Matcher outage = OUTAGE.matcher(printed.get("Outage"));
            if (!outage.find()) {
                throw new IllegalStateException("The simulator did not print its outage window: " + printed);
            }
            long outageStart = Instant.parse(outage.group(1)).toEpochMilli();
            long outageEnd = Instant.parse(outage.group(2)).toEpochMilli();
            Path tokenFile = dir.resolve("token");
            Files.createFile(
                    tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tokenFile, printed.get("Token").split(" ")[0]);
            PeServiceUrls urls = PeServiceUrls.of("", orchestrator, orchestrator, orchestrator, orchestrator);
            try (PeClient client = PeClient.builder(
                            urls, PeCaBundle.fromPem(Files.readString(Path.of(printed.get("CA file")))))
                    .build()) {
                PeSession session = client.session(new PeCredentials.Token(PeSecret.of(Files.readString(tokenFile))));
                List<String> names = new ArrayList<>();
                for (int i = 0; i < jobs; i++) {
                    names.add(session.orchestrator()
                            .runPlan(PlanRunRequest.of(PeSimulatorMain.BENCHMARK_PLAN, Map.of()))
                            .get(60, TimeUnit.SECONDS));
                }
                Path jobsFile = Files.write(dir.resolve("jobs.txt"), names);
                Path resultFile = dir.resolve("result.txt");
                long giveUp = Instant.parse(printed.get("Workload").replaceAll(".* to ", ""))
                        .plus(outageFor)
                        .plus(Duration.ofMinutes(2))
                        .toEpochMilli();
                SideArguments arguments = new SideArguments(
                        orchestrator,
                        Path.of(printed.get("CA file")),
                        tokenFile,
                        jobsFile,
                        resultFile,
                        interval,
                        jitter,
                        giveUp);
                System.out.println("== " + label + ": submitted " + jobs + " plan runs; waiting in its own JVM (-Xmx"
                        + heap + ")");
                List<String> command = new ArrayList<>(javaCommand("-Xmx" + heap, side.getName()));
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
                Map<String, Long> finishes = finishTimes(session, names.size());
                simulator.destroy();
                simulator.waitFor(60, TimeUnit.SECONDS);
                return SideFigures.compute(
                        journal, SideResult.read(resultFile), finishes, sideStart, sideEnd, outageStart, outageEnd);
            }
        } finally {
            simulator.destroy();
            if (!simulator.waitFor(60, TimeUnit.SECONDS)) {
                simulator.destroyForcibly();
            }
        }
    }

    /** When each job ended in the simulator ({@code finished_timestamp}, ms). */
    private static Map<String, Long> finishTimes(PeSession session, int count) throws Exception {
        Map<String, Long> finishes = new HashMap<>();
        for (int offset = 0; offset < count; offset += 500) {
            PlanJobList page = session.orchestrator()
                    .planJobs(PlanJobQuery.newest(500).withOffset(offset))
                    .get(60, TimeUnit.SECONDS);
            for (PlanJob job : page.items()) {
                if (job.finishedTimestamp() != null) {
                    finishes.put(job.name(), job.finishedTimestamp().toEpochMilli());
                }
            }
        }
        return finishes;
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

    private String table(SideFigures watcher, SideFigures baseline) {
        double intervalS = interval.toMillis() / 1000.0;
        long budget = Math.round(watcher.watchedJobSeconds() / intervalS * 1.1);
        long baselineBudget = Math.round(baseline.watchedJobSeconds() / intervalS * 1.1);
        long delayTarget = interval.plus(jitter).toMillis() + 100;
        StringBuilder t = new StringBuilder();
        t.append(String.format(
                Locale.ROOT,
                "PE waiting benchmark: %d plan runs, I = %d s, J = %d s, each side in its own JVM with -Xmx%s%n",
                jobs,
                interval.toSeconds(),
                jitter.toSeconds(),
                heap));
        String row = "%-46s %18s %18s   %s%n";
        t.append(String.format(Locale.ROOT, row, "", "core watcher", "thread per wait", "target (N = 1,000)"));
        t.append(String.format(
                Locale.ROOT,
                row,
                "peak live threads, whole JVM",
                watcher.result().peakTotalThreads(),
                baseline.result().peakTotalThreads(),
                "(reported)"));
        t.append(String.format(
                Locale.ROOT,
                row,
                "peak threads of the waiting code",
                watcher.result().peakOwnThreads(),
                baseline.result().peakOwnThreads(),
                "<= 8"));
        t.append(String.format(
                Locale.ROOT,
                row,
                "  counted by name prefix",
                String.join(" ", watcher.result().ownPrefixes()),
                String.join(" ", baseline.result().ownPrefixes()),
                ""));
        t.append(String.format(
                Locale.ROOT,
                row,
                "peak heap after GC (MB)",
                mb(watcher.result().peakHeapAfterGc()),
                mb(baseline.result().peakHeapAfterGc()),
                "<= 64"));
        t.append(String.format(
                Locale.ROOT,
                row,
                "HTTP requests (state, events and sweep GETs)",
                watcher.requests(),
                baseline.requests(),
                "<= jobs x duration / I + 10%"));
        t.append(String.format(
                Locale.ROOT,
                row,
                "  state / events / sweep GETs",
                watcher.stateRequests() + " / " + watcher.eventRequests() + " / " + watcher.sweepRequests(),
                baseline.stateRequests() + " / " + baseline.eventRequests() + " / " + baseline.sweepRequests(),
                ""));
        t.append(String.format(
                Locale.ROOT, row, "  budget: sum of watched job time / I + 10%", budget, baselineBudget, ""));
        t.append(String.format(
                Locale.ROOT, row, "polls (rounds of requests for one job)", watcher.polls(), baseline.polls(), ""));
        t.append(String.format(
                Locale.ROOT,
                row,
                "detection delay p50 / p99 / max (ms)",
                delays(watcher),
                delays(baseline),
                "p99 <= I + J + 100 ms = " + delayTarget));
        t.append(String.format(
                Locale.ROOT,
                row,
                "  jobs waiting through the outage (its time left out)",
                watcher.endedInOutage(),
                baseline.endedInOutage(),
                ""));
        t.append(String.format(
                Locale.ROOT, row, "  jobs not noticed", watcher.notNoticed(), baseline.notNoticed(), "0"));
        t.append(String.format(
                Locale.ROOT,
                row,
                "steady request rate before the outage (/s)",
                String.format(Locale.ROOT, "%.1f", watcher.steadyRate()),
                String.format(Locale.ROOT, "%.1f", baseline.steadyRate()),
                ""));
        t.append(String.format(
                Locale.ROOT,
                row,
                "busiest second from the outage on",
                watcher.busiestSecondFromOutage(),
                baseline.busiestSecondFromOutage(),
                "<= 2 x steady rate"));
        t.append(String.format(
                Locale.ROOT,
                "%nTargets (core watcher): threads %s, heap %s, p99 delay %s, requests %s,"
                        + " after the outage %s, all noticed %s%n",
                verdict(watcher.result().peakOwnThreads() <= 8),
                verdict(watcher.result().peakHeapAfterGc() <= 64L * 1024 * 1024),
                verdict(watcher.delayQuantile(0.99) >= 0 && watcher.delayQuantile(0.99) <= delayTarget),
                verdict(watcher.requests() <= budget),
                verdict(watcher.busiestSecondFromOutage() <= 2 * watcher.steadyRate()),
                verdict(watcher.notNoticed() == 0)));
        if (jobs != 1000) {
            t.append(
                    "(The targets are set for N = 1,000 and jobs of minutes; a quick run only checks that it works.)\n");
        }
        return t.toString();
    }

    private static String delays(SideFigures f) {
        return f.delayQuantile(0.5) + " / " + f.delayQuantile(0.99) + " / " + f.maxDelay();
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1024.0 / 1024.0);
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "MISSED";
    }
}
