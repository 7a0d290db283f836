package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.RetryPolicy;
import io.jenkins.plugins.puppetenterprise.core.deploy.CodeDeployInput;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.Fault;
import io.jenkins.plugins.puppetenterprise.simulator.JournalEntry;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.deploy.EnvironmentSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deploy watches under faults and fan-out: what synced is always reported, polls are sent once and capped. */
class CodeDeployWatchSimulatorTest {
    private final FakeClock clock = new FakeClock();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final WatchSink sink = line -> lines.add(line.plainText());
    private PeSimulator sim;
    private PeClient client;
    private PeSession session;
    private ManualWatchScheduler scheduler;
    private ExecutionCore core;

    @BeforeEach
    void start() {
        sim = PeSimulator.start(clock);
        sim.addUser("deployer", "pw-deploy-watch", UserPermissions.deployer());
        PeServiceUrls urls = PeServiceUrls.of(
                null,
                sim.rbacUrl().toString(),
                sim.codeManagerUrl().toString(),
                sim.orchestratorUrl().toString(),
                sim.consoleUrl().toString());
        // Client-side retries on, as in production: the watch's polls must not use them.
        client = PeClient.builder(urls, PeCaBundle.fromPem(sim.caPem()))
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40)))
                .build();
        session = client.session(PeCredentials.token(sim.issueToken("deployer")));
        scheduler = new ManualWatchScheduler(clock);
        core = new ExecutionCore(scheduler, clock, PollBackoff.DEFAULT, () -> 0.5);
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    private CodeDeployReference deploy(List<String> environments) throws Exception {
        for (String env : environments) {
            sim.putEnvironment(EnvironmentSpec.named(env).withDeployDuration(Duration.ofSeconds(2)));
        }
        Submission submission = core.submitDeploy(
                        session,
                        "sim",
                        CodeDeployInput.builder().environments(environments).build(),
                        sink)
                .get(20, TimeUnit.SECONDS);
        return (CodeDeployReference) submission.reference();
    }

    @Test
    void anEnvironmentThatSyncedIsReportedEvenWhenAnothersReadFailsInTheSamePoll() throws Exception {
        CodeDeployReference reference = deploy(List.of("production", "staging"));
        // Both have synced by the first poll; one of its two reads gets PE's error.
        sim.faults().forNextRequests(1, Fault.status(500), PeEndpoint.DEPLOYS_STATUS);

        Watch watch = core.watch(session, client.urls(), reference, sink, TextMask.NONE);
        scheduler.runUntil(watch.outcome());

        Outcome outcome = watch.outcome().get();
        assertThat(outcome.verdict()).as(outcome.summary()).isEqualTo(Verdict.SUCCESS);
        for (String env : List.of("production", "staging")) {
            assertThat(lines).anyMatch(l -> l.startsWith(env + ": deployed and synced to all servers"));
            @SuppressWarnings("unchecked")
            Map<String, Object> environment = (Map<String, Object>)
                    ((Map<String, Object>) outcome.result().get("environments")).get(env);
            assertThat(environment).containsEntry("status", "synced").containsKey("deploySignature");
        }
    }

    @Test
    void aStatusReadThatFailsIsNotRepeatedWithinThePoll() throws Exception {
        CodeDeployReference reference = deploy(List.of("production"));
        sim.faults().forNextRequests(1, Fault.status(503).withHtmlBody(), PeEndpoint.DEPLOYS_STATUS);

        Watch watch = core.watch(session, client.urls(), reference, sink, TextMask.NONE);
        scheduler.runUntil(watch.outcome());

        assertThat(watch.outcome().get().verdict()).isEqualTo(Verdict.SUCCESS);
        List<JournalEntry> reads = sim.journal().entries(PeEndpoint.DEPLOYS_STATUS).stream()
                .filter(e -> e.query() != null && e.query().startsWith("id="))
                .toList();
        assertThat(reads.get(0).status()).isEqualTo(503);
        assertThat(reads.get(1).time())
                .as("the next read comes with the watch's next poll, not as a retry within the poll")
                .isAfter(reads.get(0).time());
    }

    @Test
    void atMostAFewStatusReadsOfOneWatchAreInFlight() throws Exception {
        List<String> environments = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            environments.add("env" + i);
        }
        CodeDeployReference reference = deploy(environments);
        // Every read stalls after its headers until the watch is cancelled.
        sim.faults().forNextRequests(10, Fault.stalledBody(), PeEndpoint.DEPLOYS_STATUS);

        Watch watch = core.watch(session, client.urls(), reference, sink, TextMask.NONE);
        scheduler.runNextDespiteAnswersAwaited();
        scheduler.awaitAnswerAwaited();
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sim.journal().count(PeEndpoint.DEPLOYS_STATUS) < CodeDeployWatch.STATUS_READS_IN_FLIGHT
                && System.nanoTime() < waitUntil) {
            Thread.onSpinWait(); // the reads reach the simulator (real time, bounded)
        }
        watch.cancel(false).get(20, TimeUnit.SECONDS);

        assertThat(sim.journal().count(PeEndpoint.DEPLOYS_STATUS))
                .as("reads sent while the first %s stalled", CodeDeployWatch.STATUS_READS_IN_FLIGHT)
                .isEqualTo(CodeDeployWatch.STATUS_READS_IN_FLIGHT);
        assertThat(watch.outcome().get().summary()).contains("cancelled");
    }
}
