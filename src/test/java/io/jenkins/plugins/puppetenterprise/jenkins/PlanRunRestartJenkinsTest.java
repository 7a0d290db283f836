package io.jenkins.plugins.puppetenterprise.jenkins;

import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.PASSWORD_ID;
import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.PLAN;
import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.PLAN_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.puppetenterprise.simulator.Fault;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** A plan wait survives a controller restart: the plan ends while Jenkins is down or resuming. */
class PlanRunRestartJenkinsTest {
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void waitResumesAfterRestartAndReportsTheResult() throws Throwable {
        try (SimulatedPeJenkinsFixture sim = new SimulatedPeJenkinsFixture()) {
            sessions.then(r -> {
                sim.configure(r);
                WorkflowJob job = r.createProject(WorkflowJob.class, "p");
                job.setDefinition(new CpsFlowDefinition(
                        "def run = puppetPlanRun plan: '" + PLAN + "'\n"
                                + "echo \"state=${run.state} planJob=${run.planJob} output=${run.result.output}\"",
                        true));
                WorkflowRun b = job.scheduleBuild2(0).waitForStart();
                // the event is logged by the watch, after the plan job's name was saved with the step
                r.waitForMessage(PLAN_EVENT, b);
                assertThat(b.isBuilding()).isTrue();
            });
            PlanJobSnapshot running = sim.pe.planJobs().get(0);
            assertThat(running.state()).isEqualTo("running");
            sim.finishPlanJobs();
            sessions.then(r -> {
                WorkflowRun b =
                        r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
                r.assertBuildStatusSuccess(r.waitForCompletion(b));

                r.assertLogContains("Resuming the wait for plan job " + running.name(), b);
                r.assertLogContains("state=success planJob=" + running.name() + " output=done", b);
                assertThat(JenkinsRule.getLog(b).split(PLAN_EVENT, -1))
                        .as("events are not repeated after the restart")
                        .hasSize(2);
                assertThat(b.getAction(PeSummaryAction.class).getRecords())
                        .singleElement()
                        .extracting(PeOperationRecord::getStatus)
                        .isEqualTo("success");
                assertThat(sim.pe.journal().count(PeEndpoint.PLAN_RUN))
                        .as("never submitted again")
                        .isEqualTo(1);
                assertThat(JenkinsRule.getLog(b)).doesNotContain(sim.token);
            });
        }
    }

    @Test
    void resumeAfterTheInstallationWasRemovedFailsTheBuildInsteadOfHanging() throws Throwable {
        try (SimulatedPeJenkinsFixture sim = new SimulatedPeJenkinsFixture()) {
            sessions.then(r -> {
                sim.configure(r);
                WorkflowJob job = r.createProject(WorkflowJob.class, "p");
                job.setDefinition(new CpsFlowDefinition("puppetPlanRun plan: '" + PLAN + "'", true));
                WorkflowRun b = job.scheduleBuild2(0).waitForStart();
                r.waitForMessage(PLAN_EVENT, b);
                PuppetEnterpriseConfiguration.get().setInstallations(List.of());
            });
            sessions.then(r -> {
                WorkflowRun b =
                        r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
                r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
                r.assertLogContains("may still be running in PE", b);
                assertThat(sim.pe.journal().count(PeEndpoint.PLAN_RUN))
                        .as("never submitted again")
                        .isEqualTo(1);
            });
        }
    }

