package io.jenkins.plugins.puppetenterprise.jenkins;

import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.PLAN;
import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.PLAN_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PlanJobSnapshot;
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
}
