package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import io.jenkins.plugins.puppetenterprise.client.job.JobEvent;
import io.jenkins.plugins.puppetenterprise.client.job.JobNode;
import io.jenkins.plugins.puppetenterprise.core.job.JobLinks;
import io.jenkins.plugins.puppetenterprise.core.job.JobResults;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a job's event, or its node list after a resume, gives the front end's page: bounded, masked words and report links per node. */
class JobWatchEventsTest {
    private static final JobLinks LINKS = new JobLinks(URI.create("https://console.example.com"));

    private static JobEvent event(String type, String message) {
        return event(type, message, Map.of("node", "web01.example.com"));
    }

    private static JobEvent event(String type, String message, Map<String, Object> details) {
        return JobEvent.from(LenientJson.MAPPER.valueToTree(Map.of(
                "id", "7", "type", type, "timestamp", "2026-12-07T10:15:02Z", "details", details, "message", message)));
    }

    private static JobNode node(Map<String, Object> item) {
        return JobNode.from(LenientJson.MAPPER.valueToTree(item));
    }

    @Test
    void aNodesWordsAreMaskedAndCutAtTheBoundOfTheResultsErrors() {
        String huge = "pin-4711 " + "x".repeat(20_000);

        NodeProgress progress = JobWatch.progress(event("node_failed", huge), TextMask.of(Set.of("pin-4711")), LINKS);

        assertThat(progress.node()).isEqualTo("web01.example.com");
        assertThat(progress.state()).isEqualTo("failed");
        assertThat(progress.message())
                .startsWith("**** xxx")
                .hasSize(JobResults.MAX_RESULT_CHARS + 1)
                .endsWith("…");
    }

    @Test
    void eventsOtherThanANodesStartOrEndGiveNothing() {
        assertThat(JobWatch.progress(event("job_stopping", "stopping"), TextMask.NONE, LINKS))
                .isNull();
        assertThat(JobWatch.progress(event("node_running", "started"), TextMask.NONE, LINKS)
                        .state())
                .isEqualTo("running");
    }

    @Test
    void anEventsReportLinkIsTakenOnTheConfiguredConsoleWhenPeSendsOne() {
        NodeProgress linked = JobWatch.progress(
                event(
                        "node_finished",
                        "Finished",
                        Map.of(
                                "node",
                                "web01.example.com",
                                "report-url",
                                "https://pe-internal:443/#/cm/report/abc12345")),
                TextMask.NONE,
                LINKS);
        NodeProgress plain = JobWatch.progress(event("node_finished", "Finished"), TextMask.NONE, LINKS);

        assertThat(linked.reportUrl()).isEqualTo("https://console.example.com/#/cm/report/abc12345");
        assertThat(plain.reportUrl()).as("documented events carry no link").isNull();
    }

    @Test
    void theNodeListTellsOfEveryBegunNodeWithItsReportLinkAndMaskedWords() {
        NodeProgress finished = JobWatch.progress(
                node(Map.of(
                        "name", "web01.example.com",
                        "state", "finished",
                        "start_timestamp", "2026-12-07T10:15:02Z",
                        "finish_timestamp", "2026-12-07T10:15:38Z",
                        "details",
                                Map.of(
                                        "message",
                                        "Success with pin-4711 ",
                                        "report-url",
                                        "https://pe:443/#/cm/report/c0ffee12"),
                        "result", Map.of("hash", "c0ffee12", "status", "changed"))),
                false,
                TextMask.of(Set.of("pin-4711")),
                LINKS);
        NodeProgress byHash = JobWatch.progress(
                node(Map.of("name", "web02.example.com", "state", "failed", "result", Map.of("hash", "deadbeef99"))),
                false,
                TextMask.NONE,
                LINKS);
        NodeProgress running = JobWatch.progress(
                node(Map.of(
                        "name", "web03.example.com",
                        "state", "running",
                        "start_timestamp", "2026-12-07T10:15:02Z",
                        "details", Map.of("message", "Started puppet run", "run-time", 12))),
                false,
                TextMask.NONE,
                LINKS);

        assertThat(finished)
                .isEqualTo(new NodeProgress(
                        "web01.example.com",
                        "finished",
                        "Success with ****",
                        Instant.parse("2026-12-07T10:15:38Z"),
                        "https://console.example.com/#/cm/report/c0ffee12"));
        assertThat(byHash.reportUrl()).isEqualTo("https://console.example.com/#/cm/report/deadbeef99");
        assertThat(byHash.message()).isEmpty();
        assertThat(running)
                .isEqualTo(new NodeProgress(
                        "web03.example.com",
                        "running",
                        "Started puppet run",
                        Instant.parse("2026-12-07T10:15:02Z"),
                        null));
    }

    @Test
    void theNodeListGivesNothingOfNodesNotBegunAndNoHashLinkForATasksResult() {
        assertThat(JobWatch.progress(
                        node(Map.of("name", "web01.example.com", "state", "new")), false, TextMask.NONE, LINKS))
                .isNull();
        assertThat(JobWatch.progress(
                        node(Map.of("name", "web01.example.com", "state", "ready")), false, TextMask.NONE, LINKS))
                .isNull();
        NodeProgress task = JobWatch.progress(
                node(Map.of(
                        "name", "db01.example.com", "state", "finished", "result", Map.of("hash", "0123456789abcdef"))),
                true,
                TextMask.NONE,
                LINKS);
        assertThat(task.state()).isEqualTo("finished");
        assertThat(task.reportUrl())
                .as("a task's result is its output, not a report")
                .isNull();
    }
}
