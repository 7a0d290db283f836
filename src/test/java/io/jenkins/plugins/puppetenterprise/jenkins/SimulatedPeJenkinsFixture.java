package io.jenkins.plugins.puppetenterprise.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.util.Secret;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.deploy.EnvironmentSpec;
import io.jenkins.plugins.puppetenterprise.simulator.job.JobScript;
import io.jenkins.plugins.puppetenterprise.simulator.job.NodeScript;
import io.jenkins.plugins.puppetenterprise.simulator.job.TaskSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.ScriptedEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The PE simulator as the Jenkins tests use it: a user {@code deployer} with a token and a password,
 * environments {@code production}, {@code testing} and {@code broken} (its deploys fail), the plan
 * {@link #PLAN} (one {@code version} parameter, one event, result {@code {output: done}}), and
 * the task {@link #TASK} (a {@code service} parameter and a Sensitive {@code secret}, no noop support), Puppet-run
 * and task jobs whose nodes run for {@link #JOB_RUNS_FOR}, and
 * in Jenkins the installation {@code production} with the simulator's URLs and CA, a Secret text
 * credential {@link #TOKEN_ID} and a Username with password credential {@link #PASSWORD_ID}.
 * Plan jobs and Puppet-run and task jobs run on the simulator's fake clock: they end when the test advances it.
 */
final class SimulatedPeJenkinsFixture implements AutoCloseable, AfterEachCallback {
    static final String INSTALLATION = "production";
    static final String TOKEN_ID = "pe-token";
    static final String PASSWORD_ID = "pe-user";
    static final String USER = "deployer";
    static final String PLAN = "app::deploy";
    static final String PLAN_EVENT = "Rolling out to canary nodes";
    static final Duration PLAN_RUNS_FOR = Duration.ofMinutes(5);
    static final String BROKEN_ERROR = "Authentication failed for Git remote";
    /** A task with a {@code service} parameter and a {@code secret} one its metadata marks sensitive; no noop. */
    static final String TASK = "app::rotate";

    static final Duration JOB_RUNS_FOR = Duration.ofMinutes(5);
    static final String WEB01 = "web01.example.com";
    static final String WEB02 = "web02.example.com";

    final FakeClock clock = new FakeClock();
    final PeSimulator pe;
    final String token;
    final String password;

    /** @param password the PE user's password; tests that hunt for secrets pass a distinctive one */
    SimulatedPeJenkinsFixture(String password) {
        this.password = password;
        pe = PeSimulator.start(clock);
        pe.addUser(USER, password, UserPermissions.deployer());
        token = pe.issueToken(USER, Duration.ofDays(2));
        pe.putEnvironment(EnvironmentSpec.named("testing").instant());
        pe.putEnvironment(EnvironmentSpec.named("broken").instant().failingWith(BROKEN_ERROR));
        pe.putEnvironment(EnvironmentSpec.named("production").instant());
        pe.addPlan(PlanSpec.named(PLAN).withParameter("version", "Optional[String]", "Version to roll out"));
        pe.scriptPlan(
                PLAN,
                PlanJobScript.succeeding(PLAN_RUNS_FOR)
                        .withEvents(ScriptedEvent.outMessage(Duration.ZERO, PLAN_EVENT))
                        .withResult(Map.of("output", "done")));
        pe.addTask(TaskSpec.named(TASK)
                .withParameter("service", "String[1]", "Service whose credentials rotate")
                .withSensitiveParameter("secret", "String[1]"));
        pe.scriptJobs(JobScript.allFinishing(JOB_RUNS_FOR));
    }

    SimulatedPeJenkinsFixture() {
        this("deployer-password-3e8b");
    }

    /** Configures the installation and both credentials in this Jenkins. */
    void configure(JenkinsRule r) throws Exception {
        PeInstallation installation = new PeInstallation(INSTALLATION, null);
        installation.setRbacUrl(pe.rbacUrl().toString());
        installation.setCodeManagerUrl(pe.codeManagerUrl().toString());
        installation.setOrchestratorUrl(pe.orchestratorUrl().toString());
        installation.setConsoleUrl(pe.consoleUrl().toString());
        installation.setPuppetDbUrl(pe.puppetDbUrl().toString());
        installation.setCaCertificates(pe.caPem());
        installation.setCredentialsId(TOKEN_ID);
        PuppetEnterpriseConfiguration.get().setInstallations(List.of(installation));
        var store = CredentialsProvider.lookupStores(r.jenkins).iterator().next();
        store.addCredentials(
                Domain.global(),
                new StringCredentialsImpl(CredentialsScope.GLOBAL, TOKEN_ID, "PE token", Secret.fromString(token)));
        store.addCredentials(
                Domain.global(),
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, PASSWORD_ID, "PE user", USER, password));
    }

    /** Lets every plan job started so far reach its end. */
    void finishPlanJobs() {
        clock.advance(PLAN_RUNS_FOR.plusMinutes(1));
    }

    /** Lets every Puppet-run and task job started so far reach its end. */
    void finishJobs() {
        clock.advance(JOB_RUNS_FOR.plusMinutes(1));
    }

    /**
     * The next Puppet-run or task job: {@link #WEB01} ends at once (its log line shows that the watch follows the
     * job), every other node runs for {@link #JOB_RUNS_FOR}.
     */
    void scriptFirstNodeDoneOthersRunning() {
        pe.scriptNextJob(JobScript.allFinishing(JOB_RUNS_FOR).node(WEB01, NodeScript.finishing(Duration.ZERO)));
    }

    /** The next Puppet-run or task job: every node ends at once, so the first poll sees the job finished. */
    void scriptNextJobDoneAtOnce() {
        pe.scriptNextJob(JobScript.allFinishing(Duration.ZERO));
    }

    /** As a test's {@code @RegisterExtension} field: one simulator per test, closed after it. */
    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        pe.close();
    }
}
