package io.jenkins.plugins.puppetenterprise.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.puppetenterprise.client.deploy.DeployRequest;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanRunRequest;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.Fault;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Answers of any size: the client reads at most its limit of one answer and fails that request in words. */
class AnswerSizeLimitSimulatorTest {
    private static final long MB = 1024 * 1024;
    /** More than the sender's and receiver's socket buffers on loopback can hold. */
    private static final long BUFFERS = 16 * MB;

    private final FakeClock clock = new FakeClock();
    private PeSimulator pe;
    private PeClient client;

    @BeforeEach
    void start() {
        pe = PeSimulator.start(clock);
        pe.addUser("deployer", "pw-answer-size", UserPermissions.deployer());
        pe.addPlan(PlanSpec.named("facts::all"));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        pe.close();
    }

    private PeSession session(long maxAnswerBytes) {
        client = PeClient.builder(
                        PeServiceUrls.of(
                                null,
                                pe.rbacUrl().toString(),
                                pe.codeManagerUrl().toString(),
                                pe.orchestratorUrl().toString(),
                                pe.consoleUrl().toString()),
                        PeCaBundle.fromPem(pe.caPem()))
                .retryPolicy(new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(4)))
                .maxAnswerBytes(maxAnswerBytes)
                .build();
        return client.session(PeCredentials.token(pe.issueToken("deployer")));
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aStreamedAnswerOf64MbFailsTheReadAfterAtMostTheLimitAndIsNotRepeated() {
        PeSession session = session(PeClient.DEFAULT_MAX_ANSWER_BYTES);
        pe.faults().forNextRequests(2, Fault.largeBody(64 * MB), PeEndpoint.PLANS);

        assertThatThrownBy(() -> await(session.orchestrator().plans("production")))
                .isInstanceOf(PeAnswerTooLargeException.class)
                .hasMessageContaining("answered HTTP 200 with more than 16 MB")
                .hasMessageContaining("maxAnswerMegabytes");

        assertThat(pe.journal().count(PeEndpoint.PLANS)).as("not sent again").isEqualTo(1);
        assertThat(pe.faults().largeBodyBytesSent())
                .as("bytes the server could send before the client stopped reading")
                .isGreaterThan(PeClient.DEFAULT_MAX_ANSWER_BYTES - 64 * 1024)
                .isLessThanOrEqualTo(PeClient.DEFAULT_MAX_ANSWER_BYTES + BUFFERS);
    }

    @Test
    void aOneShotRequestWhoseAnswerIsTooLargeHasAnUnknownOutcome() {
        PeSession session = session(MB);
        pe.faults().forNextRequests(1, Fault.largeBody(8 * MB), PeEndpoint.DEPLOYS);

        assertThatThrownBy(() -> await(session.codeManager().deploy(DeployRequest.of(List.of("production")))))
                .isInstanceOf(PeUnknownOutcomeException.class)
                .hasMessageContaining("was larger than 1 MB")
                .hasMessageContaining("maxAnswerMegabytes")
                .hasMessageContaining("GET /code-manager/v1/deploys/status");
        assertThat(pe.journal().count(PeEndpoint.DEPLOYS)).isEqualTo(1);
    }

    @Test
    void anAnswerWhoseContentLengthIsAboveTheLimitIsNotRead() {
        pe.scriptPlan("facts::all", PlanJobScript.succeeding(Duration.ZERO).withResult("x".repeat(2 * (int) MB)));
        PeSession session = session(MB);
        String name = await(session.orchestrator().runPlan(PlanRunRequest.of("facts::all", Map.of())));
        clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> await(session.orchestrator().planJob(name)))
                .isInstanceOf(PeAnswerTooLargeException.class)
                .hasMessageContaining("more than 1 MB");
        assertThat(pe.journal().count(PeEndpoint.PLAN_JOB)).as("not sent again").isEqualTo(1);
    }
}
