package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.core.deploy.CodeDeployInput;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanRunInput;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import io.jenkins.plugins.puppetenterprise.simulator.deploy.EnvironmentSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.ScriptedEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The core end to end against the PE simulator over real HTTPS, on the simulator's fake clock. */
class ExecutionCoreSimulatorTest {
    private static final String PLAN = "app::deploy";

    private final FakeClock clock = new FakeClock();
    private PeSimulator sim;
    private PeClient client;
    private String token;
    private PeSession session;
    private ManualWatchScheduler scheduler;
    private ExecutionCore core;

    @BeforeEach
    void start() {
        sim = PeSimulator.start(clock);
        sim.addUser("deployer", "pw-canary-9d2", UserPermissions.deployer());
        PeServiceUrls urls = PeServiceUrls.of(
                null,
                sim.rbacUrl().toString(),
                sim.codeManagerUrl().toString(),
                sim.orchestratorUrl().toString(),
                sim.consoleUrl().toString());
        client = PeClient.builder(urls, PeCaBundle.fromPem(sim.caPem())).build();
        token = sim.issueToken("deployer", Duration.ofDays(1));
        session = client.session(PeCredentials.token(token));
        scheduler = new ManualWatchScheduler(clock);
        core = new ExecutionCore(scheduler, clock, PollBackoff.DEFAULT, () -> 0.5);
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    @Test
    void deployOfTwoEnvironmentsOneFailingHasOneLinePerEnvironmentAndTheSignature() throws Exception {
        sim.putEnvironment(EnvironmentSpec.named("production").withDeployDuration(Duration.ofSeconds(20)));
        sim.putEnvironment(EnvironmentSpec.named("broken").failingWith("Git authentication failed"));
        CodeDeployInput input = CodeDeployInput.builder()
                .environments(List.of("production", "broken"))
                .build();
        List<LogLine> submitLines = new CopyOnWriteArrayList<>();
        Submission submission =
                core.submitDeploy(session, "sim", input, submitLines::add).get(20, TimeUnit.SECONDS);
        assertThat(submission.isSubmitted()).isTrue();
        CodeDeployReference reference = (CodeDeployReference) submission.reference();
        long productionId = reference.deploys().get(0).id();

        List<LogLine> lines = new CopyOnWriteArrayList<>();
        Watch watch = core.watch(session, client.urls(), reference, lines::add, TextMask.NONE);
        scheduler.runUntil(watch.outcome());
        Outcome outcome = watch.outcome().get();

        assertThat(sim.journal().entries(PeEndpoint.DEPLOYS_STATUS))
                .filteredOn(e -> e.query() == null)
                .as("the whole status is read once, when production synced")
                .hasSize(1);
        String signature = stagedSignatureAsPeListsIt("production");
        assertThat(signature).matches("[0-9a-f]{40}");
        assertThat(outcome.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(outcome.summary())
                .isEqualTo("1 of 2 environments failed to deploy: broken (Git authentication failed)");
        assertThat(lines)
                .extracting(LogLine::plainText)
                .hasSize(2)
                .satisfiesExactlyInAnyOrder(
                        l -> assertThat(l)
                                .isEqualTo("production: deployed and synced to all servers (deploy " + productionId
                                        + ", commit " + signature + ")."),
                        l -> assertThat(l)
                                .startsWith("broken: failed: Errors while deploying environment 'broken'")
                                .contains("Git authentication failed")
                                .contains("(puppetlabs.code-manager/deploy-failure)"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> environments =
                (Map<String, Map<String, Object>>) outcome.result().get("environments");
        assertThat(environments.get("production"))
                .containsEntry("status", "synced")
                .containsEntry("id", productionId)
                .containsEntry("deploySignature", signature)
                .doesNotContainKeys("environmentCommit", "codeCommit", "error");
        assertThat(environments.get("broken"))
                .containsEntry("status", "failed")
                .doesNotContainKey("deploySignature")
                .containsKey("error");
    }

    @Test
    void aPlanRunRefusedForItsMarkersUserdataIsSentOnceMoreWithoutItAndTheUsersUserdataIsNotDropped() throws Exception {
        sim.addPlan(PlanSpec.named(PLAN));
        sim.scriptPlan(PLAN, PlanJobScript.succeeding(Duration.ofSeconds(30)));
        sim.planRunRefusesUserdata(true);
        List<LogLine> lines = new CopyOnWriteArrayList<>();
        Submission submission = core.submitPlanRun(
                        session,
                        client.urls(),
                        "sim",
                        PlanRunInput.builder().plan(PLAN).build(),
                        "demo",
                        lines::add)
                .get(20, TimeUnit.SECONDS);
        assertThat(submission.isSubmitted()).isTrue();
        String marker = ((PlanRunReference) submission.reference()).marker();
        var posts = sim.journal().entries(PeEndpoint.PLAN_RUN);
        assertThat(posts).hasSize(2);
        assertThat(posts.get(0).body()).contains("\"jenkins_run_marker\"");
        assertThat(posts.get(1).body()).doesNotContain("userdata").contains("[" + marker + "]");
        assertThat(lines).anyMatch(l -> l.plainText().contains("only in its description"));

        Submission refused = core.submitPlanRun(
                        session,
                        client.urls(),
                        "sim",
                        PlanRunInput.builder()
                                .plan(PLAN)
                                .userdata(Map.of("ticket", "CHG-1"))
                                .build(),
                        "demo",
                        line -> {})
                .get(20, TimeUnit.SECONDS);
        assertThat(refused.isSubmitted()).isFalse();
        assertThat(refused.outcome().summary())
                .contains("PE refused the userdata of plan " + PLAN)
                .contains("Remove userdata from the step, or upgrade PE to 2019.8.5");
        assertThat(sim.journal().count(PeEndpoint.PLAN_RUN)).isEqualTo(3);
    }

    @Test
    void planRunStreamsEventsAndResumedWatchesFinishTheSame() throws Exception {
        sim.addPlan(PlanSpec.named(PLAN));
        sim.scriptPlan(
                PLAN,
                PlanJobScript.succeeding(Duration.ofMinutes(3))
                        .withEvents(
                                ScriptedEvent.outMessage(Duration.ofSeconds(20), "canary done"),
                                ScriptedEvent.outMessage(Duration.ofSeconds(90), "rollout done"))
                        .withResult(Map.of("deployed", 3)));
        PlanRunInput input = PlanRunInput.builder().plan(PLAN).build();
        Submission submission = core.submitPlanRun(session, client.urls(), "sim", input, "demo", line -> {})
                .get(20, TimeUnit.SECONDS);
        PlanRunReference saved = (PlanRunReference) submission.reference();
        assertThat(saved.planJob()).isNotNull();

        // A: never interrupted. B: interrupted after the first event; C resumes from B's saved reference.
        List<LogLine> linesA = new CopyOnWriteArrayList<>();
        List<LogLine> linesB = new CopyOnWriteArrayList<>();
        List<LogLine> linesC = new CopyOnWriteArrayList<>();
        AtomicReference<WatchReference> savedByB = new AtomicReference<>(saved);
        CompletableFuture<Void> firstEventOfB = new CompletableFuture<>();
        Watch a = core.watch(session, client.urls(), saved, linesA::add, TextMask.NONE);
        Watch b = core.watch(
                session,
                client.urls(),
                saved,
                new WatchSink() {
                    @Override
                    public void log(LogLine line) {
                        linesB.add(line);
                    }

                    // the reference that counts the first event is handed over after the event's line
                    @Override
                    public void progressed(WatchReference reference) {
                        savedByB.set(reference);
                        if (((PlanRunReference) reference).lastEventId() > PlanRunReference.NO_EVENT) {
                            firstEventOfB.complete(null);
                        }
                    }
                },
                TextMask.NONE);
        scheduler.runUntil(firstEventOfB);
        b.cancel(false).get(20, TimeUnit.SECONDS);
        WatchReference restored = roundTrip(savedByB.get());
        assertThat(((PlanRunReference) restored).lastEventId()).isGreaterThan(PlanRunReference.NO_EVENT);
        Watch c = core.watch(session, client.urls(), restored, linesC::add, TextMask.NONE);
        scheduler.runUntil(CompletableFuture.allOf(a.outcome(), c.outcome()));

        // D: a second watch from the reference saved at submission, after the plan ended.
        List<LogLine> linesD = new CopyOnWriteArrayList<>();
        Watch d = core.watch(session, client.urls(), saved, linesD::add, TextMask.NONE);
        scheduler.runUntil(d.outcome());

        Outcome outcome = a.outcome().get();
        assertThat(outcome.verdict()).isEqualTo(Verdict.SUCCESS);
        assertThat(outcome.result())
                .containsEntry("planJob", saved.planJob())
                .containsEntry("state", "success")
                .containsEntry("result", Map.of("deployed", 3))
                .containsEntry("url", client.urls().planJobPage(saved.planJob()).toString());
        List<String> events = List.of("[plan] canary done", "[plan] rollout done", "[plan] Plan finished");
        String last = "Plan job " + saved.planJob() + " (" + PLAN + ") succeeded: "
                + client.urls().planJobPage(saved.planJob());
        assertThat(eventsAndEnd(linesA)).containsExactlyElementsOf(append(events, last));
        for (Watch resumed : List.of(c, d)) {
            assertThat(resumed.outcome().get().verdict()).isEqualTo(outcome.verdict());
            assertThat(resumed.outcome().get().result()).isEqualTo(outcome.result());
        }
        List<String> interrupted = new ArrayList<>(eventsAndEnd(linesB));
        interrupted.addAll(eventsAndEnd(linesC));
        assertThat(interrupted).containsExactlyElementsOf(append(events, last));
        assertThat(eventsAndEnd(linesD)).containsExactlyElementsOf(append(events, last));
        assertThat(linesC).extracting(LogLine::text).doesNotContain("[plan] canary done");
    }

    /** The event lines and the final line of a watch; state lines depend on when a watch looked. */
    private static List<String> eventsAndEnd(List<LogLine> lines) {
        return lines.stream()
                .map(LogLine::plainText)
                .filter(l -> l.startsWith("[plan] ") || l.contains(" succeeded: "))
                .toList();
    }

    private static List<String> append(List<String> list, String item) {
        List<String> all = new ArrayList<>(list);
        all.add(item);
        return all;
    }

    private static WatchReference roundTrip(WatchReference reference) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(reference);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (WatchReference) in.readObject();
        }
    }

    /** The signature as the simulator lists it, read with a plain HTTPS client (not ours). */
    private String stagedSignatureAsPeListsIt(String environment) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().sslContext(sim.clientSslContext()).build();
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(sim.codeManagerUrl() + "/code-manager/v1/deploys/status"))
                        .header("X-Authentication", token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode staged : new ObjectMapper()
                .readTree(answer.body())
                .path("file-sync-storage-status")
                .path("deployed")) {
            if (environment.equals(staged.path("environment").asText())) {
                return staged.path("deploy-signature").asText();
            }
        }
        throw new AssertionError("the simulator lists no staged deploy of " + environment);
    }
}
