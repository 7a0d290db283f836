package io.jenkins.plugins.puppetenterprise.benchmark;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeSecret;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.core.ExecutionCore;
import io.jenkins.plugins.puppetenterprise.core.PlanRunReference;
import io.jenkins.plugins.puppetenterprise.core.TextMask;
import io.jenkins.plugins.puppetenterprise.core.Watch;
import io.jenkins.plugins.puppetenterprise.core.WatchThreads;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Side (a), in its own JVM: the core's watcher as a controller runs it (one
 * {@code ExecutionCore.withSharedThreads()}, one {@link PeClient} with its defaults) waiting for
 * every job named in the jobs file. Arguments: see {@link SideArguments}.
 */
public final class CoreWatcherSide {
    /** The threads the watcher and its HTTP client start (the JDK HTTP client's selector is {@code HttpClient-}). */
    static final List<String> OWN_PREFIXES =
            List.of(WatchThreads.THREAD_NAME_PREFIX, "pe-http-", "pe-retry-", "HttpClient-");

    private CoreWatcherSide() {}

    public static void main(String[] args) throws Exception {
        SideArguments arguments = SideArguments.parse(args);
        List<String> names = Files.readAllLines(arguments.jobsFile());
        Map<String, SideResult.Job> jobs = new ConcurrentHashMap<>();
        try (ResourceSampler sampler = new ResourceSampler(OWN_PREFIXES)) {
            PeServiceUrls urls = PeServiceUrls.of(
                    "",
                    arguments.orchestrator(),
                    arguments.orchestrator(),
                    arguments.orchestrator(),
                    arguments.orchestrator());
            PeClient client = PeClient.builder(urls, PeCaBundle.fromPem(Files.readString(arguments.caFile())))
                    .build();
            PeSession session = client.session(new PeCredentials.Token(
                    PeSecret.of(Files.readString(arguments.tokenFile()).strip())));
            ExecutionCore core = ExecutionCore.withSharedThreads();
            CompletableFuture<?>[] outcomes = new CompletableFuture<?>[names.size()];
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                long start = System.currentTimeMillis();
                Instant now = Instant.ofEpochMilli(start);
                PlanRunReference reference = new PlanRunReference(
                        "benchmark",
                        "bench-" + name,
                        now,
                        now.plus(Duration.ofHours(1)),
                        "benchmark::job",
                        "production",
                        name,
                        PlanRunReference.NO_EVENT,
                        false);
                Watch watch = core.watch(session, urls, reference, line -> {}, TextMask.NONE);
                outcomes[i] = watch.outcome()
                        .thenAccept(outcome -> jobs.put(
                                name,
                                new SideResult.Job(
                                        start,
                                        System.currentTimeMillis(),
                                        outcome.verdict().name())));
                jobs.putIfAbsent(name, new SideResult.Job(start, 0, "WAITING"));
            }
            System.out.println("core watcher: watching " + names.size() + " plan jobs");
            CompletableFuture.allOf(outcomes)
                    .get(Math.max(1, arguments.giveUpAtMs() - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            sampler.sampleHeapAfterGc();
            sampler.close();
            SideResult.of(sampler, OWN_PREFIXES, Map.copyOf(jobs)).write(arguments.resultFile());
            client.close();
        }
        System.exit(0);
    }
}
