package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.core.deploy.CodeDeployInput;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.deploy.EnvironmentSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Code Manager that answers {@code GET /deploys/status?id=} with the whole status object. The
 * deploy is never listed in a queue (it is instant), so only its staging date can tell, compared
 * with PE's clock at the submission: the {@code Date} header of PE's answer to the deploy request.
 * The simulator's {@code Date} is the real time (the JDK's HTTP server sets it), so the simulated
 * PE's clock is set a day after or before it, and Jenkins' clock ten days after: a test that
 * compared with Jenkins' clock would wait in vain.
 */
class DeployStatusWithoutIdFilterTest {
    private static final Duration WAIT = Duration.ofMinutes(2);

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private PeSimulator sim;
    private PeClient client;

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    private Outcome deployWith(Duration peClockAheadOfTheRealTime) throws Exception {
        Instant now = Instant.now();
        sim = PeSimulator.start(new FakeClock(now.plus(peClockAheadOfTheRealTime)));
        sim.addUser("deployer", "pw-full-status", UserPermissions.deployer());
        sim.putEnvironment(EnvironmentSpec.named("production").instant());
        sim.deployStatusIgnoresIdFilter(true);
        PeServiceUrls urls = PeServiceUrls.of(
                null,
                sim.rbacUrl().toString(),
                sim.codeManagerUrl().toString(),
                sim.orchestratorUrl().toString(),
                sim.consoleUrl().toString());
        client = PeClient.builder(urls, PeCaBundle.fromPem(sim.caPem())).build();
        PeSession session = client.session(PeCredentials.token(sim.issueToken("deployer")));
        FakeClock jenkinsClock = new FakeClock(now.plus(Duration.ofDays(10)));
        ManualWatchScheduler scheduler = new ManualWatchScheduler(jenkinsClock);
        ExecutionCore core = new ExecutionCore(scheduler, jenkinsClock, PollBackoff.DEFAULT, () -> 0.5);
        WatchSink sink = line -> lines.add(line.plainText());

        Submission submission = core.submitDeploy(
                        session,
                        "sim",
                        CodeDeployInput.builder()
                                .environments(List.of("production"))
                                .waitTimeout(WAIT)
                                .build(),
                        sink)
                .get(20, TimeUnit.SECONDS);
        Watch watch = core.watch(session, client.urls(), submission.reference(), sink, TextMask.NONE);
        scheduler.runUntil(watch.outcome());
        return watch.outcome().get(20, TimeUnit.SECONDS);
    }

    @Test
    void aDeployStagedAfterTheSubmissionOnPesClockIsDeployedAndSynced() throws Exception {
        Outcome outcome = deployWith(Duration.ofDays(1));

        assertThat(outcome.verdict()).as(outcome.summary()).isEqualTo(Verdict.SUCCESS);
        @SuppressWarnings("unchecked")
        Map<String, Object> production =
                (Map<String, Object>) ((Map<String, Object>) outcome.result().get("environments")).get("production");
        assertThat(production).containsEntry("status", "synced").containsKey("deploySignature");
        assertThat(sim.journal().entries(PeEndpoint.DEPLOYS_STATUS))
                .as("the whole status came with the id reads; none read without an id")
                .allSatisfy(e -> assertThat(e.query()).startsWith("id="));
    }

    @Test
    void aDeployStagedOnlyBeforeTheSubmissionIsNotTakenAsDoneAndTheWordsSaySo() throws Exception {
        Outcome outcome = deployWith(Duration.ofDays(-1));

        assertThat(outcome.verdict()).as(outcome.summary()).isEqualTo(Verdict.FAILURE);
        assertThat(outcome.summary())
                .contains("Gave up waiting", "Last seen: production: Code Manager answered")
                .contains("nor has file sync staged production since");
        assertThat(lines)
                .filteredOn(l -> l.contains("ignored the id"))
                .as("said once, not at every poll")
                .hasSize(1)
                .allSatisfy(l -> assertThat(l)
                        .contains("nor has file sync staged production since")
                        .endsWith("Still waiting."));
        assertThat(lines).noneMatch(l -> l.contains("forgotten"));
    }
}
