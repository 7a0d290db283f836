package io.jenkins.plugins.puppetenterprise.jenkins;

import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.PLAN;
import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.PLAN_EVENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import hudson.model.Result;
import io.jenkins.plugins.puppetenterprise.simulator.Fault;
import io.jenkins.plugins.puppetenterprise.simulator.JournalEntry;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobSnapshot;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Both Pipeline steps, Scripted and Declarative, against the PE simulator over real HTTPS. */
@WithJenkins
class PipelineStepsJenkinsTest {
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    private final SimulatedPeJenkinsFixture sim = new SimulatedPeJenkinsFixture();

    private WorkflowJob pipeline(JenkinsRule r, String script) throws Exception {
        sim.configure(r);
        WorkflowJob job = r.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    private PlanJobSnapshot onlyPlanJob() {
        assertThat(sim.pe.planJobs()).hasSize(1);
        return sim.pe.planJobs().get(0);
    }

    private void assertNoSecretIn(WorkflowRun b) throws Exception {
        String log = JenkinsRule.getLog(b);
        assertThat(log).doesNotContain(sim.token).doesNotContain(sim.password);
    }

    @Test
    void scriptedPlanRunStreamsEventsWithoutExecutorAndReturnsTheResult(JenkinsRule r) throws Exception {
        WorkflowJob job = pipeline(
                r,
                "def run = puppetPlanRun plan: '" + PLAN + "', credentialsId: 'pe-token',"
                        + " parameters: [value(name: 'version', value: 'v-4711-release')]\n"
                        + "echo \"state=${run.state} planJob=${run.planJob} output=${run.result.output} url=${run.url}\"");

        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage(PLAN_EVENT, b);
        sim.finishPlanJobs();
        r.assertBuildStatusSuccess(r.waitForCompletion(b));

        PlanJobSnapshot planJob = onlyPlanJob();
        assertThat(planJob.state()).isEqualTo("success");
        r.assertLogContains("Started plan job " + planJob.name(), b);
        r.assertLogContains("state=success planJob=" + planJob.name() + " output=done url=https://", b);
        r.assertLogNotContains("v-4711-release", b);
        assertThat(sim.pe.journal().entries(PeEndpoint.PLAN_RUN))
                .singleElement()
                .extracting(JournalEntry::body)
                .asString()
                .contains("v-4711-release");
        List<PeOperationRecord> records = b.getAction(PeSummaryAction.class).getRecords();
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getStatus()).isEqualTo("success");
            assertThat(record.getTarget()).contains(PLAN).contains(planJob.name());
            assertThat(record.getConsoleUrl()).startsWith(sim.pe.consoleUrl().toString());
        });
        assertNoSecretIn(b);
    }

    @Test
    void scriptedDeployWithAFailingEnvironmentFailsNamingIt(JenkinsRule r) throws Exception {
        WorkflowJob job = pipeline(r, "puppetCodeDeploy environments: ['testing', 'broken']");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, job);

        assertThat(JenkinsRule.getLog(b).lines().filter(line -> line.startsWith("ERROR: ")))
                .anySatisfy(line -> assertThat(line).contains("failed to deploy: broken"));
        r.assertLogContains("testing", b);
        assertThat(b.getAction(PeSummaryAction.class).getRecords())
                .extracting(PeOperationRecord::getTarget, PeOperationRecord::getStatus)
                .contains(tuple("broken", "failed"));
        assertThat(sim.pe.journal().count(PeEndpoint.DEPLOYS)).isEqualTo(1);
        assertNoSecretIn(b);
    }

    @Test
    void dryRunThatSucceedsDoesNotFail(JenkinsRule r) throws Exception {
        WorkflowJob job = pipeline(
                r,
                "def result = puppetCodeDeploy environments: ['production', 'testing'], dryRun: true\n"
                        + "result.checkedBy = 'pipeline'\n"
                        + "echo \"dryRun=${result.dryRun} production=${result.environments.production.status}"
                        + " checkedBy=${result.checkedBy}\"");

        WorkflowRun b = r.buildAndAssertSuccess(job);

        r.assertLogContains("dryRun=true production=dry-run checkedBy=pipeline", b);
        assertThat(sim.pe.journal().entries(PeEndpoint.DEPLOYS))
                .singleElement()
                .extracting(JournalEntry::body)
                .asString()
                .contains("dry-run");
    }

    @Test
    void declarativeDeploysThenRunsThePlanWithAPasswordCredential(JenkinsRule r) throws Exception {
        sim.pe.scriptNextPlanJob(PLAN, PlanJobScript.succeeding(Duration.ZERO));
        WorkflowJob job = pipeline(r, """
                pipeline {
                  agent none
                  stages {
                    stage('Deploy code') {
                      steps {
                        puppetCodeDeploy environments: ['production'], credentialsId: 'pe-user'
                      }
                    }
                    stage('Run plan') {
                      steps {
                        script {
                          def run = puppetPlanRun plan: 'app::deploy', credentialsId: 'pe-user'
                          echo "plan state=${run.state}"
                        }
                      }
                    }
                  }
                }
                """);

        WorkflowRun b = r.buildAndAssertSuccess(job);

        r.assertLogContains("plan state=success", b);
        assertThat(b.getAction(PeSummaryAction.class).getRecords())
                .extracting(PeOperationRecord::getStatus)
                .containsExactly("synced", "success");
        assertThat(sim.pe.journal().count(PeEndpoint.LOGIN))
                .as("one login per step")
                .isEqualTo(2);
        assertThat(sim.pe.journal().count(PeEndpoint.REVOKE_TOKENS)
                        + sim.pe.journal().count(PeEndpoint.REVOKE_TOKEN))
                .as("each minted token revoked before its step ended")
                .isEqualTo(2);
        assertNoSecretIn(b);
    }

    @Test
    void abortStopsThePlanAndSaysWhatPeAnswered(JenkinsRule r) throws Exception {
        WorkflowJob job = pipeline(r, "puppetPlanRun plan: '" + PLAN + "'");

        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage(PLAN_EVENT, b);
        b.getExecutor().interrupt();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        PlanJobSnapshot planJob = onlyPlanJob();
        assertThat(sim.pe.journal().count(PeEndpoint.STOP_PLAN)).isEqualTo(1);
        assertThat(planJob.state()).isEqualTo("failure");
        r.assertLogContains("Asked PE to stop plan job " + planJob.name(), b);
    }

    /** Issue 12 item 6: an abort while PE is still being asked to start the plan stops it once PE answers. */
    @Test
    void abortWhilePeIsStillAskedToStartThePlanStopsItWhenPeAnswers(JenkinsRule r) throws Exception {
        WorkflowJob job = pipeline(r, "puppetPlanRun plan: '" + PLAN + "'");
        sim.pe.faults().forNextRequests(1, Fault.delay(Duration.ofSeconds(3)), PeEndpoint.PLAN_RUN);

        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Running plan " + PLAN, b);
        b.getExecutor().interrupt();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        r.assertLogContains("if PE starts it, it is stopped as soon as PE answers.", b);
        // the step ended at once; the stop follows PE's answer, after the build's log has closed
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sim.pe.journal().count(PeEndpoint.STOP_PLAN) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(sim.pe.journal().count(PeEndpoint.PLAN_RUN)).isEqualTo(1);
        assertThat(sim.pe.journal().count(PeEndpoint.STOP_PLAN)).isEqualTo(1);
        assertThat(onlyPlanJob().state()).isEqualTo("failure");
        assertNoSecretIn(b);
    }

    /** Issue 12 item 17: PE that does not answer the stop holds the abort for at most the stop wait. */
    @Test
    void abortWhenPeDoesNotAnswerTheStopEndsTheBuildSayingThePlanMayStillRun(JenkinsRule r) throws Exception {
        WorkflowJob job = pipeline(r, "puppetPlanRun plan: '" + PLAN + "'");

        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage(PLAN_EVENT, b);
        sim.pe.faults().forNextRequests(10, Fault.delay(Duration.ofMinutes(2)), PeEndpoint.STOP_PLAN);
        b.getExecutor().interrupt();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        r.assertLogContains("that it stopped plan job", b);
        r.assertLogContains("it may still be running in PE", b);
        assertThat(onlyPlanJob().state()).isEqualTo("running");
    }

    @Test
    void abortWithStopOnAbortFalseLeavesThePlanRunning(JenkinsRule r) throws Exception {
        WorkflowJob job = pipeline(r, "puppetPlanRun plan: '" + PLAN + "', stopOnAbort: false");

        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage(PLAN_EVENT, b);
        b.getExecutor().interrupt();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        assertThat(sim.pe.journal().count(PeEndpoint.STOP_PLAN)).isZero();
        assertThat(onlyPlanJob().state()).isEqualTo("running");
        r.assertLogContains("keeps running in PE", b);
    }

    @Test
    void timeoutStepStopsThePlanThroughStop(JenkinsRule r) throws Exception {
        WorkflowJob job = pipeline(r, "timeout(time: 5, unit: 'SECONDS') {\n  puppetPlanRun plan: '" + PLAN + "'\n}");

        WorkflowRun b = r.buildAndAssertStatus(Result.ABORTED, job);

        assertThat(sim.pe.journal().count(PeEndpoint.STOP_PLAN)).isEqualTo(1);
        r.assertLogContains("Asked PE to stop plan job " + onlyPlanJob().name(), b);
    }

    @Test
    void unknownServerFailsWithTheConfiguredNames(JenkinsRule r) throws Exception {
        WorkflowJob job = pipeline(r, "puppetCodeDeploy environments: ['production'], server: 'staging'");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("no Puppet Enterprise installation is named 'staging'", b);
        r.assertLogContains("'production'", b);
        assertThat(sim.pe.journal().count(PeEndpoint.DEPLOYS)).isZero();
    }
}
