package io.jenkins.plugins.puppetenterprise.jenkins;

import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.PASSWORD_ID;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.puppetenterprise.simulator.Fault;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import java.time.Duration;
import java.time.Instant;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** A PuppetDB query is a read: a restart sends it again, unless the step was stopped meanwhile. */
class PuppetDbQueryRestartJenkinsTest {
    private static final String QUERY = "nodes[certname] { certname ~ \\\"^web\\\" }";

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void aQueryUnansweredWhenJenkinsStoppedIsSentAgainAfterTheRestart() throws Throwable {
        try (SimulatedPeJenkinsFixture sim = new SimulatedPeJenkinsFixture()) {
            sessions.then(r -> {
                sim.configure(r);
                sim.pe.faults().forNextRequests(1, Fault.delay(Duration.ofSeconds(30)), PeEndpoint.PDB_QUERY);
                WorkflowJob job = r.createProject(WorkflowJob.class, "p");
                job.setDefinition(new CpsFlowDefinition(
                        "def web = puppetDbQuery query: \"" + QUERY + "\"\n"
                                + "echo \"certnames=${web.collect { it.certname }.join(',')}\"",
                        true));
                WorkflowRun b = job.scheduleBuild2(0).waitForStart();
                r.waitForMessage("Querying PuppetDB", b);
                assertThat(b.isBuilding()).isTrue();
            });
            sessions.then(r -> {
                WorkflowRun b =
                        r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
                r.assertBuildStatusSuccess(r.waitForCompletion(b));
                r.assertLogContains("Sending the PuppetDB query again after a Jenkins restart.", b);
                r.assertLogContains("certnames=web01.example.com,web02.example.com", b);
                r.assertLogNotContains(sim.token, b);
            });
        }
    }

    @Test
    void aTimeoutThatRanOutWhileJenkinsWasDownEndsTheQueryAndLeavesNoTokenUnrevoked() throws Throwable {
        try (SimulatedPeJenkinsFixture sim = new SimulatedPeJenkinsFixture()) {
            Instant[] deadline = new Instant[1];
            sessions.then(r -> {
                sim.configure(r);
                // the first query is unanswered when Jenkins stops; a second one would be too
                sim.pe.faults().forNextRequests(2, Fault.delay(Duration.ofSeconds(30)), PeEndpoint.PDB_QUERY);
                WorkflowJob job = r.createProject(WorkflowJob.class, "p");
                job.setDefinition(new CpsFlowDefinition(
                        "timeout(time: 20, unit: 'SECONDS') {\n  puppetDbQuery query: \"" + QUERY
                                + "\", credentialsId: '" + PASSWORD_ID + "'\n}",
                        true));
                deadline[0] = Instant.now().plusSeconds(20);
                WorkflowRun b = job.scheduleBuild2(0).waitForStart();
                r.waitForMessage("Querying PuppetDB", b);
            });
            // Jenkins is down while the timeout runs out: on load, timeout stops the body around its resumption
            Thread.sleep(
                    Math.max(0, Duration.between(Instant.now(), deadline[0]).toMillis()) + 2_000);
            sessions.then(r -> {
                WorkflowRun b =
                        r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
                r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
                r.assertLogContains("Timeout has been exceeded", b);
                r.assertLogNotContains("Body did not finish within grace period", b);
                // a session opened on resumption is ended by the stop, whichever of the two came first
                assertThat(sim.pe.journal().count(PeEndpoint.REVOKE_TOKENS))
                        .as("every token minted for the build is revoked")
                        .isEqualTo(sim.pe.journal().count(PeEndpoint.LOGIN))
                        .isPositive();
            });
        }
    }
}
