package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.simulator.EnvironmentSpec;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.PlanJobScript;
import io.jenkins.plugins.puppetenterprise.simulator.PlanSpec;
import io.jenkins.plugins.puppetenterprise.simulator.ScriptedEvent;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The core end to end against the PE simulator over real HTTPS, with fast polls. */
class ExecutionCoreSimulatorTest {
    private PeSimulator sim;
    private PeClient client;
    private PeSession session;
    private ScheduledExecutorService threads;
    private ExecutionCore core;
    private final List<LogLine> lines = new CopyOnWriteArrayList<>();
    private final WatchSink sink = lines::add;

    @BeforeEach
    void start() {
        sim = PeSimulator.start();
        sim.addUser("deployer", "pw-canary-9d2", UserPermissions.all());
        PeServiceUrls urls = PeServiceUrls.of(
                null,
                sim.rbacUrl().toString(),
                sim.codeManagerUrl().toString(),
                sim.orchestratorUrl().toString(),
                sim.consoleUrl().toString());
        client = PeClient.builder(urls, PeCaBundle.fromPem(sim.caPem())).build();
        session = client.session(PeCredentials.token(sim.issueToken("deployer")));
        threads = WatchThreads.newScheduler(2);
        core = new ExecutionCore(
                WatchScheduler.of(threads),
                Clock.systemUTC(),
                new PollBackoff(Duration.ofMillis(5), Duration.ofMillis(20), 2, Duration.ofMillis(5)),
                Math::random);
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        client.close();
        sim.close();
    }

    @Test
    void deployOfTwoEnvironmentsOneFailing() throws Exception {
        sim.putEnvironment(EnvironmentSpec.named("production").instant());
        sim.putEnvironment(EnvironmentSpec.named("broken").instant().failingWith("Git authentication failed"));
        CodeDeployInput input = CodeDeployInput.builder()
                .environments(List.of("production", "broken"))
                .build();
        Submission submission = core.submitDeploy(session, "sim", input, sink).get(30, TimeUnit.SECONDS);
        assertThat(submission.isSubmitted()).isTrue();
        Outcome outcome = core.watch(session, client.urls(), submission.reference(), sink, TextMask.NONE)
                .outcome()
                .get(30, TimeUnit.SECONDS);
        assertThat(outcome.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(outcome.summary()).contains("1 of 2 environments failed").contains("broken");
        assertThat(lines)
                .extracting(LogLine::plainText)
                .anyMatch(l -> l.startsWith("production: deployed"))
                .anyMatch(l -> l.startsWith("broken: failed"));
    }

    @Test
    void planRunStreamsEventsAndResumedWatchFinishesTheSame() throws Exception {
        sim.addPlan(PlanSpec.named("app::deploy"));
        sim.scriptPlan(
                "app::deploy",
                PlanJobScript.succeeding(Duration.ofMillis(300))
                        .withEvents(
                                ScriptedEvent.outMessage(Duration.ofMillis(50), "canary done"),
                                ScriptedEvent.outMessage(Duration.ofMillis(150), "rollout done")));
        PlanRunInput input = PlanRunInput.builder().plan("app::deploy").build();
        Submission submission = core.submitPlanRun(session, client.urls(), "sim", input, "demo", sink)
                .get(30, TimeUnit.SECONDS);
        PlanRunReference ref = (PlanRunReference) submission.reference();
        assertThat(ref.planJob()).isNotNull();

        Outcome first = core.watch(session, client.urls(), ref, sink, TextMask.NONE)
                .outcome()
                .get(30, TimeUnit.SECONDS);
        List<LogLine> resumedLines = new CopyOnWriteArrayList<>();
        Outcome resumed = core.watch(session, client.urls(), ref, resumedLines::add, TextMask.NONE)
                .outcome()
                .get(30, TimeUnit.SECONDS);

        assertThat(first.verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(resumed.verdict()).isEqualTo(first.verdict());
        assertThat(resumed.result()).isEqualTo(first.result());
        assertThat(lines).extracting(LogLine::text).contains("[plan] canary done", "[plan] rollout done");
        assertThat(resumedLines).extracting(LogLine::text).contains("[plan] canary done", "[plan] rollout done");
    }
}
