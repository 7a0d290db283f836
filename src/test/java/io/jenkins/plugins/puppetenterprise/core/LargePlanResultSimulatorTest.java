package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanRunInput;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.JournalEntry;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.ScriptedEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plan that returns a huge result still succeeds; the step returns a result whole or not at all
 * (a note with the console link in its place), never cut.
 */
class LargePlanResultSimulatorTest {
    private static final int MB = 1024 * 1024;
    private static final String PLAN = "facts::all";

    private final FakeClock clock = new FakeClock();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private PeSimulator pe;
    private PeClient client;

    @BeforeEach
    void start() {
        pe = PeSimulator.start(clock);
        pe.addUser("deployer", "pw-large-result", UserPermissions.deployer());
        pe.addPlan(PlanSpec.named(PLAN));
    }

    @AfterEach
    void stop() {
        client.close();
        pe.close();
    }

    private Outcome run(Object result, long maxAnswerBytes) throws Exception {
        return run(PlanJobScript.succeeding(Duration.ofSeconds(30)), result, maxAnswerBytes);
    }

    private Outcome run(PlanJobScript script, Object result, long maxAnswerBytes) throws Exception {
        pe.scriptPlan(
                PLAN,
                script.withEvents(ScriptedEvent.outMessage(Duration.ofSeconds(5), "gathering facts"))
                        .withResult(result));
        PeServiceUrls urls = PeServiceUrls.of(
                null,
                pe.rbacUrl().toString(),
                pe.codeManagerUrl().toString(),
                pe.orchestratorUrl().toString(),
                pe.consoleUrl().toString());
        client = PeClient.builder(urls, PeCaBundle.fromPem(pe.caPem()))
                .maxAnswerBytes(maxAnswerBytes)
                .build();
        PeSession session = client.session(PeCredentials.token(pe.issueToken("deployer")));
        ManualWatchScheduler scheduler = new ManualWatchScheduler(clock);
        ExecutionCore core = new ExecutionCore(scheduler, clock, PollBackoff.DEFAULT, () -> 0.5);
        WatchSink sink = line -> lines.add(line.plainText());
        Submission submission = core.submitPlanRun(
                        session,
                        client.urls(),
                        "sim",
                        PlanRunInput.builder().plan(PLAN).build(),
                        "large result",
                        sink)
                .get(20, TimeUnit.SECONDS);
        Watch watch = core.watch(session, client.urls(), submission.reference(), sink, submission.mask());
        scheduler.runUntil(watch.outcome());
        return watch.outcome().get(20, TimeUnit.SECONDS);
    }

    @Test
    void aResultLargerThanTheAnswerLimitTakesTheStateFromTheListWithoutResults() throws Exception {
        Outcome outcome = run("x".repeat(2 * MB), MB);

        assertThat(outcome.verdict()).as(outcome.summary()).isEqualTo(Verdict.SUCCESS);
        assertThat(outcome.result()).doesNotContainKey("result").containsEntry("state", "success");
        assertThat((String) outcome.result().get("resultNote"))
                .contains("larger than the plugin reads of one answer (1 MB", "maxAnswerMegabytes")
                .contains(String.valueOf(outcome.result().get("url")));
        assertThat(lines).anyMatch(l -> l.contains("gathering facts"));
        assertThat(lines).anyMatch(l -> l.contains("are larger than the plugin reads") && l.contains("plan job"));
        assertThat(pe.journal().entries(PeEndpoint.PLAN_JOBS))
                .extracting(JournalEntry::query)
                .anyMatch(q -> q.contains("results=exclude"));
    }

    @Test
    void aResultAboveTheReturnValueBoundIsReplacedByANoteNeverCut() throws Exception {
        Outcome outcome = run("x".repeat(PlanRunWatch.MAX_RESULT_JSON_BYTES), PeClient.DEFAULT_MAX_ANSWER_BYTES);

        assertThat(outcome.verdict()).as(outcome.summary()).isEqualTo(Verdict.SUCCESS);
        assertThat(outcome.result()).doesNotContainKey("result");
        assertThat((String) outcome.result().get("resultNote"))
                .contains("more than 1 MB of JSON, the most a step returns")
                .contains(String.valueOf(outcome.result().get("url")));
    }

    @Test
    void aHugeFailureMessageReachesTheSummaryAndTheLogBoundedWithoutUrlUserInformation() throws Exception {
        String msg = "clone of https://ci:glpat-canary77@git.example.com/app failed: " + "y".repeat(200_000);

        Outcome outcome = run(
                PlanJobScript.failing(Duration.ofSeconds(30)),
                Map.of("kind", "bolt/run-failure", "msg", msg),
                PeClient.DEFAULT_MAX_ANSWER_BYTES);

        assertThat(outcome.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(outcome.summary())
                .contains("clone of https://git.example.com/app failed")
                .doesNotContain("glpat-canary77")
                .hasSizeLessThan(3000);
        assertThat(lines)
                .allSatisfy(l -> assertThat(l).doesNotContain("glpat-canary77").hasSizeLessThan(3000));
        assertThat(String.valueOf(outcome.result().get("error"))).doesNotContain("glpat-canary77");
    }

    @Test
    void aResultWithinTheBoundIsReturnedWhole() throws Exception {
        String result = "x".repeat(PlanRunWatch.MAX_RESULT_JSON_BYTES - 2);

        Outcome outcome = run(result, PeClient.DEFAULT_MAX_ANSWER_BYTES);

        assertThat(outcome.result()).containsEntry("result", result).doesNotContainKey("resultNote");
    }
}
