package io.jenkins.plugins.puppetenterprise.jenkins;

import io.jenkins.plugins.puppetenterprise.jenkins.deploy.CodeDeployStep;
import io.jenkins.plugins.puppetenterprise.jenkins.job.PuppetRunStep;
import io.jenkins.plugins.puppetenterprise.jenkins.job.PuppetTaskStep;
import io.jenkins.plugins.puppetenterprise.jenkins.job.TaskJsonArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.job.TaskValueArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanJsonArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanNodeGroupArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanQueryArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanRunStep;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanValueArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.query.PuppetDbQueryStep;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The steps' forms and the Snippet Generator's syntax round-trip, plan parameters, Puppet-run options and PuppetDB queries included. */
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

    private static PuppetRunStep puppetRunOn(String... nodes) {
        PuppetRunStep step = new PuppetRunStep();
        step.setNodes(List.of(nodes));
        return step;
    }

    private static PuppetRunStep fullPuppetRun() {
        PuppetRunStep step = puppetRunOn("web01.example.com", "web02.example.com");
        step.setQuery("nodes[certname] { }");
        step.setNodeGroup(GROUP);
        step.setEnvironment("testing");
        step.setUseNodeEnvironments(true);
        step.setNoop(true);
        step.setFailOnPendingChanges(true);
        step.setWait(false);
        step.setNoNoop(true);
        step.setConcurrency(2);
        step.setTags("nginx");
        step.setSkipTags("slow");
        step.setDebug(true);
        step.setTrace(true);
        step.setEvaltrace(true);
        step.setUseCachedCatalog(true);
        step.setUseCacheOnFailure(true);
        step.setFileTimeout(30);
        step.setHttpConnectTimeout(10);
        step.setHttpKeepaliveTimeout(5);
        step.setHttpReadTimeout(90);
        step.setOrdering("manifest");
        step.setTimeout(600);
        step.setServer("production");
        step.setCredentialsId("pe-user");
        step.setDescription("Converge the web tier");
        step.setUserdata("{\"ticket\": \"CHG-2\"}");
        step.setWaitTimeoutMinutes(45);
        step.setStopOnAbort(false);
        step.setForceStop(true);
        return step;
    }

    private static PuppetTaskStep fullTask() {
        PuppetTaskStep step = new PuppetTaskStep("app::rotate");
        step.setParameters(
                List.of(new TaskValueArgument("service", "nginx"), new TaskJsonArgument("grace", "{\"seconds\": 5}")));
        step.setNodes(List.of("web01.example.com", "web02.example.com"));
        step.setQuery("nodes[certname] { }");
        step.setNodeGroup(GROUP);
        step.setEnvironment("testing");
        step.setNoop(true);
        step.setWait(false);
        step.setTimeout(300);
        step.setServer("production");
        step.setCredentialsId("pe-token");
        step.setDescription("Rotate nginx");
        step.setUserdata("{\"ticket\": \"CHG-3\"}");
        step.setWaitTimeoutMinutes(20);
        step.setStopOnAbort(false);
        step.setForceStop(true);
        return step;
    }

    private static PuppetDbQueryStep fullQuery() {
        PuppetDbQueryStep step = new PuppetDbQueryStep("nodes[certname] { }");
        step.setLimit(50);
        step.setServer("production");
        step.setCredentialsId("pe-token");
        return step;
    }

    /** The credentials select offers a parameter expression, resolved from a Credentials parameter at run time. */
    private static PlanRunStep withParameterCredential(PlanRunStep step) {
        step.setCredentialsId("${PE_CREDENTIAL}");
        return step;
    }

    @Test
    void formsRoundTripEveryField(JenkinsRule r) throws Exception {
        StepConfigTester tester = new StepConfigTester(r);
        for (Step before : List.of(
                fullDeploy(),
                fullPlan(),
                new CodeDeployStep(),
                new PlanRunStep("app::deploy"),
                fullPuppetRun(),
                puppetRunOn("web01.example.com"),
                new PuppetRunStep(),
                fullTask(),
                new PuppetTaskStep("app::rotate"),
                fullQuery(),
                new PuppetDbQueryStep("nodes[certname] { }"),
                withParameterCredential(new PlanRunStep("app::deploy")))) {
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
    void puppetRunAndTaskSnippetsRoundTrip(JenkinsRule r) throws Exception {
        SnippetizerTester tester = new SnippetizerTester(r);
        tester.assertRoundTrip(
                puppetRunOn("web01.example.com", "web02.example.com"),
                "puppetRun(nodes: ['web01.example.com', 'web02.example.com'])");
        PuppetRunStep noop = puppetRunOn("web01.example.com");
        noop.setNoop(true);
        tester.assertRoundTrip(noop, "puppetRun nodes: ['web01.example.com'], noop: true");

        tester.assertRoundTrip(
                fullPuppetRun(),
                "puppetRun concurrency: 2, credentialsId: 'pe-user', debug: true,"
                        + " description: 'Converge the web tier', environment: 'testing', evaltrace: true,"
                        + " failOnPendingChanges: true, fileTimeout: 30, forceStop: true, httpConnectTimeout: 10,"
                        + " httpKeepaliveTimeout: 5, httpReadTimeout: 90, noNoop: true, nodeGroup: '" + GROUP + "',"
                        + " nodes: ['web01.example.com', 'web02.example.com'], noop: true, ordering: 'manifest',"
                        + " query: 'nodes[certname] { }', server: 'production', skipTags: 'slow', stopOnAbort: false,"
                        + " tags: 'nginx', timeout: 600, trace: true, useCacheOnFailure: true, useCachedCatalog: true,"
                        + " useNodeEnvironments: true, userdata: '{\"ticket\": \"CHG-2\"}', wait: false,"
                        + " waitTimeoutMinutes: 45");

        tester.assertRoundTrip(new PuppetTaskStep("app::rotate"), "puppetTask 'app::rotate'");

        tester.assertRoundTrip(
                fullTask(),
                "puppetTask credentialsId: 'pe-token', description: 'Rotate nginx', environment: 'testing',"
                        + " forceStop: true, nodeGroup: '" + GROUP + "',"
                        + " nodes: ['web01.example.com', 'web02.example.com'], noop: true,"
                        + " parameters: [value(name: 'service', value: 'nginx'),"
                        + " json(name: 'grace', value: '{\"seconds\": 5}')], query: 'nodes[certname] { }',"
                        + " server: 'production', stopOnAbort: false, task: 'app::rotate', timeout: 300,"
                        + " userdata: '{\"ticket\": \"CHG-3\"}', wait: false, waitTimeoutMinutes: 20");
    }

    @Test
    void puppetDbQuerySnippetsRoundTrip(JenkinsRule r) throws Exception {
        SnippetizerTester tester = new SnippetizerTester(r);
        tester.assertRoundTrip(new PuppetDbQueryStep("nodes[certname] { }"), "puppetDbQuery 'nodes[certname] { }'");
        tester.assertRoundTrip(
                fullQuery(),
                "puppetDbQuery credentialsId: 'pe-token', limit: 50, query: 'nodes[certname] { }',"
                        + " server: 'production'");
    }

    @Test
    void stepsDocumentTheirParameters(JenkinsRule r) throws Exception {
        SnippetizerTester.assertDocGeneration(CodeDeployStep.class);
        SnippetizerTester.assertDocGeneration(PlanRunStep.class);
        SnippetizerTester.assertDocGeneration(PuppetRunStep.class);
        SnippetizerTester.assertDocGeneration(PuppetTaskStep.class);
        SnippetizerTester.assertDocGeneration(PuppetDbQueryStep.class);
    }
}
