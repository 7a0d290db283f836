package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import io.jenkins.plugins.puppetenterprise.client.job.JobEvent;
import io.jenkins.plugins.puppetenterprise.core.job.JobResults;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a job's event gives the front end's page: bounded, masked words per node. */
class JobWatchEventsTest {
    private static JobEvent event(String type, String message) {
        return JobEvent.from(LenientJson.MAPPER.valueToTree(Map.of(
                "id",
                "7",
                "type",
                type,
                "timestamp",
                "2026-12-07T10:15:02Z",
                "details",
                Map.of("node", "web01.example.com"),
                "message",
                message)));
    }

    @Test
    void aNodesWordsAreMaskedAndCutAtTheBoundOfTheResultsErrors() {
        String huge = "pin-4711 " + "x".repeat(20_000);

        NodeProgress progress = JobWatch.progress(event("node_failed", huge), TextMask.of(Set.of("pin-4711")));

        assertThat(progress.node()).isEqualTo("web01.example.com");
        assertThat(progress.state()).isEqualTo("failed");
        assertThat(progress.message())
                .startsWith("**** xxx")
                .hasSize(JobResults.MAX_RESULT_CHARS + 1)
                .endsWith("…");
    }

    @Test
    void eventsOtherThanANodesStartOrEndGiveNothing() {
        assertThat(JobWatch.progress(event("job_stopping", "stopping"), TextMask.NONE))
                .isNull();
        assertThat(JobWatch.progress(event("node_running", "started"), TextMask.NONE)
                        .state())
                .isEqualTo("running");
    }
}
