package io.jenkins.plugins.puppetenterprise.jenkins;

import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.TASK;
import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.WEB01;
import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.WEB02;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import hudson.model.Computer;
import hudson.model.Result;
import io.jenkins.plugins.puppetenterprise.simulator.JournalEntry;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.job.JobScript;
import io.jenkins.plugins.puppetenterprise.simulator.job.NodeScript;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** {@code puppetRun} and {@code puppetTask}, Scripted and Declarative, against the PE simulator over real HTTPS. */
@WithJenkins
class JobStepsJenkinsTest {
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static final Pattern STARTED_JOB = Pattern.compile("Started (?:Puppet run|task) job (\\d+)");
    /** A task parameter value the metadata marks sensitive; the task's result echoes it. */
    private static final String SECRET = "rotation-secret-5c1d";

    @RegisterExtension
    private final SimulatedPeJenkinsFixture sim = new SimulatedPeJenkinsFixture();

    private WorkflowJob pipeline(JenkinsRule r, String script) throws Exception {
        sim.configure(r);
        WorkflowJob job = r.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    /** The job's name as the build log reports it, checked against the simulator's jobs. */
    static String startedJob(WorkflowRun b, SimulatedPeJenkinsFixture sim) throws Exception {
        Matcher started = STARTED_JOB.matcher(JenkinsRule.getLog(b));
        assertThat(started.find()).as("the log names the started job").isTrue();
        String job = started.group(1);
        assertThat(sim.pe.jobState(job)).as("PE knows job " + job).isPresent();
        return job;
    }

    /** The line the watch logs when {@link SimulatedPeJenkinsFixture#WEB01} ended: the step follows the job. */
    static String web01Finished(String what) {
        return "  " + WEB01 + ": finished - Finished " + what + " on " + WEB01 + " - Success!";
    }

    private static String nodesArgument() {
        return "nodes: ['" + WEB01 + "', '" + WEB02 + "']";
    }

    private void assertNoSecretIn(WorkflowRun b) throws Exception {
        assertThat(JenkinsRule.getLog(b)).doesNotContain(sim.token).doesNotContain(sim.password);
    }

    @Test
    void puppetRunWaitsWithoutAnExecutorReturnsTheValueAndLogsEachNode(JenkinsRule r) throws Exception {
        sim.scriptFirstNodeDoneOthersRunning();
        WorkflowJob job = pipeline(
                r,
                "def run = puppetRun " + nodesArgument() + "\n"
                        + "echo \"verdict=${run.verdict} kind=${run.kind} job=${run.job} state=${run.state}"
                        + " finished=${run.counts.finished} nodes=${run.nodes.size()} url=${run.url}\"\n"
                        + "echo \"message=${run.message}\"");

        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage(web01Finished("puppet run"), b);
        assertThat(b.isBuilding()).isTrue();
        for (Computer computer : r.jenkins.getComputers()) {
            assertThat(computer.countBusy())
                    .as("executors busy on %s while the step waits", computer.getDisplayName())
                    .isZero();
        }
        sim.finishJobs();
        r.assertBuildStatusSuccess(r.waitForCompletion(b));

        String name = startedJob(b, sim);
        assertThat(sim.pe.jobState(name)).contains("finished");
        r.assertLogContains(web01Finished("puppet run"), b);
        r.assertLogContains(web01Finished("puppet run").replace(WEB01, WEB02), b);
        r.assertLogContains(
                "verdict=SUCCESS kind=puppetRun job=" + name + " state=finished finished=2 nodes=2 url=https://", b);
        r.assertLogContains("message=Puppet run job " + name + " succeeded on 2 nodes.", b);
        assertThat(sim.pe.journal().entries(PeEndpoint.DEPLOY_COMMAND))
                .singleElement()
                .extracting(JournalEntry::body)
                .asString()
                .contains(WEB01, WEB02);
        assertThat(b.getAction(PeSummaryAction.class).getRecords())
                .singleElement()
                .satisfies(record -> {
                    assertThat(record.getOperation()).isEqualTo("Puppet run");
                    assertThat(record.getTarget()).isEqualTo("Puppet run (job " + name + ")");
                    assertThat(record.getStatus()).isEqualTo("finished");
                    assertThat(record.getConsoleUrl())
                            .startsWith(sim.pe.consoleUrl().toString());
                    assertThat(record.getNodes())
                            .extracting(PeNodeRecord::getName)
                            .containsExactlyInAnyOrder(WEB01, WEB02);
                });
        assertNoSecretIn(b);
    }

    @Test
    void theBuildPageShowsTheRunningPuppetRunWithTheNodesThatEnded(JenkinsRule r) throws Exception {
        sim.scriptFirstNodeDoneOthersRunning();
        WorkflowJob job = pipeline(r, "puppetRun " + nodesArgument());

        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage(web01Finished("puppet run"), b);
        String name = startedJob(b, sim);
        assertThat(b.isBuilding()).isTrue();
        assertThat(b.getAction(PeSummaryAction.class).getRecords())
                .singleElement()
                .satisfies(record -> {
                    assertThat(record.getOperation()).isEqualTo("Puppet run");
                    assertThat(record.getTarget()).isEqualTo("Puppet run (job " + name + ")");
                    assertThat(record.getStatus()).isEqualTo("running");
                    assertThat(record.getConsoleUrl()).isEqualTo(sim.pe.consoleUrl() + "/#/run/jobs/" + name);
                    assertThat(record.getDetails()).contains("1 finished");
                    assertThat(record.getNodes())
                            .extracting(PeNodeRecord::getName, PeNodeRecord::getState)
                            .contains(tuple(WEB01, "finished"))
                            .doesNotContain(tuple(WEB02, "finished"));
                });
        String page = r.createWebClient().getPage(b).getWebResponse().getContentAsString();
        assertThat(page)
                .contains("Puppet run (job " + name + ")")
                .contains("<td>running</td>")
                .contains(WEB01);

        sim.finishJobs();
        r.assertBuildStatusSuccess(r.waitForCompletion(b));

        assertThat(b.getAction(PeSummaryAction.class).getRecords())
                .as("the outcome's record in place of the running one")
                .singleElement()
                .satisfies(record -> {
                    assertThat(record.getStatus()).isEqualTo("finished");
                    assertThat(record.getNodes())
                            .extracting(PeNodeRecord::getName)
                            .containsExactlyInAnyOrder(WEB01, WEB02);
                });
        assertThat(Files.readString(new File(b.getRootDir(), "build.xml").toPath(), StandardCharsets.UTF_8))
                .as("the running record is never saved")
                .doesNotContain("RunningJobRecord")
                .doesNotContain("<status>running</status>");
    }

    @Test
    void puppetRunWithAFailingNodeFailsTheBuildNamingIt(JenkinsRule r) throws Exception {
        sim.pe.scriptNextJob(JobScript.allFinishing(Duration.ZERO).node(WEB02, NodeScript.failing(Duration.ZERO)));
        WorkflowJob job = pipeline(r, "puppetRun " + nodesArgument());

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, job);

        String name = startedJob(b, sim);
        assertThat(JenkinsRule.getLog(b).lines().filter(line -> line.startsWith("ERROR: ")))
                .anySatisfy(line -> assertThat(line)
                        .contains("Puppet run job " + name + " finished with 1 of 2 nodes failing: " + WEB02
                                + " (failed)"));
        r.assertLogContains("  " + WEB02 + ": failed - Finished puppet run on " + WEB02 + " - Failed!", b);
        assertThat(b.getAction(PeSummaryAction.class).getRecords())
                .singleElement()
                .satisfies(record -> {
                    assertThat(record.getStatus()).isEqualTo("finished");
                    assertThat(record.getDetails()).contains("nodes failing: " + WEB02);
                    assertThat(record.getNodes()).first().satisfies(node -> {
                        assertThat(node.getName()).as("failed nodes first").isEqualTo(WEB02);
                        assertThat(node.getState()).isEqualTo("failed");
                    });
                });
    }

