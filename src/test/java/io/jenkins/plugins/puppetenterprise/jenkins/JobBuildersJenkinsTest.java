package io.jenkins.plugins.puppetenterprise.jenkins;

import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.TASK;
import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.WEB01;
import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.WEB02;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsParameterDefinition;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.EnvVars;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import hudson.model.TaskListener;
import io.jenkins.plugins.puppetenterprise.jenkins.job.PuppetRunBuilder;
import io.jenkins.plugins.puppetenterprise.jenkins.job.PuppetTaskBuilder;
import io.jenkins.plugins.puppetenterprise.jenkins.job.TaskJsonArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.job.TaskValueArgument;
import io.jenkins.plugins.puppetenterprise.simulator.JournalEntry;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.job.JobScript;
import io.jenkins.plugins.puppetenterprise.simulator.job.NodeScript;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.CaptureEnvironmentBuilder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The freestyle build steps of {@code puppetRun} and {@code puppetTask}: runs, $VAR, exported variables, forms. */
@WithJenkins
class JobBuildersJenkinsTest {
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static final String SECRET = "builder-secret-77e2";

    @RegisterExtension
    private final SimulatedPeJenkinsFixture sim = new SimulatedPeJenkinsFixture();

    private FreeStyleProject project(JenkinsRule r) throws Exception {
        sim.configure(r);
        FreeStyleProject project = r.createFreeStyleProject("f");
        project.addProperty(new ParametersDefinitionProperty(
                new StringParameterDefinition("WEB_NODE", WEB02),
                new StringParameterDefinition("TARGET_ENV", "testing"),
                new StringParameterDefinition("TASK_NAME", TASK),
                new StringParameterDefinition("SERVICE", "nginx")));
        return project;
    }

    private static String startedJob(FreeStyleBuild b, String what) throws Exception {
        String log = JenkinsRule.getLog(b);
        String prefix = "Started " + what + " job ";
        int at = log.indexOf(prefix);
        assertThat(at).as("the log names the started job").isNotNegative();
        return log.substring(at + prefix.length()).split("[^0-9]", 2)[0];
    }

    @Test
    void runThenTaskExpandVariablesExportTheirJobsAndListThemOnTheBuildPage(JenkinsRule r) throws Exception {
        sim.scriptNextJobDoneAtOnce();
        sim.scriptNextJobDoneAtOnce();
        FreeStyleProject project = project(r);
        PuppetRunBuilder run = new PuppetRunBuilder();
        run.setNodes(List.of(WEB01 + "\n$WEB_NODE"));
        run.setEnvironment("$TARGET_ENV");
        CaptureEnvironmentBuilder afterRun = new CaptureEnvironmentBuilder();
        PuppetTaskBuilder task = new PuppetTaskBuilder("$TASK_NAME");
        task.setNodes(List.of("${WEB_NODE}"));
        task.setParameters(
                List.of(new TaskValueArgument("service", "${SERVICE}"), new TaskValueArgument("secret", SECRET)));
        CaptureEnvironmentBuilder afterTask = new CaptureEnvironmentBuilder();
        project.getBuildersList().addAll(List.of(run, afterRun, task, afterTask));

        FreeStyleBuild b = r.buildAndAssertSuccess(project);

        String runJob = startedJob(b, "Puppet run");
        String taskJob = startedJob(b, "task");
        assertThat(sim.pe.journal().entries(PeEndpoint.DEPLOY_COMMAND))
                .singleElement()
                .extracting(JournalEntry::body)
                .asString()
                .contains(WEB01, WEB02, "\"environment\":\"testing\"")
                .doesNotContain("$WEB_NODE", "$TARGET_ENV");
        assertThat(sim.pe.journal().entries(PeEndpoint.TASK_COMMAND))
                .singleElement()
                .extracting(JournalEntry::body)
                .asString()
                .contains("\"task\":\"" + TASK + "\"", "nginx", WEB02)
                .doesNotContain("${SERVICE}", "${WEB_NODE}");

        EnvVars run1 = afterRun.getEnvVars();
        assertThat(run1.get("PE_VERDICT")).isEqualTo("SUCCESS");
        assertThat(run1.get("PE_SERVER")).isEqualTo(SimulatedPeJenkinsFixture.INSTALLATION);
        assertThat(run1.get("PE_JOB")).isEqualTo(runJob);
        assertThat(run1.get("PE_JOB_STATE")).isEqualTo("finished");
        assertThat(run1.get("PE_JOB_URL")).startsWith(sim.pe.consoleUrl().toString());
        assertThat(run1.get("PE_NODES_FINISHED")).isEqualTo("2");
        assertThat(run1.get("PE_FAILED_NODES")).isNullOrEmpty();
        EnvVars task1 = afterTask.getEnvVars();
        assertThat(task1.get("PE_JOB")).as("the latest step wins").isEqualTo(taskJob);
        assertThat(task1.get("PE_NODES_FINISHED")).isEqualTo("1");
        assertThat(task1.get("PE_JOB_URL")).startsWith(sim.pe.consoleUrl().toString());

        assertThat(b.getAction(PeSummaryAction.class).getRecords())
                .extracting(PeOperationRecord::getTarget)
                .containsExactly("Puppet run (job " + runJob + ")", "task " + TASK + " (job " + taskJob + ")");
        String page = r.createWebClient().getPage(b).getWebResponse().getContentAsString();
        assertThat(page)
                .contains("Puppet run (job " + runJob + ")")
                .contains("task " + TASK + " (job " + taskJob + ")")
                .contains(WEB01, WEB02);
        r.assertLogNotContains(SECRET, b);
        r.assertLogNotContains(sim.token, b);
    }

