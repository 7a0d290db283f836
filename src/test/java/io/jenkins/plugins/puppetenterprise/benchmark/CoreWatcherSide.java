package io.jenkins.plugins.puppetenterprise.benchmark;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeSecret;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.core.CodeDeployReference;
import io.jenkins.plugins.puppetenterprise.core.ExecutionCore;
import io.jenkins.plugins.puppetenterprise.core.JobReference;
import io.jenkins.plugins.puppetenterprise.core.PlanRunReference;
import io.jenkins.plugins.puppetenterprise.core.PollBackoff;
import io.jenkins.plugins.puppetenterprise.core.TextMask;
import io.jenkins.plugins.puppetenterprise.core.Watch;
import io.jenkins.plugins.puppetenterprise.core.WatchReference;
import io.jenkins.plugins.puppetenterprise.core.WatchScheduler;
import io.jenkins.plugins.puppetenterprise.core.WatchSink;
import io.jenkins.plugins.puppetenterprise.core.WatchThreads;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulatorMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A side, in its own JVM: the core's watcher as a controller runs it, waiting for every plan job,
 * deploy and Puppet run of the work file, one {@link PeClient} with its defaults and one session per
 * credential. Mode {@code sweep}: {@code ExecutionCore.withSharedThreads()}, as in production.
 * Mode {@code per-job}: the fallback, the same core without sweeps, each watch polling its own work.
 * Arguments: see {@link SideArguments}.
 */
public final class CoreWatcherSide {
    /** The threads the watcher and its HTTP client start (the JDK HTTP client's selector is {@code HttpClient-}). */
    static final List<String> OWN_PREFIXES =
            List.of(WatchThreads.THREAD_NAME_PREFIX, "pe-http-", "pe-retry-", "HttpClient-");

    private CoreWatcherSide() {}

    public static void main(String[] args) throws Exception {
        SideArguments arguments = SideArguments.parse(args);
        List<WorkItem> items = WorkItem.read(arguments.workFile());
        Map<String, SideResult.Job> jobs = new ConcurrentHashMap<>();
        try (ResourceSampler sampler = new ResourceSampler(OWN_PREFIXES)) {
            PeServiceUrls urls = PeServiceUrls.of(
                    "",
                    arguments.orchestrator(),
                    arguments.codeManager(),
                    arguments.orchestrator(),
                    arguments.orchestrator());
            PeClient client = PeClient.builder(urls, PeCaBundle.fromPem(Files.readString(arguments.caFile())))
                    .build();
            List<PeSession> sessions = new ArrayList<>();
            for (Path tokenFile : arguments.tokenFiles()) {
                sessions.add(client.session(new PeCredentials.Token(
                        PeSecret.of(Files.readString(tokenFile).strip()))));
            }
            ExecutionCore core = core(arguments.mode());
            CompletableFuture<?>[] outcomes = new CompletableFuture<?>[items.size()];
            AtomicInteger repeatsShown = new AtomicInteger();
            for (int i = 0; i < items.size(); i++) {
                WorkItem item = items.get(i);
                long start = System.currentTimeMillis();
                LoggedLines lines = new LoggedLines();
                WatchSink sink = line -> lines.log(line.plainText(), System.currentTimeMillis());
                jobs.put(item.key(), new SideResult.Job(start, 0, "WAITING", 0, new long[0]));
                Watch watch =
                        core.watch(sessions.get(item.credential()), urls, reference(item, start), sink, TextMask.NONE);
                outcomes[i] = watch.outcome().thenAccept(outcome -> {
                    long noticed = System.currentTimeMillis();
                    if (lines.firstRepeated() != null && repeatsShown.getAndIncrement() < 5) {
                        System.out.println(
                                "core watcher: " + item.key() + " logged a line twice: " + lines.firstRepeated());
                    }
                    jobs.put(
                            item.key(),
                            new SideResult.Job(
                                    start,
                                    noticed,
                                    outcome.verdict().name(),
                                    lines.repeated(),
                                    item.plan() ? lines.benchmarkLineMs() : new long[0]));
                });
            }
            System.out.println("core watcher (" + arguments.mode() + "): watching " + items.size() + " items with "
                    + sessions.size() + " credential(s)");
            try {
                CompletableFuture.allOf(outcomes)
                        .get(Math.max(1, arguments.giveUpAtMs() - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                System.out.println("core watcher (" + arguments.mode() + "): gave up; the rest counts as not noticed");
            }
            sampler.sampleHeapAfterGc();
            sampler.close();
            SideResult.of(sampler, OWN_PREFIXES, Map.copyOf(jobs)).write(arguments.resultFile());
            client.close();
        }
        System.exit(0);
    }

    private static ExecutionCore core(String mode) {
        return switch (mode) {
            case "sweep" -> ExecutionCore.withSharedThreads();
            case "per-job" ->
                new ExecutionCore(
                        WatchScheduler.of(WatchThreads.newScheduler(2)),
                        Clock.systemUTC(),
                        System::nanoTime,
                        PollBackoff.DEFAULT,
                        () -> ThreadLocalRandom.current().nextDouble(),
                        false);
            default -> throw new IllegalArgumentException("Unknown mode '" + mode + "': sweep or per-job");
        };
    }

    private static WatchReference reference(WorkItem item, long startMs) {
        Instant now = Instant.ofEpochMilli(startMs);
        Instant deadline = now.plus(Duration.ofHours(1));
        return switch (item.kind()) {
            case PLAN ->
                new PlanRunReference(
                        "benchmark",
                        "bench-" + item.name(),
                        now,
                        deadline,
                        PeSimulatorMain.BENCHMARK_PLAN,
                        "production",
                        item.name(),
                        PlanRunReference.NO_EVENT,
                        false);
            case JOB ->
                new JobReference(
                        "benchmark",
                        "bench-job-" + item.name(),
                        now,
                        deadline,
                        null,
                        item.environment(),
                        item.name(),
                        JobReference.NO_EVENT,
                        item.nodes(),
                        false,
                        false,
                        false,
                        false);
            case DEPLOY ->
                new CodeDeployReference(
                        "benchmark",
                        "bench-deploy-" + item.name(),
                        now,
                        deadline,
                        List.of(new CodeDeployReference.Deploy(item.environment(), Long.parseLong(item.name()))),
                        false,
                        item.acceptedMs() == null ? null : Instant.ofEpochMilli(item.acceptedMs()));
        };
    }
}