    @Test
    void puppetRunWithoutWaitReturnsTheJobAtOnce(JenkinsRule r) throws Exception {
        WorkflowJob job = pipeline(
                r,
                "def run = puppetRun " + nodesArgument() + ", wait: false\n"
                        + "echo \"verdict=${run.verdict} job=${run.job} state=${run.state} url=${run.url}\"");

        WorkflowRun b = r.buildAndAssertSuccess(job);

        String name = startedJob(b, sim);
        r.assertLogContains("verdict=SUCCESS job=" + name + " state=submitted url=https://", b);
        r.assertLogContains("Started Puppet run job " + name + "; not waiting for it.", b);
        assertThat(sim.pe.jobState(name))
                .as("the clock stands still: the job runs on")
                .contains("running");
        assertThat(sim.pe.journal().count(PeEndpoint.JOB_EVENTS)
                        + sim.pe.journal().count(PeEndpoint.JOB_NODES))
                .as("not followed")
                .isZero();
        assertThat(sim.pe.journal().count(PeEndpoint.DEPLOY_COMMAND)).isEqualTo(1);
    }

    @Test
    void abortStopsTheJobWithoutForce(JenkinsRule r) throws Exception {
        sim.scriptFirstNodeDoneOthersRunning();
        WorkflowJob job = pipeline(r, "puppetRun " + nodesArgument());

        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage(web01Finished("puppet run"), b);
        b.getExecutor().interrupt();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        String name = startedJob(b, sim);
        assertThat(sim.pe.journal().entries(PeEndpoint.STOP_JOB))
                .singleElement()
                .extracting(JournalEntry::body)
                .asString()
                .contains("\"" + name + "\"")
                .doesNotContain("force");
        assertThat(sim.pe.jobState(name)).contains("stopping");
        r.assertLogContains(
                "Asked PE to stop job " + name
                        + "; nodes not started yet are not started, nodes already running finish first.",
                b);
    }