    @Test
    void aFailingNodeFailsTheBuildAndIsExported(JenkinsRule r) throws Exception {
        sim.pe.scriptNextJob(JobScript.allFinishing(Duration.ZERO).node(WEB02, NodeScript.failing(Duration.ZERO)));
        FreeStyleProject project = project(r);
        PuppetRunBuilder run = new PuppetRunBuilder();
        run.setNodes(List.of(WEB01, "$WEB_NODE"));
        project.getBuildersList().add(run);

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, project);

        String job = startedJob(b, "Puppet run");
        String verdict = "Puppet run job " + job + " finished with 1 of 2 nodes failing: " + WEB02 + " (failed)";
        r.assertLogContains(verdict, b);
        assertThat(b.getLog(1000))
                .as("the watch's verdict is said once, not again by the build step")
                .filteredOn(line -> line.startsWith(verdict))
                .hasSize(1);
        EnvVars env = b.getEnvironment(TaskListener.NULL);
        assertThat(env.get("PE_VERDICT")).isEqualTo("FAILURE");
        assertThat(env.get("PE_JOB")).isEqualTo(job);
        assertThat(env.get("PE_FAILED_NODES")).isEqualTo(WEB02);
        assertThat(env.get("PE_NODES_FAILED")).isEqualTo("1");
        assertThat(env.get("PE_NODES_FINISHED")).isEqualTo("1");
        assertThat(b.getAction(PeSummaryAction.class).getRecords())
                .singleElement()
                .satisfies(record -> assertThat(record.getNodes())
                        .extracting(PeNodeRecord::getName)
                        .containsExactly(WEB02, WEB01));
    }

    @Test
    void abortStopsThePuppetRunAndEndsTheBuildAborted(JenkinsRule r) throws Exception {
        sim.scriptFirstNodeDoneOthersRunning();
        FreeStyleProject project = project(r);
        PuppetRunBuilder run = new PuppetRunBuilder();
        run.setNodes(List.of(WEB01, WEB02));
        project.getBuildersList().add(run);

        FreeStyleBuild b = project.scheduleBuild2(0).waitForStart();
        r.waitForMessage(JobStepsJenkinsTest.web01Finished("puppet run"), b);
        assertThat(b.getAction(PeSummaryAction.class).getRecords())
                .as("the build step shows its Puppet run while it runs")
                .singleElement()
                .satisfies(record -> {
                    assertThat(record.getStatus()).isEqualTo("running");
                    assertThat(record.getNodes())
                            .extracting(PeNodeRecord::getName)
                            .contains(WEB01);
                });
        b.getExecutor().interrupt();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        String job = startedJob(b, "Puppet run");
        assertThat(b.getAction(PeSummaryAction.class).getRecords())
                .as("an aborted build step records nothing, and its running line is gone")
                .isEmpty();
        assertThat(r.createWebClient().getPage(b).getWebResponse().getContentAsString())
                .doesNotContain("Puppet run (job " + job + ")");
        assertThat(sim.pe.journal().entries(PeEndpoint.STOP_JOB))
                .singleElement()
                .extracting(JournalEntry::body)
                .asString()
                .contains("\"" + job + "\"")
                .doesNotContain("force");
        assertThat(sim.pe.jobState(job)).contains("stopping");
        r.assertLogContains("Asked PE to stop job " + job, b);
    }

    @Test
    void abortStopsTheTaskAndEndsTheBuildAborted(JenkinsRule r) throws Exception {
        sim.scriptFirstNodeDoneOthersRunning();
        FreeStyleProject project = project(r);
        PuppetTaskBuilder task = new PuppetTaskBuilder(TASK);
        task.setNodes(List.of(WEB01, WEB02));
        task.setParameters(List.of(
                new TaskValueArgument("service", "nginx"), new TaskJsonArgument("secret", "\"" + SECRET + "\"")));
        project.getBuildersList().add(task);

        FreeStyleBuild b = project.scheduleBuild2(0).waitForStart();
        r.waitForMessage(JobStepsJenkinsTest.web01Finished("task " + TASK), b);
        b.getExecutor().interrupt();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        String job = startedJob(b, "task");
        assertThat(sim.pe.journal().entries(PeEndpoint.STOP_JOB))
                .singleElement()
                .extracting(JournalEntry::body)
                .asString()
                .contains("\"" + job + "\"");
        assertThat(sim.pe.jobState(job)).contains("stopping");
        r.assertLogNotContains(SECRET, b);
    }

    @Test
    void aCredentialsParameterExpressionResolvesForBothBuildSteps(JenkinsRule r) throws Exception {
        sim.scriptNextJobDoneAtOnce();
        sim.scriptNextJobDoneAtOnce();
        sim.configure(r);
        FreeStyleProject project = r.createFreeStyleProject("cred");
        // the installation's default is the token; the parameter names the password credential
        project.addProperty(new ParametersDefinitionProperty(
                new StringParameterDefinition("WEB_NODE", WEB02),
                new CredentialsParameterDefinition(
                        "CRED",
                        "PE credential",
                        SimulatedPeJenkinsFixture.PASSWORD_ID,
                        StandardUsernamePasswordCredentials.class.getName(),
                        true)));
        PuppetRunBuilder run = new PuppetRunBuilder();
        run.setNodes(List.of("$WEB_NODE"));
        run.setCredentialsId("${CRED}");
        PuppetTaskBuilder task = new PuppetTaskBuilder(TASK);
        task.setNodes(List.of("$WEB_NODE"));
        task.setParameters(List.of(new TaskValueArgument("service", "nginx"), new TaskValueArgument("secret", SECRET)));
        task.setCredentialsId("${CRED}");
        project.getBuildersList().addAll(List.of(run, task));

        FreeStyleBuild b = r.buildAndAssertSuccess(project);

        assertThat(sim.pe.journal().count(PeEndpoint.LOGIN))
                .as("each build step logged in with the credentials parameter's password credential")
                .isEqualTo(2);
        assertThat(sim.pe.journal().count(PeEndpoint.DEPLOY_COMMAND)).isEqualTo(1);
        assertThat(sim.pe.journal().count(PeEndpoint.TASK_COMMAND)).isEqualTo(1);
        r.assertLogNotContains(sim.token, b);
        r.assertLogNotContains(sim.password, b);
        r.assertLogNotContains(SECRET, b);
    }

    @Test
    void formsRoundTripEveryField(JenkinsRule r) throws Exception {
        sim.configure(r);
        PuppetRunBuilder run = new PuppetRunBuilder();
        run.setNodes(List.of(WEB01, WEB02));
        run.setQuery("nodes[certname] { certname ~ \"^web\" }");
        run.setNodeGroup("00000000-0000-4000-8000-000000000000");
        run.setEnvironment("testing");
        run.setUseNodeEnvironments(true);
        run.setNoop(true);
        run.setFailOnPendingChanges(true);
        run.setWait(false);
        run.setNoNoop(true);
        run.setConcurrency(2);
        run.setTags("nginx");
        run.setSkipTags("slow");
        run.setDebug(true);
        run.setTrace(true);
        run.setEvaltrace(true);
        run.setUseCachedCatalog(true);
        run.setUseCacheOnFailure(true);
        run.setFileTimeout(30);
        run.setHttpConnectTimeout(10);
        run.setHttpKeepaliveTimeout(5);
        run.setHttpReadTimeout(90);
        run.setOrdering("manifest");
        run.setTimeout(600);
        run.setServer(SimulatedPeJenkinsFixture.INSTALLATION);
        run.setCredentialsId(SimulatedPeJenkinsFixture.PASSWORD_ID);
        run.setDescription("Converge the web tier");
        run.setUserdata("{\"ticket\": \"CHG-2\"}");
        run.setWaitTimeoutMinutes(45);
        run.setStopOnAbort(false);
        run.setForceStop(true);
        r.assertEqualDataBoundBeans(run, r.configRoundtrip(run));
        r.assertEqualDataBoundBeans(new PuppetRunBuilder(), r.configRoundtrip(new PuppetRunBuilder()));

        PuppetTaskBuilder task = new PuppetTaskBuilder(TASK);
        task.setParameters(
                List.of(new TaskValueArgument("service", "nginx"), new TaskJsonArgument("grace", "{\"seconds\": 5}")));
        task.setNodes(List.of(WEB01, WEB02));
        task.setQuery("nodes[certname] { }");
        task.setNodeGroup("00000000-0000-4000-8000-000000000000");
        task.setEnvironment("testing");
        task.setNoop(true);
        task.setWait(false);
        task.setTimeout(300);
        task.setServer(SimulatedPeJenkinsFixture.INSTALLATION);
        task.setCredentialsId(SimulatedPeJenkinsFixture.TOKEN_ID);
        task.setDescription("Rotate nginx");
        task.setUserdata("{\"ticket\": \"CHG-3\"}");
        task.setWaitTimeoutMinutes(20);
        task.setStopOnAbort(false);
        task.setForceStop(true);
        r.assertEqualDataBoundBeans(task, r.configRoundtrip(task));
        r.assertEqualDataBoundBeans(new PuppetTaskBuilder(TASK), r.configRoundtrip(new PuppetTaskBuilder(TASK)));
    }

    @Test
    void buildStepsRefuseAPipelineNamingTheDurableStep(JenkinsRule r) throws Exception {
        sim.configure(r);
        WorkflowJob job = r.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition("step([$class: 'PuppetRunBuilder', nodes: ['" + WEB01 + "']])", true));
        WorkflowRun byClass = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains("in a Pipeline use the step puppetRun instead", byClass);

        job.setDefinition(new CpsFlowDefinition("pePuppetRun nodes: ['" + WEB01 + "']", true));
        WorkflowRun bySymbol = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains("in a Pipeline use the step puppetRun instead", bySymbol);

        job.setDefinition(new CpsFlowDefinition(
                "pePuppetTask task: '" + TASK + "', nodes: ['" + WEB01 + "'],"
                        + " parameters: [value(name: 'service', value: 'nginx')]",
                true));
        WorkflowRun task = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains("in a Pipeline use the step puppetTask instead", task);

        assertThat(sim.pe.journal().entries()).as("refused before any request").isEmpty();
    }
}
