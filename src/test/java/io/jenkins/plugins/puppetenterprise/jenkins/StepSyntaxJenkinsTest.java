package io.jenkins.plugins.puppetenterprise.jenkins;

import io.jenkins.plugins.puppetenterprise.jenkins.deploy.CodeDeployStep;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanJsonArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanNodeGroupArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanQueryArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanRunStep;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanValueArgument;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The steps' forms and the Snippet Generator's syntax round-trip, plan parameters included. */
@WithJenkins
class StepSyntaxJenkinsTest {
    private static final String GROUP = "00000000-0000-4000-8000-000000000000";

    private static CodeDeployStep fullDeploy() {
        CodeDeployStep step = new CodeDeployStep();
        step.setEnvironments(List.of("production", "testing"));
        step.setWait(false);
        step.setDryRun(true);
        step.setDeployModules(false);
        step.setModules(List.of("apache", "ntp"));
        step.setServer("production");
        step.setCredentialsId("pe-token");
        step.setWaitTimeoutMinutes(15);
        return step;
    }

    private static PlanRunStep fullPlan() {
        PlanRunStep step = new PlanRunStep("app::deploy");
        step.setParameters(List.of(
                new PlanValueArgument("version", "1.2"),
                new PlanJsonArgument("batch", "{\"size\": 2}"),
                new PlanQueryArgument("targets", "nodes[certname] { }"),
                new PlanNodeGroupArgument("group", GROUP)));
        step.setEnvironment("testing");
        step.setDescription("Release 1.2");
        step.setTimeout(600);
        step.setUserdata("{\"ticket\": \"CHG-1\"}");
        step.setWait(false);
        step.setWaitTimeoutMinutes(90);
        step.setStopOnAbort(false);
        step.setServer("production");
        step.setCredentialsId("pe-user");
        return step;
    }

    @Test
    void formsRoundTripEveryField(JenkinsRule r) throws Exception {
        StepConfigTester tester = new StepConfigTester(r);
        for (Step before : List.of(fullDeploy(), fullPlan(), new CodeDeployStep(), new PlanRunStep("app::deploy"))) {
            r.assertEqualDataBoundBeans(before, tester.configRoundTrip(before));
        }
    }

    @Test
    void snippetGeneratorSyntaxRoundTrips(JenkinsRule r) throws Exception {
        SnippetizerTester tester = new SnippetizerTester(r);
        CodeDeployStep deploy = new CodeDeployStep();
        deploy.setEnvironments(List.of("production", "testing"));
        tester.assertRoundTrip(deploy, "puppetCodeDeploy(environments: ['production', 'testing'])");

        tester.assertRoundTrip(
                fullDeploy(),
                "puppetCodeDeploy credentialsId: 'pe-token', deployModules: false, dryRun: true,"
                        + " environments: ['production', 'testing'], modules: ['apache', 'ntp'],"
                        + " server: 'production', wait: false, waitTimeoutMinutes: 15");

        tester.assertRoundTrip(new PlanRunStep("app::deploy"), "puppetPlanRun 'app::deploy'");

        tester.assertRoundTrip(
                fullPlan(),
                "puppetPlanRun credentialsId: 'pe-user', description: 'Release 1.2', environment: 'testing',"
                        + " parameters: [value(name: 'version', value: '1.2'),"
                        + " json(name: 'batch', value: '{\"size\": 2}'),"
                        + " query(name: 'targets', value: 'nodes[certname] { }'),"
                        + " nodeGroup(name: 'group', value: '" + GROUP + "')],"
                        + " plan: 'app::deploy', server: 'production', stopOnAbort: false, timeout: 600,"
                        + " userdata: '{\"ticket\": \"CHG-1\"}', wait: false, waitTimeoutMinutes: 90");
    }

    @Test
    void stepsDocumentTheirParameters(JenkinsRule r) throws Exception {
        SnippetizerTester.assertDocGeneration(CodeDeployStep.class);
        SnippetizerTester.assertDocGeneration(PlanRunStep.class);
    }
}
