package io.jenkins.plugins.puppetenterprise.simulator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import io.jenkins.plugins.puppetenterprise.simulator.PeSimulator;
import io.jenkins.plugins.puppetenterprise.simulator.PeTestClient;
import io.jenkins.plugins.puppetenterprise.simulator.UserPermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The issue's check: a plan job scripted to take 2 s is seen pending or running, then finished,
 * through the events API, with increasing event ids and {@code start=} returning only newer
 * events. Once on the real clock (polling, as a client must) and once on a fake clock, with no sleep.
 */
class PlanJobProgressTest {
    private static final Duration STEP = Duration.ofMillis(250);

    @Test
    void twoSecondPlanJobOnTheRealClock() throws Exception {
        try (PeSimulator pe = PeSimulator.start(Clock.systemUTC())) {
            observe(pe, () -> Thread.sleep(STEP.toMillis()));
        }
    }

    @Test
    void twoSecondPlanJobOnAFakeClockNeedsNoSleep() throws Exception {
        FakeClock clock = new FakeClock();
        try (PeSimulator pe = PeSimulator.start(clock)) {
            observe(pe, () -> clock.advance(STEP));
            assertThat(clock.instant())
                    .as("only the fake clock moved the job along")
                    .isAfterOrEqualTo(FakeClock.DEFAULT_START.plusSeconds(2));
        }
    }

    interface TimeStep {
        void pass() throws InterruptedException;
    }

    private static void observe(PeSimulator pe, TimeStep step) throws InterruptedException {
        pe.addUser("deployer", "s3cret", UserPermissions.deployer());
        pe.addPlan(PlanSpec.named("canary").withParameter("nodes", "TargetSpec", null));
        pe.scriptPlan(
                "canary",
                PlanJobScript.succeeding(Duration.ofSeconds(2))
                        .withEvents(
                                ScriptedEvent.outMessage(Duration.ofMillis(100), "starting"),
                                ScriptedEvent.taskStart(Duration.ofMillis(700), "81"),
                                ScriptedEvent.outMessage(Duration.ofMillis(1400), "canary done"))
                        .withResult(List.of("node1.example.com: ok")));
        String token = pe.issueToken("deployer");
        PeTestClient client = new PeTestClient(pe);

        PeTestClient.Answer run = client.post(
                pe.orchestratorUrl(),
                "/orchestrator/v1/command/plan_run",
                token,
                "{\"plan_name\": \"canary\", \"params\": {\"nodes\": [\"node1.example.com\"]}}");
        assertThat(run.status()).isEqualTo(202);
        String job = run.json().get("name").textValue();

        Set<String> statesSeen = new LinkedHashSet<>();
        List<JsonNode> events = new ArrayList<>();
        long start = 0;
        String state = "";
        for (int polls = 0; polls < 200 && !(state.equals("success") && lastIsTerminal(events)); polls++) {
            JsonNode page = client.get(
                            pe.orchestratorUrl(), "/orchestrator/v1/plan_jobs/" + job + "/events?start=" + start, token)
                    .json();
            for (JsonNode event : page.get("items")) {
                long id = Long.parseLong(event.get("id").textValue());
                assertThat(id).as("start= returns only events at or after it").isGreaterThanOrEqualTo(start);
                if (!events.isEmpty()) {
                    assertThat(id).as("event ids increase").isGreaterThan(lastId(events));
                }
                events.add(event);
            }
            if (!events.isEmpty()) {
                start = lastId(events) + 1;
            }
            state = client.get(pe.orchestratorUrl(), "/orchestrator/v1/plan_jobs/" + job, token)
                    .json()
                    .get("state")
                    .textValue();
            statesSeen.add(state);
            if (!state.equals("success")) {
                step.pass();
            }
        }

        assertThat(statesSeen).contains("success");
        assertThat(statesSeen).containsAnyOf("pending", "running");
        assertThat(statesSeen.iterator().next()).isIn("pending", "running");
        assertThat(events)
                .extracting(e -> e.get("type").textValue())
                .containsExactly("out_message", "task_start", "out_message", "plan_finished");
        JsonNode finished = events.get(events.size() - 1);
        assertThat(finished.at("/details/plan-id").textValue()).isEqualTo(job);
        assertThat(finished.at("/details/result/0").textValue()).isEqualTo("node1.example.com: ok");

        JsonNode again = client.get(
                        pe.orchestratorUrl(), "/orchestrator/v1/plan_jobs/" + job + "/events?start=" + start, token)
                .json();
        assertThat(again.get("items")).as("nothing newer than the last event").isEmpty();
        JsonNode fromSecond = client.get(
                        pe.orchestratorUrl(),
                        "/orchestrator/v1/plan_jobs/" + job + "/events?start="
                                + events.get(1).get("id").textValue(),
                        token)
                .json();
        assertThat(fromSecond.get("items")).hasSize(3);
    }

    private static boolean lastIsTerminal(List<JsonNode> events) {
        return !events.isEmpty()
                && events.get(events.size() - 1).get("type").textValue().equals("plan_finished");
    }

    private static long lastId(List<JsonNode> events) {
        return Long.parseLong(events.get(events.size() - 1).get("id").textValue());
    }
}
