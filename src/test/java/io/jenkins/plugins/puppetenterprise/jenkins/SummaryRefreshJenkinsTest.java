package io.jenkins.plugins.puppetenterprise.jenkins;

import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.WEB01;
import static io.jenkins.plugins.puppetenterprise.jenkins.SimulatedPeJenkinsFixture.WEB02;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import java.net.URL;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The build page's refresh of a running Puppet run: who gets the table, and that it stops once nothing runs. */
@WithJenkins
class SummaryRefreshJenkinsTest {
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static final String LIVE_ID = "id=\"puppet-enterprise-live\"";

    @RegisterExtension
    private final SimulatedPeJenkinsFixture sim = new SimulatedPeJenkinsFixture();

    @Test
    void theRunningTableIsRefreshedForReadersOfTheJobOnlyAndTheLastAnswerEndsTheRefresh(JenkinsRule r)
            throws Exception {
        sim.configure(r);
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.READ)
                .everywhere()
                .to("outsider"));
        sim.scriptFirstNodeDoneOthersRunning();
        WorkflowJob job = r.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition("puppetRun nodes: ['" + WEB01 + "', '" + WEB02 + "']", true));
        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage(JobStepsJenkinsTest.web01Finished("puppet run"), b);
        String live = b.getUrl() + "puppet-enterprise/live";

        JenkinsRule.WebClient reader = client(r, "reader");
        // HtmlUnit runs the page's scripts: widget-refresh fetches the table once at once in tests, and a
        // script error fails the page
        String page = reader.getPage(b).getWebResponse().getContentAsString();
        assertThat(page)
                .contains(LIVE_ID)
                .contains("data-id=\"puppet-enterprise-live\"")
                .contains("data-url=\"" + r.contextPath + "/" + live + "\"");

        WebResponse running = post(r, reader, live);
        assertThat(running.getStatusCode()).isEqualTo(200);
        assertThat(running.getContentType()).isEqualTo("text/html");
        assertThat(running.getContentAsString().trim())
                .startsWith("<div " + LIVE_ID)
                .contains("<td>running</td>")
                .contains(WEB01)
                .doesNotContain(sim.token);

        WebResponse outsider = post(r, client(r, "outsider"), live);
        assertThat(outsider.getStatusCode()).as("without Item.READ").isIn(403, 404);
        assertThat(outsider.getContentAsString()).doesNotContain(WEB01);
        WebResponse byGet = reader.getPage(new WebRequest(new URL(r.getURL(), live), HttpMethod.GET))
                .getWebResponse();
        assertThat(byGet.getStatusCode()).as("a @POST web method refuses GET").isEqualTo(404);
        WebResponse viewAlone = post(r, reader, b.getUrl() + "puppet-enterprise/table");
        assertThat(viewAlone.getStatusCode())
                .as("the fragment view is reachable only through doLive")
                .isNotEqualTo(200);

        sim.finishJobs();
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        String last = post(r, reader, live).getContentAsString();
        assertThat(last)
                .as("the outcome's record, without the id that keeps the refresh going")
                .doesNotContain(LIVE_ID)
                .contains("<td>finished</td>")
                .contains(WEB02);
        assertThat(reader.getPage(b).getWebResponse().getContentAsString())
                .doesNotContain("data-id=\"puppet-enterprise-live\"")
                .doesNotContain(LIVE_ID);
    }

    /**
     * After a Puppet run ended, the page keeps refreshing while the build runs, so what a later step
     * starts shows without a reload; the answer after the build's end stops it.
     */
    @Test
    void theTableKeepsRefreshingWhileTheBuildRunsAfterItsPuppetRunEnded(JenkinsRule r) throws Exception {
        sim.configure(r);
        sim.scriptNextJobDoneAtOnce();
        WorkflowJob job = r.createProject(WorkflowJob.class, "later");
        job.setDefinition(
                new CpsFlowDefinition("puppetRun nodes: ['" + WEB01 + "', '" + WEB02 + "']\nsemaphore 'after'", true));
        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("after/1", b);
        String live = b.getUrl() + "puppet-enterprise/live";
        JenkinsRule.WebClient viewer = r.createWebClient();

        assertThat(viewer.getPage(b).getWebResponse().getContentAsString())
                .as("the Puppet run ended, the build runs on")
                .contains("data-id=\"puppet-enterprise-live\"")
                .contains(LIVE_ID);
        assertThat(post(r, viewer, live).getContentAsString()).contains(LIVE_ID).contains("<td>finished</td>");

        SemaphoreStep.success("after/1", null);
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(post(r, viewer, live).getContentAsString())
                .as("the build ended: the last answer")
                .doesNotContain(LIVE_ID)
                .contains("<td>finished</td>");
    }

    private static JenkinsRule.WebClient client(JenkinsRule r, String user) throws Exception {
        JenkinsRule.WebClient client = r.createWebClient().login(user);
        client.setThrowExceptionOnFailingStatusCode(false);
        return client;
    }

    private static WebResponse post(JenkinsRule r, JenkinsRule.WebClient client, String path) throws Exception {
        WebRequest request = new WebRequest(new URL(r.getURL(), path), HttpMethod.POST);
        client.addCrumb(request);
        return client.getPage(request).getWebResponse();
    }
}
