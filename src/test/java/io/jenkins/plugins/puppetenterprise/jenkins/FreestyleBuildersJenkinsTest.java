package io.jenkins.plugins.puppetenterprise.jenkins;

import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.PLAN;
import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.PLAN_EVENT;
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
import io.jenkins.plugins.puppetenterprise.jenkins.deploy.CodeDeployBuilder;
import io.jenkins.plugins.puppetenterprise.jenkins.deploy.CodeDeployStep;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanJsonArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanNodeGroupArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanQueryArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanRunBuilder;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanValueArgument;
import io.jenkins.plugins.puppetenterprise.simulator.JournalEntry;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobSnapshot;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Both freestyle build steps: runs against the simulator, $VAR expansion, exported variables, forms. */
@WithJenkins
class FreestyleBuildersJenkinsTest {
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    private final SimulatedPeJenkinsFixture sim = new SimulatedPeJenkinsFixture();

    private FreeStyleProject project(JenkinsRule r) throws Exception {
        sim.configure(r);
        FreeStyleProject project = r.createFreeStyleProject("f");
        project.addProperty(new ParametersDefinitionProperty(
                new StringParameterDefinition("TARGET_ENV", "testing"),
                new StringParameterDefinition("PLAN_NAME", PLAN),
                new StringParameterDefinition("VERSION", "v-2718"),
                // a credentials parameter: the build step hands ${CREDENTIALS} to the credentials plugin unexpanded
                new CredentialsParameterDefinition(
                        "CREDENTIALS",
                        "PE credential",
                        SimulatedPeJenkinsFixture.PASSWORD_ID,
                        StandardUsernamePasswordCredentials.class.getName(),
                        true)));
        return project;
    }

    @Test
    void deployExpandsVariablesAndExportsTheResult(JenkinsRule r) throws Exception {
        FreeStyleProject project = project(r);
        CodeDeployBuilder deploy = new CodeDeployBuilder();
        deploy.setEnvironments(List.of("production", "$TARGET_ENV"));
        deploy.setCredentialsId("${CREDENTIALS}");
        project.getBuildersList().add(deploy);

        FreeStyleBuild b = r.buildAndAssertSuccess(project);

        assertThat(sim.pe.journal().entries(PeEndpoint.DEPLOYS))
                .singleElement()
                .extracting(JournalEntry::body)
                .asString()
                .contains("production", "testing")
                .doesNotContain("$TARGET_ENV");
        assertThat(sim.pe.journal().count(PeEndpoint.LOGIN))
                .as("the credentials parameter's credential")
                .isEqualTo(1);
        EnvVars env = b.getEnvironment(TaskListener.NULL);
        assertThat(env.get("PE_DEPLOY_STATUS_PRODUCTION")).isEqualTo("synced");
        assertThat(env.get("PE_DEPLOY_STATUS_TESTING")).isEqualTo("synced");
        assertThat(env.get("PE_SERVER")).isEqualTo(SimulatedPeJenkinsFixture.INSTALLATION);
        assertThat(b.getAction(PeSummaryAction.class).getRecords()).hasSize(2);
        r.assertLogNotContains(sim.token, b);
    }

    @Test
    void failingEnvironmentFailsTheBuildNamingIt(JenkinsRule r) throws Exception {
        FreeStyleProject project = project(r);
        CodeDeployBuilder deploy = new CodeDeployBuilder();
        deploy.setEnvironments(List.of("broken"));
        project.getBuildersList().add(deploy);

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, project);

