package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.core.ExecutionCore;
import io.jenkins.plugins.puppetenterprise.core.PollBackoff;
import io.jenkins.plugins.puppetenterprise.core.Submission;
import io.jenkins.plugins.puppetenterprise.core.WatchScheduler;
import io.jenkins.plugins.puppetenterprise.core.WatchSink;
import io.jenkins.plugins.puppetenterprise.core.WatchThreads;
import io.jenkins.plugins.puppetenterprise.core.deploy.CodeDeployInput;
import io.jenkins.plugins.puppetenterprise.core.job.JobInput;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanRunInput;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.job.JobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobSnapshot;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A build stopped while its submission was in flight: when PE later accepts the work, a plan or a
 * Puppet run is stopped (or said to run on), over real HTTPS against the simulator.
 */
class AbandonedSubmissionTest {
    private static final String PLAN = "app::deploy";
    private static final String WEB01 = "web01.example.com";

    private final FakeClock clock = new FakeClock();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final WatchSink sink = line -> log.add(line.plainText());
    private PeSimulator pe;
    private PeClient client;
    private PeSession session;
    private PeServiceUrls urls;
    private ScheduledExecutorService threads;
    private ExecutionCore core;

    @BeforeEach
    void start() {
        pe = PeSimulator.start(clock);
        pe.addUser("deployer", "pw-unused-7c1", UserPermissions.deployer());
        pe.addPlan(PlanSpec.named(PLAN));
        pe.scriptPlan(PLAN, PlanJobScript.succeeding(Duration.ofMinutes(10)));
        pe.addNode(WEB01, "production");
        pe.scriptJobs(JobScript.allFinishing(Duration.ofMinutes(10)));
        urls = PeServiceUrls.of(
                null,
                pe.rbacUrl().toString(),
                pe.codeManagerUrl().toString(),
                pe.orchestratorUrl().toString(),
                pe.consoleUrl().toString());
        client = PeClient.builder(urls, PeCaBundle.fromPem(pe.caPem())).build();
        session = client.session(PeCredentials.token(pe.issueToken("deployer")));
        threads = WatchThreads.newScheduler(1);
        core = new ExecutionCore(WatchScheduler.of(threads), Clock.systemUTC(), PollBackoff.DEFAULT, () -> 0.5);
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        client.close();
        pe.close();
    }

    private CompletableFuture<Submission> submitPlan(String plan) {
        PlanRunInput input = PlanRunInput.builder()
                .plan(plan)
                .waitTimeout(Duration.ofMinutes(30))
                .build();
        return core.submitPlanRun(session, urls, "production", input, "Jenkins job #1", sink);
    }

    private CompletableFuture<String> settleWhenAccepted(String plan, boolean stopWork) {
        return settleWhenAccepted(() -> submitPlan(plan), stopWork);
    }

    private CompletableFuture<String> settleWhenAccepted(
            Supplier<CompletableFuture<Submission>> submit, boolean stopWork) {
        CompletableFuture<Submission> inFlight = new CompletableFuture<>();
        CompletableFuture<String> words = AbandonedSubmission.settle(
                inFlight, stopWork, (reference, mask) -> core.watch(session, urls, reference, sink, mask), sink);
        assertThat(words).as("nothing happens before PE answers").isNotDone();
        submit.get().whenComplete((submission, failure) -> {
            if (failure != null) {
                inFlight.completeExceptionally(failure);
            } else {
                inFlight.complete(submission);
            }
        });
        return words;
    }

    private static String await(CompletableFuture<String> words) throws Exception {
        return words.get(30, TimeUnit.SECONDS);
    }

    private PlanJobSnapshot onlyPlanJob() {
        assertThat(pe.planJobs()).hasSize(1);
        return pe.planJobs().get(0);
    }

    @Test
    void planAcceptedAfterTheStopIsStopped() throws Exception {
        String words = await(settleWhenAccepted(PLAN, true));

        PlanJobSnapshot job = onlyPlanJob();
        assertThat(pe.journal().count(PeEndpoint.STOP_PLAN)).isEqualTo(1);
        assertThat(pe.journal().count(PeEndpoint.PLAN_RUN))
                .as("never submitted again")
                .isEqualTo(1);
        assertThat(job.state()).isEqualTo("failure");
        assertThat(words).contains("Asked PE to stop plan job " + job.name());
        assertThat(log).contains(words);
    }

    @Test
    void puppetRunAcceptedAfterTheStopIsStopped() throws Exception {
        String words = await(settleWhenAccepted(
                () -> core.submitJob(
                        session,
                        urls,
                        "production",
                        JobInput.puppetRun().nodes(List.of(WEB01)).build(),
                        "Jenkins job #1",
                        sink),
                true));

        assertThat(pe.journal().count(PeEndpoint.DEPLOY_COMMAND))
                .as("never submitted again")
                .isEqualTo(1);
        assertThat(pe.journal().count(PeEndpoint.STOP_JOB)).isEqualTo(1);
        assertThat(words).containsPattern("Asked PE to stop job \\d+");
        String job = words.replaceAll("(?s).*Asked PE to stop job (\\d+).*", "$1");
        assertThat(pe.jobState(job).orElseThrow())
                .as("its running node finishes first")
                .isIn("stopping", "stopped");
        assertThat(log).contains(words);
    }

    @Test
    void planAcceptedAfterTheStopRunsOnWhenNotToBeStopped() throws Exception {
        String words = await(settleWhenAccepted(PLAN, false));

        PlanJobSnapshot job = onlyPlanJob();
        assertThat(pe.journal().count(PeEndpoint.STOP_PLAN)).isZero();
        assertThat(job.state()).isIn("pending", "running");
        assertThat(words).contains("keeps running in PE").contains(job.name());
        assertThat(log).contains(words);
    }

    @Test
    void tooOldToStopPlansIsSaid() throws Exception {
        pe.stopPlanAvailable(false);

        String words = await(settleWhenAccepted(PLAN, true));

        assertThat(onlyPlanJob().state()).isIn("pending", "running");
        assertThat(words).containsIgnoringCase("stop");
        assertThat(words).doesNotContain("Asked PE to stop");
        assertThat(log).contains(words);
    }

    @Test
    void workPeRefusedNeedsNoStop() throws Exception {
        String words = await(settleWhenAccepted("no::such_plan", true));

        assertThat(pe.planJobs()).isEmpty();
        assertThat(pe.journal().count(PeEndpoint.STOP_PLAN)).isZero();
        assertThat(words).contains("no::such_plan");
        assertThat(log).contains(words);
    }

    @Test
    void deploysAcceptedAfterTheStopRunOnBecausePeCannotCancelThem() throws Exception {
        CodeDeployInput input = CodeDeployInput.builder()
                .environments(List.of("production"))
                .waitTimeout(Duration.ofMinutes(5))
                .build();

        String words = await(AbandonedSubmission.settle(
                core.submitDeploy(session, "production", input, sink),
                true,
                (reference, mask) -> core.watch(session, urls, reference, sink, mask),
                sink));

        assertThat(words).contains("PE cannot cancel code deploys").contains("production");
        assertThat(pe.journal().count(PeEndpoint.DEPLOYS)).isEqualTo(1);
    }
}
