package io.jenkins.plugins.puppetenterprise.jenkins;

import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.WEB01;
import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.WEB02;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import hudson.model.ParametersDefinitionProperty;
import hudson.model.PasswordParameterDefinition;
import hudson.util.Secret;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.job.JobScript;
import io.jenkins.plugins.puppetenterprise.simulator.job.NodeScript;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A {@code puppetRun} wait survives a controller restart: the job ends while Jenkins is down; a
 * {@code puppetTask} wait resumed after one still masks a sensitive value Pipeline knows.
 */
class JobRestartJenkinsTest {
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void puppetRunWaitResumesAfterRestartAndReportsTheNodes() throws Throwable {
        try (SimulatedPeJenkinsFixture sim = new SimulatedPeJenkinsFixture()) {
            String[] job = new String[1];
            sessions.then(r -> {
                sim.configure(r);
                sim.scriptFirstNodeDoneOthersRunning();
                WorkflowJob p = r.createProject(WorkflowJob.class, "p");
                p.setDefinition(new CpsFlowDefinition(
                        "def run = puppetRun nodes: ['" + WEB01 + "', '" + WEB02 + "']\n"
                                + "echo \"verdict=${run.verdict} job=${run.job} state=${run.state}"
                                + " finished=${run.counts.finished}\"",
                        true));
                WorkflowRun b = p.scheduleBuild2(0).waitForStart();
                // logged by the watch, after the job's name was saved with the step
                r.waitForMessage(JobStepsJenkinsTest.web01Finished("puppet run"), b);
                // the last event id is saved just after its line is logged
                Thread.sleep(2_000);
                assertThat(b.isBuilding()).isTrue();
                job[0] = JobStepsJenkinsTest.startedJob(b, sim);
            });
            assertThat(sim.pe.jobState(job[0])).contains("running");
            sim.finishJobs();
            sessions.then(r -> {
                WorkflowRun b =
                        r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
                r.assertBuildStatusSuccess(r.waitForCompletion(b));

                r.assertLogContains("Resuming the wait for Puppet run job " + job[0] + " after a Jenkins restart.", b);
                r.assertLogContains("verdict=SUCCESS job=" + job[0] + " state=finished finished=2", b);
                assertThat(JenkinsRule.getLog(b)
                                .split(Pattern.quote(JobStepsJenkinsTest.web01Finished("puppet run")), -1))
                        .as("node lines are not repeated after the restart")
                        .hasSize(2);
                r.assertLogContains("  " + WEB02 + ": finished - Finished puppet run on " + WEB02, b);
                assertThat(b.getAction(PeSummaryAction.class).getRecords())
                        .singleElement()
                        .extracting(PeOperationRecord::getStatus)
                        .isEqualTo("finished");
                assertThat(sim.pe.journal().count(PeEndpoint.DEPLOY_COMMAND))
                        .as("never submitted again")
                        .isEqualTo(1);
                assertThat(JenkinsRule.getLog(b)).doesNotContain(sim.token);
            });
        }
    }