    @Test
    void aFolderRestrictionAddedWhileTheStepWaitedHoldsWhenItResumes() throws Throwable {
        try (SimulatedPeJenkinsFixture sim = new SimulatedPeJenkinsFixture()) {
            sessions.then(r -> {
                sim.configure(r);
                WorkflowJob job = r.createProject(WorkflowJob.class, "p");
                job.setDefinition(new CpsFlowDefinition("puppetPlanRun plan: '" + PLAN + "'", true));
                WorkflowRun b = job.scheduleBuild2(0).waitForStart();
                r.waitForMessage(PLAN_EVENT, b);
                PeInstallation installation =
                        PuppetEnterpriseConfiguration.get().getInstallations().get(0);
                installation.setAllowedFolders(List.of("release-team"));
                PuppetEnterpriseConfiguration.get().setInstallations(List.of(installation));
            });
            sessions.then(r -> {
                WorkflowRun b =
                        r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
                r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
                r.assertLogContains("may only be used by jobs in the folders release-team", b);
                r.assertLogContains("may still be running in PE", b);
                assertThat(sim.pe.journal().count(PeEndpoint.PLAN_RUN))
                        .as("never submitted again")
                        .isEqualTo(1);
            });
        }
    }

    @Test
    void aTimeoutThatRanOutWhileJenkinsWasDownEndsTheStepAndStopsThePlan() throws Throwable {
        try (SimulatedPeJenkinsFixture sim = new SimulatedPeJenkinsFixture()) {
            Instant[] deadline = new Instant[1];
            sessions.then(r -> {
                sim.configure(r);
                WorkflowJob job = r.createProject(WorkflowJob.class, "p");
                job.setDefinition(new CpsFlowDefinition(
                        "timeout(time: 20, unit: 'SECONDS') {\n  puppetPlanRun plan: '" + PLAN + "'\n}", true));
                deadline[0] = Instant.now().plusSeconds(20);
                WorkflowRun b = job.scheduleBuild2(0).waitForStart();
                r.waitForMessage(PLAN_EVENT, b);
            });
            // Jenkins is down while the timeout runs out: on load, timeout stops the body before it resumes
            Thread.sleep(
                    Math.max(0, Duration.between(Instant.now(), deadline[0]).toMillis()) + 2_000);
            sessions.then(r -> {
                WorkflowRun b =
                        r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
                r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
                r.assertLogContains("Timeout has been exceeded", b);
                r.assertLogNotContains("Body did not finish within grace period", b);
                assertThat(sim.pe.journal().count(PeEndpoint.STOP_PLAN))
                        .as("the plan is stopped, as stopOnAbort asks")
                        .isEqualTo(1);
            });
        }
    }

    @Test
    void aStepThatDoesNotWaitDeliversItsValueAfterARestartWithoutWaiting() throws Throwable {
        try (SimulatedPeJenkinsFixture sim = new SimulatedPeJenkinsFixture()) {
            sessions.then(r -> {
                sim.configure(r);
                // the minted token's revocation is what the step's value waits for: hold it up
                sim.pe.faults().forNextRequests(1, Fault.delay(Duration.ofSeconds(30)), PeEndpoint.REVOKE_TOKENS);
                WorkflowJob job = r.createProject(WorkflowJob.class, "p");
                job.setDefinition(new CpsFlowDefinition(
                        "def run = puppetPlanRun plan: '" + PLAN + "', wait: false, credentialsId: '" + PASSWORD_ID
                                + "'\necho \"state=${run.state} planJob=${run.planJob}\"",
                        true));
                WorkflowRun b = job.scheduleBuild2(0).waitForStart();
                // the summary is recorded just before the step hands over its value (after the revocation)
                while (b.getAction(PeSummaryAction.class) == null) {
                    Thread.sleep(100);
                }
                assertThat(b.isBuilding()).isTrue();
            });
            sessions.then(r -> {
                WorkflowRun b =
                        r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
                // the plan never ends (the simulator's clock stands still): a watch would never finish
                r.assertBuildStatusSuccess(r.waitForCompletion(b));
                String planJob = sim.pe.planJobs().get(0).name();
                r.assertLogContains("planJob=" + planJob, b);
                assertThat(sim.pe.planJobs().get(0).state()).isEqualTo("running");
                assertThat(sim.pe.journal().count(PeEndpoint.PLAN_RUN)).isEqualTo(1);
            });
        }
    }
}
