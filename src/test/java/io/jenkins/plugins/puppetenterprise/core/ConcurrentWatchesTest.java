package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanRunInput;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobSnapshot;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.ScriptedEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 200 plan runs watched at once by the production set-up (real scheduler threads, real HTTPS):
 * all progress, and the threads doing the work stay at most 8, counted by the names of the
 * watch scheduler ({@value WatchThreads#THREAD_NAME_PREFIX}) and of the HTTP client's pool. The
 * simulator runs on a fake clock, so the plan jobs start, log and finish at their scripted times
 * when the test moves that clock, not after real waits. Not counted, because the JDK names them:
 * the HTTP client's selector thread, and, where the common fork-join pool has fewer than two
 * threads (machines with two cores or fewer), the short-lived thread the JDK starts per answer only
 * to hand it on; the client then handles every answer on its own pool.
 */
class ConcurrentWatchesTest {
    private static final int WATCHES = 200;
    private static final int MAX_THREADS = 8;
    private static final String HTTP_PREFIX = "pe-http-load-";
    private static final String PLAN = "load::job";

    private final Set<String> workingThreads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger mostLiveThreads = new AtomicInteger();

    @Test
    void twoHundredWatchesProgressOnAtMostEightThreads() throws Exception {
        FakeClock peClock = new FakeClock();
        ScheduledExecutorService watchThreads = WatchThreads.newScheduler(2);
        try (PeSimulator sim = PeSimulator.start(peClock)) {
            sim.addUser("deployer", "pw-load-1", UserPermissions.deployer());
            sim.addPlan(PlanSpec.named(PLAN));
            // The i-th job to start logs at 10 s and ends at 20 s + i * 100 ms.
            for (int i = 0; i < WATCHES; i++) {
                sim.scriptNextPlanJob(
                        PLAN,
                        PlanJobScript.succeeding(Duration.ofMillis(20_000 + i * 100L))
                                .withEvents(ScriptedEvent.outMessage(Duration.ofSeconds(10), "half way")));
            }
            PeServiceUrls urls = PeServiceUrls.of(
                    null,
                    sim.rbacUrl().toString(),
                    sim.codeManagerUrl().toString(),
                    sim.orchestratorUrl().toString(),
                    sim.consoleUrl().toString());
            try (PeClient client = PeClient.builder(urls, PeCaBundle.fromPem(sim.caPem()))
                    .httpThreads(4)
                    .threadNamePrefix(HTTP_PREFIX)
                    .scheduler(watchThreads)
                    .build()) {
                PeSession session = client.session(PeCredentials.token(sim.issueToken("deployer")));
                ExecutionCore core = new ExecutionCore(
                        WatchScheduler.of(watchThreads),
                        Clock.systemUTC(),
                        new PollBackoff(Duration.ofMillis(100), Duration.ofMillis(500), 1.5, Duration.ofMillis(100)),
                        Math::random);

                List<CompletableFuture<Submission>> submitted = new ArrayList<>();
                for (int i = 0; i < WATCHES; i++) {
                    PlanRunInput input = PlanRunInput.builder().plan(PLAN).build();
                    submitted.add(core.submitPlanRun(session, urls, "sim", input, "load " + i, line -> {}));
                }
                CompletableFuture.allOf(submitted.toArray(CompletableFuture[]::new))
                        .get(60, TimeUnit.SECONDS);

                CountDownLatch running = new CountDownLatch(WATCHES);
                CountDownLatch halfWay = new CountDownLatch(WATCHES);
                List<Watch> watches = new ArrayList<>();
                for (CompletableFuture<Submission> s : submitted) {
                    WatchReference reference = s.get().reference();
                    watches.add(core.watch(
                            session,
                            urls,
                            reference,
                            line -> {
                                sample();
                                if (line.text().endsWith(" is running.")) {
                                    running.countDown();
                                } else if (line.text().endsWith(" half way")) {
                                    halfWay.countDown();
                                }
                            },
                            TextMask.NONE));
                }

                // Every watch is in progress at once; then the scripted events and ends arrive.
                assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
                assertThat(watches).noneMatch(w -> w.outcome().isDone());
                peClock.advance(Duration.ofSeconds(15));
                assertThat(halfWay.await(60, TimeUnit.SECONDS)).isTrue();
                assertThat(watches).noneMatch(w -> w.outcome().isDone());
                peClock.advance(Duration.ofSeconds(30));
                CompletableFuture.allOf(watches.stream().map(Watch::outcome).toArray(CompletableFuture[]::new))
                        .get(60, TimeUnit.SECONDS);

                assertThat(watches)
                        .allSatisfy(w -> assertThat(w.outcome().get().verdict()).isEqualTo(Verdict.SUCCESS));
                assertThat(sim.planJobs())
                        .hasSize(WATCHES)
                        .allSatisfy(job -> assertThat(job.state()).isEqualTo("success"))
                        .extracting(PlanJobSnapshot::finishedAt)
                        .doesNotHaveDuplicates();
            }
        } finally {
            watchThreads.shutdownNow();
        }
        assertThat(workingThreads)
                .isNotEmpty()
                .allMatch(name -> name.startsWith(WatchThreads.THREAD_NAME_PREFIX) || name.startsWith(HTTP_PREFIX));
        assertThat(mostLiveThreads.get()).isBetween(1, MAX_THREADS);
    }

    /** Notes which thread delivers a line, and how many watch and HTTP threads are alive now. */
    private void sample() {
        workingThreads.add(Thread.currentThread().getName());

        Thread[] threads = new Thread[Thread.activeCount() + 64];
        int count = Thread.enumerate(threads);
        long live = Arrays.stream(threads, 0, count)
                .map(Thread::getName)
                .filter(n -> n.startsWith(WatchThreads.THREAD_NAME_PREFIX) || n.startsWith(HTTP_PREFIX))
                .count();
        mostLiveThreads.accumulateAndGet((int) live, Math::max);
    }
}