    @Test
    void aPuppetRunResumedAfterARestartListsOnTheBuildPageTheNodesThatEndedBeforeIt() throws Throwable {
        try (SimulatedPeJenkinsFixture sim = new SimulatedPeJenkinsFixture()) {
            sessions.then(r -> {
                sim.configure(r);
                sim.scriptFirstNodeDoneOthersRunning();
                WorkflowJob p = r.createProject(WorkflowJob.class, "p");
                p.setDefinition(new CpsFlowDefinition("puppetRun nodes: ['" + WEB01 + "', '" + WEB02 + "']", true));
                WorkflowRun b = p.scheduleBuild2(0).waitForStart();
                r.waitForMessage(JobStepsJenkinsTest.web01Finished("puppet run"), b);
                // the last event id is saved just after its line is logged
                Thread.sleep(2_000);
                assertThat(b.isBuilding()).isTrue();
            });
            sessions.then(r -> {
                WorkflowRun b =
                        r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
                // the resumed watch's first poll reads the job's node list once; no event of WEB01 comes again
                PeOperationRecord running = null;
                for (int i = 0; i < 300 && running == null; i++) {
                    // the action is made again when the step resumes, and the nodes are told one by one
                    PeSummaryAction action = b.getAction(PeSummaryAction.class);
                    List<PeOperationRecord> shown = action == null ? List.of() : action.getRecords();
                    if (shown.size() == 1 && shown.get(0).getNodes().size() == 2) {
                        running = shown.get(0);
                    } else {
                        Thread.sleep(200);
                    }
                }
                assertThat(running)
                        .as("the running record lists nodes after the restart")
                        .isNotNull();
                assertThat(running.getStatus()).isEqualTo("running");
                assertThat(running.getNodes())
                        .extracting(PeNodeRecord::getName, PeNodeRecord::getState)
                        .containsExactlyInAnyOrder(tuple(WEB01, "finished"), tuple(WEB02, "running"));
                assertThat(running.getNodes())
                        .filteredOn(node -> node.getName().equals(WEB01))
                        .singleElement()
                        .extracting(PeNodeRecord::getReportUrl)
                        .asString()
                        .startsWith(sim.pe.consoleUrl() + "/#/cm/report/");
                assertThat(running.getDetails()).contains("1 finished").contains("1 running");

                sim.finishJobs();
                r.assertBuildStatusSuccess(r.waitForCompletion(b));
                assertThat(JenkinsRule.getLog(b)
                                .split(Pattern.quote(JobStepsJenkinsTest.web01Finished("puppet run")), -1))
                        .as("the node list read on resume adds no log lines")
                        .hasSize(2);
            });
        }
    }

    @Test
    void aTaskWaitResumedAfterARestartMasksAPasswordParameterThePipelinePassedOn() throws Throwable {
        String pin = "resumed-pin-Vb72kQ";
        try (SimulatedPeJenkinsFixture sim = new SimulatedPeJenkinsFixture()) {
            String[] job = new String[1];
            sessions.then(r -> {
                sim.configure(r);
                sim.pe.scriptNextJob(JobScript.allFinishing(SimulatedPeJenkinsFixture.JOB_RUNS_FOR)
                        .node(WEB01, NodeScript.finishing(Duration.ZERO))
                        .node(
                                WEB02,
                                NodeScript.finishing(SimulatedPeJenkinsFixture.JOB_RUNS_FOR)
                                        .withMessage("rotated with " + pin)
                                        .withTaskResult(Map.of("echo", pin))));
                WorkflowJob p = r.createProject(WorkflowJob.class, "t");
                p.addProperty(new ParametersDefinitionProperty(
                        new PasswordParameterDefinition("PE_PIN", Secret.fromString(pin), "")));
                p.setDefinition(new CpsFlowDefinition(
                        "def task = puppetTask task: '" + SimulatedPeJenkinsFixture.TASK + "', nodes: ['" + WEB01
                                + "', '" + WEB02 + "'],\n"
                                + "    parameters: [value(name: 'service', value: 'nginx'),"
                                + " value(name: 'secret', value: env.PE_PIN)]\n"
                                + "echo \"verdict=${task.verdict} nodes=${task.nodes}\"",
                        true));
                WorkflowRun b = p.scheduleBuild2(0).waitForStart();
                r.waitForMessage(JobStepsJenkinsTest.web01Finished("task " + SimulatedPeJenkinsFixture.TASK), b);
                Thread.sleep(2_000);
                assertThat(b.isBuilding()).isTrue();
                job[0] = JobStepsJenkinsTest.startedJob(b, sim);
            });
            sim.finishJobs();
            sessions.then(r -> {
                WorkflowRun b =
                        r.jenkins.getItemByFullName("t", WorkflowJob.class).getBuildByNumber(1);
                r.assertBuildStatusSuccess(r.waitForCompletion(b));

                r.assertLogContains("Resuming the wait for", b);
                r.assertLogContains("  " + WEB02 + ": finished - rotated with ****", b);
                r.assertLogContains("verdict=SUCCESS", b);
                assertThat(JenkinsRule.getLog(b)).doesNotContain(pin);
                assertThat(b.getAction(PeSummaryAction.class).getRecords())
                        .singleElement()
                        .satisfies(record ->
                                assertThat(String.valueOf(record.getDetails())).doesNotContain(pin));
                assertThat(sim.pe.journal().count(PeEndpoint.TASK_COMMAND)).isEqualTo(1);
            });
        }
    }
}