        r.assertLogContains("failed to deploy: broken", b);
        assertThat(b.getEnvironment(TaskListener.NULL).get("PE_DEPLOY_STATUS_BROKEN"))
                .isEqualTo("failed");
    }

    @Test
    void planRunExpandsVariablesWaitsAndExportsTheResult(JenkinsRule r) throws Exception {
        FreeStyleProject project = project(r);
        PlanRunBuilder plan = new PlanRunBuilder("$PLAN_NAME");
        plan.setParameters(List.of(new PlanValueArgument("version", "${VERSION}")));
        project.getBuildersList().add(plan);

        FreeStyleBuild b = project.scheduleBuild2(0).waitForStart();
        r.waitForMessage(PLAN_EVENT, b);
        sim.finishPlanJobs();
        r.assertBuildStatusSuccess(r.waitForCompletion(b));

        PlanJobSnapshot planJob = sim.pe.planJobs().get(0);
        assertThat(planJob.planName()).isEqualTo(PLAN);
        assertThat(sim.pe.journal().entries(PeEndpoint.PLAN_RUN))
                .singleElement()
                .extracting(JournalEntry::body)
                .asString()
                .contains("v-2718");
        r.assertLogNotContains("v-2718", b);
        EnvVars env = b.getEnvironment(TaskListener.NULL);
        assertThat(env.get("PE_PLAN_JOB")).isEqualTo(planJob.name());
        assertThat(env.get("PE_PLAN_STATE")).isEqualTo("success");
        assertThat(env.get("PE_PLAN_URL")).startsWith(sim.pe.consoleUrl().toString());
    }

    @Test
    void abortStopsThePlanAndEndsTheBuildAborted(JenkinsRule r) throws Exception {
        FreeStyleProject project = project(r);
        project.getBuildersList().add(new PlanRunBuilder(PLAN));

        FreeStyleBuild b = project.scheduleBuild2(0).waitForStart();
        r.waitForMessage(PLAN_EVENT, b);
        b.getExecutor().interrupt();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        assertThat(sim.pe.journal().count(PeEndpoint.STOP_PLAN)).isEqualTo(1);
        assertThat(sim.pe.planJobs().get(0).state()).isEqualTo("failure");
    }

    @Test
    void formsRoundTripEveryField(JenkinsRule r) throws Exception {
        sim.configure(r);
        CodeDeployBuilder deploy = new CodeDeployBuilder();
        deploy.setEnvironments(List.of("production", "testing"));
        deploy.setWait(false);
        deploy.setDryRun(true);
        deploy.setDeployModules(false);
        deploy.setModules(List.of("apache", "ntp"));
        deploy.setServer(SimulatedPeJenkinsFixture.INSTALLATION);
        deploy.setCredentialsId(SimulatedPeJenkinsFixture.TOKEN_ID);
        deploy.setWaitTimeoutMinutes(15);
        r.assertEqualDataBoundBeans(deploy, r.configRoundtrip(deploy));

        PlanRunBuilder plan = new PlanRunBuilder(PLAN);
        plan.setParameters(List.of(
                new PlanValueArgument("version", "1.2"),
                new PlanJsonArgument("batch", "{\"size\": 2}"),
                new PlanQueryArgument("targets", "nodes[certname] { }"),
                new PlanNodeGroupArgument("group", "00000000-0000-4000-8000-000000000000")));
        plan.setEnvironment("testing");
        plan.setDescription("Release 1.2");
        plan.setTimeout(600);
        plan.setUserdata("{\"ticket\": \"CHG-1\"}");
        plan.setWait(false);
        plan.setWaitTimeoutMinutes(90);
        plan.setStopOnAbort(false);
        plan.setServer(SimulatedPeJenkinsFixture.INSTALLATION);
        plan.setCredentialsId(SimulatedPeJenkinsFixture.PASSWORD_ID);
        r.assertEqualDataBoundBeans(plan, r.configRoundtrip(plan));
    }

    @Test
    void buildStepsRefuseAPipelineNamingTheDurableStep(JenkinsRule r) throws Exception {
        sim.configure(r);
        WorkflowJob job = r.createProject(WorkflowJob.class, "p");
        job.setDefinition(
                new CpsFlowDefinition("step([$class: 'CodeDeployBuilder', environments: ['production']])", true));
        WorkflowRun deploy = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains("in a Pipeline use the step puppetCodeDeploy", deploy);

        job.setDefinition(new CpsFlowDefinition("step([$class: 'PlanRunBuilder', plan: '" + PLAN + "'])", true));
        WorkflowRun plan = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains("in a Pipeline use the step puppetPlanRun", plan);

        assertThat(sim.pe.journal().entries()).as("refused before any request").isEmpty();
    }

    @Test
    void theBuildStepsQuestionMarkShowsTheirOwnHelp(JenkinsRule r) throws Exception {
        sim.configure(r);
        FreeStyleProject project = r.createFreeStyleProject("f");
        CodeDeployBuilder deploy = new CodeDeployBuilder();
        deploy.setEnvironments(List.of("production", "testing"));
        project.getBuildersList().add(deploy);
        project.getBuildersList().add(new PlanRunBuilder(PLAN));

        String page = r.createWebClient()
                .getPage(project, "configure")
                .getWebResponse()
                .getContentAsString();

        for (Class<?> builder : List.of(CodeDeployBuilder.class, PlanRunBuilder.class)) {
            assertThat(page).contains("descriptor/" + builder.getName() + "/help\"");
        }
        // the fields' help stays the Pipeline step's
        assertThat(page).contains("descriptor/" + CodeDeployStep.class.getName() + "/help/environments");
        // one name per line in the textarea, not the list's toString()
        assertThat(page).doesNotContain("[production, testing]");
        String help = r.createWebClient()
                .goTo("descriptor/" + CodeDeployBuilder.class.getName() + "/help")
                .getWebResponse()
                .getContentAsString();
        assertThat(help).contains("freestyle form of").contains("each configuration runs its own deploy");
    }
}
