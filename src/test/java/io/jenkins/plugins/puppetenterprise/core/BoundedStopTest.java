package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.RetryPolicy;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanRunInput;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.Fault;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An abort's stop waits for PE at most {@link ExecutionCore#STOP_WAIT}, on the watch's clock. */
class BoundedStopTest {
    private static final String PLAN = "app::deploy";

    private final FakeClock clock = new FakeClock();
    private final List<LogLine> lines = new CopyOnWriteArrayList<>();
    private PeSimulator sim;
    private PeClient client;
    private ManualWatchScheduler scheduler;
    private ExecutionCore core;
    private PeSession session;

    @BeforeEach
    void start() {
        sim = PeSimulator.start(clock);
        sim.addUser("deployer", "pw", UserPermissions.deployer());
        sim.addPlan(PlanSpec.named(PLAN));
        sim.scriptPlan(PLAN, PlanJobScript.succeeding(Duration.ofMinutes(3)));
        PeServiceUrls urls = PeServiceUrls.of(
                null,
                sim.rbacUrl().toString(),
                sim.codeManagerUrl().toString(),
                sim.orchestratorUrl().toString(),
                sim.consoleUrl().toString());
        client = PeClient.builder(urls, PeCaBundle.fromPem(sim.caPem()))
                .retryPolicy(RetryPolicy.NONE)
                .build();
        scheduler = new ManualWatchScheduler(clock);
        core = new ExecutionCore(scheduler, clock, PollBackoff.DEFAULT, () -> 0.5);
        session = client.session(PeCredentials.token(sim.issueToken("deployer", Duration.ofDays(1))));
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    private Watch watchedPlan() throws Exception {
        Submission submission = core.submitPlanRun(
                        session,
                        client.urls(),
                        "sim",
                        PlanRunInput.builder().plan(PLAN).build(),
                        "stop test",
                        lines::add)
                .get(20, TimeUnit.SECONDS);
        return core.watch(session, client.urls(), submission.reference(), lines::add, submission.mask());
    }

    @Test
    void aStopPeDoesNotConfirmEndsAfterTheStopWaitSayingThePlanMayStillRun() throws Exception {
        Watch watch = watchedPlan();
        // PE takes its time over stop_plan (real time, far beyond the fake clock's 30 s)
        sim.faults().forNextRequests(1, Fault.delay(Duration.ofSeconds(5)), PeEndpoint.STOP_PLAN);
        Instant asked = clock.instant();

        CompletableFuture<String> words = core.cancelWithinStopWait(watch, true, lines::add);
        scheduler.runUntil(words);

        assertThat(words.get(20, TimeUnit.SECONDS))
                .startsWith("PE did not confirm within 30 s that it stopped plan job ")
                .endsWith("it may still be running in PE.");
        assertThat(Duration.between(asked, clock.instant())).isEqualTo(ExecutionCore.STOP_WAIT);
        assertThat(lines).extracting(LogLine::plainText).contains(words.get());
    }

    @Test
    void aStopPeConfirmsInTimeSaysWhatPeAnswered() throws Exception {
        Watch watch = watchedPlan();

        CompletableFuture<String> words = core.cancelWithinStopWait(watch, true, lines::add);

        // PE answers at once (the manual scheduler never runs the 30 s timer meanwhile)
        assertThat(words.get(20, TimeUnit.SECONDS)).startsWith("Asked PE to stop plan job ");
        assertThat(sim.journal().count(PeEndpoint.STOP_PLAN)).isEqualTo(1);
    }
}
