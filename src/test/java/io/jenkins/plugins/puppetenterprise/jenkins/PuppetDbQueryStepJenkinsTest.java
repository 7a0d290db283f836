package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.puppetenterprise.simulator.JournalEntry;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import java.time.Duration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** puppetDbQuery in the sandbox against the simulator's PuppetDB over real HTTPS. */
@WithJenkins
class PuppetDbQueryStepJenkinsTest {
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

    private void assertNoSecretIn(WorkflowRun b) throws Exception {
        assertThat(JenkinsRule.getLog(b)).doesNotContain(sim.token).doesNotContain(sim.password);
    }

    @Test
    void rowsArePlainListsAndMapsTheSandboxedScriptMayChange(JenkinsRule r) throws Exception {
        WorkflowJob job = pipeline(r, """
                def web = puppetDbQuery query: 'nodes[certname, latest_report_job_id] { certname ~ "^web" }'
                web[0].checkedBy = 'pipeline'
                web.add([certname: 'extra.example.com'])
                echo "certnames=${web.collect { it.certname }.join(',')} job=${web[1].latest_report_job_id}"
                echo "checked=${web[0].checkedBy} size=${web.size()}"
                """);

        WorkflowRun b = r.buildAndAssertSuccess(job);

        r.assertLogContains("certnames=web01.example.com,web02.example.com,extra.example.com job=81", b);
        r.assertLogContains("checked=pipeline size=3", b);
        r.assertLogContains("PuppetDB query returned 2 rows.", b);
        assertThat(sim.pe.journal().entries(PeEndpoint.PDB_QUERY))
                .singleElement()
                .extracting(JournalEntry::body)
                .asString()
                .contains("\"limit\":1001");
        assertNoSecretIn(b);
    }

    @Test
    void declarativeQueryFeedsAPlanRunsNodesWithAPasswordCredentialRevokedAfterwards(JenkinsRule r) throws Exception {
        sim.pe.addPlan(PlanSpec.named("myapp::deploy").withParameter("nodes", "TargetSpec", "where to deploy"));
        sim.pe.scriptNextPlanJob("myapp::deploy", PlanJobScript.succeeding(Duration.ZERO));
        WorkflowJob job = pipeline(r, """
                pipeline {
                  agent none
                  stages {
                    stage('Deploy') {
                      steps {
                        script {
                          def web = puppetDbQuery credentialsId: 'pe-user',
                              query: 'nodes[certname] { catalog_environment = "production" and certname ~ "^web" }'
                          def run = puppetPlanRun plan: 'myapp::deploy',
                              parameters: [value(name: 'nodes', value: web.collect { it.certname }.join(','))]
                          echo "deployed to ${web.size()} nodes: ${run.state}"
                        }
                      }
                    }
                  }
                }
                """);

        WorkflowRun b = r.buildAndAssertSuccess(job);

        r.assertLogContains("deployed to 2 nodes: success", b);
        assertThat(sim.pe.journal().entries(PeEndpoint.PLAN_RUN))
                .singleElement()
                .extracting(JournalEntry::body)
                .asString()
                .contains("web01.example.com,web02.example.com");
        assertThat(sim.pe.journal().count(PeEndpoint.LOGIN)).isEqualTo(1);
        assertThat(sim.pe.journal().count(PeEndpoint.REVOKE_TOKENS)).isEqualTo(1);
        assertNoSecretIn(b);
    }

    @Test
    void anEmptyQueryIsRefusedBeforeAnyRequest(JenkinsRule r) throws Exception {
        WorkflowJob job = pipeline(r, "puppetDbQuery query: '  '");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("query: is empty", b);
        assertThat(sim.pe.journal().size()).isZero();
    }

    @Test
    void moreRowsThanTheLimitFailTheStepWithWords(JenkinsRule r) throws Exception {
        WorkflowJob job = pipeline(r, "puppetDbQuery query: 'nodes[certname] { }', limit: 2");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("returned more than 2 rows", b);
        assertThat(sim.pe.journal().count(PeEndpoint.PDB_QUERY)).isEqualTo(1);
    }

    @Test
    void aParseErrorNamesTheQuery(JenkinsRule r) throws Exception {
        WorkflowJob job = pipeline(r, "puppetDbQuery query: 'nodes badquery {}'");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("PuppetDB refused the query 'nodes badquery {}'", b);
        assertNoSecretIn(b);
    }
}