    @Test
    void abortWithForceStopEndsRunningNodesAtOnce(JenkinsRule r) throws Exception {
        sim.scriptFirstNodeDoneOthersRunning();
        WorkflowJob job = pipeline(r, "puppetRun " + nodesArgument() + ", forceStop: true");

        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage(web01Finished("puppet run"), b);
        b.getExecutor().interrupt();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        String name = startedJob(b, sim);
        assertThat(sim.pe.journal().entries(PeEndpoint.STOP_JOB))
                .singleElement()
                .extracting(JournalEntry::body)
                .asString()
                .contains("\"force\":true");
        assertThat(sim.pe.jobState(name)).contains("stopped");
        r.assertLogContains(
                "Asked PE to stop job " + name + " with force: nodes not started yet are not started, and nodes"
                        + " still running (1 when asked) are to be ended at once (PE 2021.7 and later; PE's answer"
                        + " does not confirm it",
                b);
    }

    @Test
    void abortWithStopOnAbortFalseLeavesTheJobRunning(JenkinsRule r) throws Exception {
        sim.scriptFirstNodeDoneOthersRunning();
        WorkflowJob job = pipeline(r, "puppetRun " + nodesArgument() + ", stopOnAbort: false");

        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage(web01Finished("puppet run"), b);
        b.getExecutor().interrupt();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        String name = startedJob(b, sim);
        assertThat(sim.pe.journal().count(PeEndpoint.STOP_JOB)).isZero();
        assertThat(sim.pe.jobState(name)).contains("running");
        r.assertLogContains("Puppet run job " + name + " keeps running in PE", b);
    }

