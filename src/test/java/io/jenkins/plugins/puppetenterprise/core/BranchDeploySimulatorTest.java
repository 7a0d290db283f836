package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.core.deploy.BranchEnvironment;
import io.jenkins.plugins.puppetenterprise.core.deploy.CodeDeployInput;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deploying branches against the simulator's Code Manager, with and without branch-name correction. */
class BranchDeploySimulatorTest {
    private final FakeClock clock = new FakeClock();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final WatchSink sink = line -> lines.add(line.plainText());
    private PeSimulator sim;
    private PeClient client;
    private PeSession session;
    private ManualWatchScheduler scheduler;
    private ExecutionCore core;

    @BeforeEach
    void start() {
        sim = PeSimulator.start(clock);
        sim.addUser("deployer", "pw-branch-deploy", UserPermissions.deployer());
        PeServiceUrls urls = PeServiceUrls.of(
                null,
                sim.rbacUrl().toString(),
                sim.codeManagerUrl().toString(),
                sim.orchestratorUrl().toString(),
                sim.consoleUrl().toString());
        client = PeClient.builder(urls, PeCaBundle.fromPem(sim.caPem())).build();
        session = client.session(PeCredentials.token(sim.issueToken("deployer")));
        scheduler = new ManualWatchScheduler(clock);
        core = new ExecutionCore(scheduler, clock, PollBackoff.DEFAULT, () -> 0.5);
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    @Test
    void theMappingIsTheEnvironmentCodeManagerCreatesWhenItCorrectsBranchNames() {
        sim.invalidBranches("correct");
        for (String branch : List.of("feature/JIRA-12-x", "PR-12", "release-1.2", "café", "main")) {
            assertThat(sim.addBranch(branch))
                    .contains(BranchEnvironment.of(branch, null).environment());
        }
    }

    @Test
    void aCorrectedBranchDeploysTheEnvironmentAndTheLogSaysWhich() throws Exception {
        sim.invalidBranches("correct");
        sim.addBranch("feature/JIRA-12-x");

        Outcome outcome = deployAndWatch("origin/feature/JIRA-12-x");

        assertThat(outcome.verdict()).as(outcome.summary()).isEqualTo(Verdict.SUCCESS);
        assertThat(lines).contains("The branch feature/JIRA-12-x deploys environment feature_JIRA_12_x.");
        assertThat(sim.journal().entries(PeEndpoint.DEPLOYS).get(0).body()).contains("\"feature_JIRA_12_x\"");
    }

    @Test
    void aBranchCodeManagerSkippedIsNotFoundAndTheFailureNamesTheSettingThatCorrectsIt() throws Exception {
        assertThat(sim.addBranch("feature/JIRA-12-x"))
                .as("skipped under invalid_branches: error")
                .isEmpty();

        Outcome outcome = deployAndWatch("feature/JIRA-12-x");

        assertThat(outcome.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(lines)
                .anyMatch(l -> l.startsWith("feature_JIRA_12_x: failed: ")
                        && l.contains("from branch feature/JIRA-12-x")
                        && l.contains("set invalid_branches to correct"));
    }

    @Test
    void aValidBranchThatIsNotFoundGetsNoCorrectionHint() throws Exception {
        Outcome outcome = deployAndWatch("refs/heads/nosuchbranch");

        assertThat(outcome.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(lines).anyMatch(l -> l.startsWith("nosuchbranch: failed: "));
        assertThat(lines).noneMatch(l -> l.contains("invalid_branches"));
    }

    private Outcome deployAndWatch(String branch) throws Exception {
        Submission submission = core.submitDeploy(
                        session,
                        "sim",
                        CodeDeployInput.builder().branches(List.of(branch)).build(),
                        sink)
                .get(20, TimeUnit.SECONDS);
        Watch watch = core.watch(session, client.urls(), submission.reference(), sink, TextMask.NONE);
        scheduler.runUntil(watch.outcome());
        return watch.outcome().get();
    }
}
