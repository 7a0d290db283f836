package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.RetryPolicy;
import io.jenkins.plugins.puppetenterprise.core.deploy.CodeDeployInput;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.Fault;
import io.jenkins.plugins.puppetenterprise.simulator.JournalEntry;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The token check at a step's start, as the steps install it: before the session's first call,
 * through that session, on the core's fake clock.
 */
class TokenExpiryCheckSimulatorTest {
    private final FakeClock clock = new FakeClock();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final WatchSink sink = line -> lines.add(line.plainText());
    private PeSimulator sim;
    private PeClient client;
    private ExecutionCore core;

    @BeforeEach
    void start() {
        sim = PeSimulator.start(clock);
        sim.addUser("deployer", "pw-token-expiry", UserPermissions.deployer());
        PeServiceUrls urls = PeServiceUrls.of(
                null,
                sim.rbacUrl().toString(),
                sim.codeManagerUrl().toString(),
                sim.orchestratorUrl().toString(),
                sim.consoleUrl().toString());
        client = PeClient.builder(urls, PeCaBundle.fromPem(sim.caPem()))
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(10)))
                .build();
        core = new ExecutionCore(new ManualWatchScheduler(clock), clock, PollBackoff.DEFAULT, () -> 0.5);
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    @Test
    void aTokenExpiringWithinSevenDaysWarnsWithTheDateAndHowToRenewAndTheDeployGoesOn() throws Exception {
        Submission submission =
                deployWith(sim.issueToken("deployer", Duration.ofDays(3).plusHours(2)));

        assertThat(submission.isSubmitted()).isTrue();
        assertThat(lines)
                .filteredOn(l -> l.startsWith("Warning: the PE RBAC token"))
                .singleElement()
                .asString()
                .contains("of user deployer expires on 2024-05-23 18:00 UTC, in 3 days")
                .contains("puppet access login deployer --lifetime 90d")
                .contains("Secret text credential");
        assertThat(endpoints()).containsExactly(PeEndpoint.AUTHENTICATE_TOKEN, PeEndpoint.DEPLOYS);
    }

    @Test
    void aTokenWithMoreThanSevenDaysLeftAddsNoLine() throws Exception {
        Submission submission =
                deployWith(sim.issueToken("deployer", Duration.ofDays(7).plusMinutes(1)));

        assertThat(submission.isSubmitted()).isTrue();
        assertThat(lines).noneMatch(l -> l.contains("RBAC token"));
    }

    @Test
    void anExpiredTokenFailsBeforeAnyOtherRequestSayingHowToRenewIt() throws Exception {
        String token = sim.issueToken("deployer", Duration.ofHours(1));
        clock.advance(Duration.ofHours(2));

        Submission submission = deployWith(token);

        assertThat(submission.isSubmitted()).isFalse();
        assertThat(submission.outcome().verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(submission.outcome().summary())
                .contains("The PE RBAC token has expired, so nothing was sent to PE")
                .contains("puppet access login")
                .contains("Secret text credential");
        assertThat(endpoints()).containsExactly(PeEndpoint.AUTHENTICATE_TOKEN);
    }

    @Test
    void whenRbacAnswers5xxTheStepGoesOnAfterOneLine() throws Exception {
        sim.faults().forNextRequests(5, Fault.status(503), PeEndpoint.AUTHENTICATE_TOKEN);

        Submission submission = deployWith(sim.issueToken("deployer", Duration.ofDays(1)));

        assertThat(submission.isSubmitted()).isTrue();
        assertThat(lines).filteredOn(l -> l.startsWith("Could not check")).hasSize(1);
        assertThat(endpoints()).endsWith(PeEndpoint.DEPLOYS);
    }

    @Test
    void aReleaseWithoutTheAuthenticateEndpointGoesOnAfterOneLine() throws Exception {
        sim.tokenAuthenticateEndpoint(false);

        Submission submission = deployWith(sim.issueToken("deployer", Duration.ofDays(1)));

        assertThat(submission.isSubmitted()).isTrue();
        assertThat(lines)
                .filteredOn(l -> l.startsWith("Could not check"))
                .singleElement()
                .asString()
                .contains("older PE releases lack it");
    }

    @Test
    void anIdleTimedOutTokenIsNotReportedAsExpired() throws Exception {
        String token = sim.issueToken("deployer", Duration.ofDays(30));
        sim.tokenIdleTimeout(Duration.ofHours(1));
        clock.advance(Duration.ofHours(2));

        Submission submission = deployWith(token);

        assertThat(lines).filteredOn(l -> l.startsWith("Could not check")).hasSize(1);
        assertThat(endpoints())
                .as("the deploy is still tried, and fails in its own words")
                .contains(PeEndpoint.DEPLOYS);
        assertThat(submission.isSubmitted()).isFalse();
        assertThat(submission.outcome().summary()).doesNotContain("has expired");
    }

    @Test
    void theCheckRunsOnceThroughTheSessionItWasGiven() throws Exception {
        PeSession session = client.session(PeCredentials.token(sim.issueToken("deployer", Duration.ofDays(2))));
        session.beforeFirstCall(() -> core.checkToken(session, sink));
        submit(session);
        submit(session);

        assertThat(lines)
                .filteredOn(l -> l.startsWith("Warning: the PE RBAC token"))
                .hasSize(1);
        assertThat(endpoints()).containsExactly(PeEndpoint.AUTHENTICATE_TOKEN, PeEndpoint.DEPLOYS, PeEndpoint.DEPLOYS);
    }

    @Test
    void aSessionThatMintsItsTokensIsNotChecked() throws Exception {
        PeSession session = client.session(
                PeCredentials.password("deployer", "pw-token-expiry".toCharArray(), Duration.ofHours(1), "test"));
        session.beforeFirstCall(() -> core.checkToken(session, sink));
        assertThat(submit(session).isSubmitted()).isTrue();

        assertThat(endpoints()).doesNotContain(PeEndpoint.AUTHENTICATE_TOKEN);
    }

    private Submission deployWith(String token) throws Exception {
        PeSession session = client.session(PeCredentials.token(token));
        session.beforeFirstCall(() -> core.checkToken(session, sink));
        return submit(session);
    }

    private Submission submit(PeSession session) throws Exception {
        return core.submitDeploy(
                        session,
                        "sim",
                        CodeDeployInput.builder()
                                .environments(List.of("production"))
                                .build(),
                        sink)
                .get(20, TimeUnit.SECONDS);
    }

    private List<PeEndpoint> endpoints() {
        return sim.journal().entries().stream()
                .map(JournalEntry::endpoint)
                .filter(e -> e != PeEndpoint.LOGIN && e != PeEndpoint.MINT_TOKEN)
                .toList();
    }
}