    @Test
    void puppetTaskMasksTheSensitiveParameterAndReturnsEachNodesResult(JenkinsRule r) throws Exception {
        sim.pe.scriptNextJob(JobScript.allNodes(NodeScript.finishing(Duration.ZERO)
                .withTaskResult(Map.of("_output", "rotated nginx with " + SECRET))
                .withMessage("Rotated with " + SECRET)));
        WorkflowJob job = pipeline(
                r,
                "def t = puppetTask task: '" + TASK + "', " + nodesArgument()
                        + ", parameters: [value(name: 'service', value: 'nginx'),"
                        + " json(name: 'secret', value: '\"" + SECRET + "\"')]\n"
                        + "echo \"verdict=${t.verdict} kind=${t.kind} task=${t.task} job=${t.job}"
                        + " finished=${t.counts.finished}\"\n"
                        + "for (n in t.nodes) { echo \"node ${n.name} ${n.state}: ${n.result._output}\" }");

        WorkflowRun b = r.buildAndAssertSuccess(job);

        String name = startedJob(b, sim);
        r.assertLogContains("Running task " + TASK + " on ", b);
        r.assertLogContains("with parameters service, secret", b);
        r.assertLogContains("verdict=SUCCESS kind=task task=" + TASK + " job=" + name + " finished=2", b);
        r.assertLogContains("node " + WEB01 + " finished: rotated nginx with ****", b);
        r.assertLogContains("node " + WEB02 + " finished: rotated nginx with ****", b);
        r.assertLogContains("  " + WEB01 + ": finished - Rotated with ****", b);
        r.assertLogNotContains(SECRET, b);
        String buildXml = Files.readString(new File(b.getRootDir(), "build.xml").toPath(), StandardCharsets.UTF_8);
        assertThat(buildXml).contains("task " + TASK + " (job " + name + ")").doesNotContain(SECRET);
        assertThat(sim.pe.journal().entries(PeEndpoint.TASK_COMMAND))
                .singleElement()
                .extracting(JournalEntry::body)
                .asString()
                .contains("nginx");
        assertNoSecretIn(b);
    }

    @Test
    void puppetTaskNoopForATaskWithoutNoopSupportFailsBeforeAnyPost(JenkinsRule r) throws Exception {
        WorkflowJob job = pipeline(
                r,
                "puppetTask task: '" + TASK + "', nodes: ['" + WEB01 + "'], noop: true,"
                        + " parameters: [value(name: 'service', value: 'nginx'), value(name: 'secret', value: '"
                        + SECRET + "')]");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains(
                "Task " + TASK + " does not support noop (its metadata has no supports_noop: true), so it was not"
                        + " started: remove noop, or run it for real.",
                b);
        assertThat(sim.pe.journal().count(PeEndpoint.TASK))
                .as("the metadata was read")
                .isEqualTo(1);
        assertThat(sim.pe.journal().count(PeEndpoint.TASK_COMMAND)).isZero();
        assertThat(sim.pe.jobCount()).isZero();
        r.assertLogNotContains(SECRET, b);
    }

    @Test
    void declarativeRunsPuppetThenATask(JenkinsRule r) throws Exception {
        sim.scriptNextJobDoneAtOnce();
        sim.scriptNextJobDoneAtOnce();
        WorkflowJob job = pipeline(r, """
                pipeline {
                  agent none
                  stages {
                    stage('Converge') {
                      steps {
                        puppetRun nodes: ['%s', '%s'], concurrency: 1, waitTimeoutMinutes: 30
                      }
                    }
                    stage('Rotate') {
                      steps {
                        puppetTask task: '%s', nodes: ['%s'], credentialsId: 'pe-user',
                            parameters: [value(name: 'service', value: 'nginx'), value(name: 'secret', value: '%s')]
                        script {
                          def t = puppetTask task: '%s', nodes: ['%s'], wait: false,
                              parameters: [value(name: 'service', value: 'nginx'), json(name: 'secret', value: '"%s"')]
                          echo "second task state=${t.state}"
                        }
                      }
                    }
                  }
                }
                """.formatted(WEB01, WEB02, TASK, WEB01, SECRET, TASK, WEB02, SECRET));

        WorkflowRun b = r.buildAndAssertSuccess(job);

        r.assertLogContains("second task state=submitted", b);
        assertThat(b.getAction(PeSummaryAction.class).getRecords())
                .extracting(PeOperationRecord::getOperation, PeOperationRecord::getStatus)
                .containsExactly(
                        tuple("Puppet run", "finished"), tuple("Task run", "finished"), tuple("Task run", "submitted"));
        assertThat(sim.pe.journal().entries(PeEndpoint.DEPLOY_COMMAND))
                .singleElement()
                .extracting(JournalEntry::body)
                .asString()
                .contains("\"concurrency\":1");
        assertThat(sim.pe.journal().count(PeEndpoint.TASK_COMMAND)).isEqualTo(2);
        assertThat(sim.pe.journal().count(PeEndpoint.LOGIN))
                .as("the password credential's step")
                .isEqualTo(1);
        r.assertLogNotContains(SECRET, b);
        assertNoSecretIn(b);
    }
}
