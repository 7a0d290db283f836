package io.jenkins.plugins.puppetenterprise.client.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import java.time.Instant;

/**
 * One node of a job ({@code GET /jobs/<id>/nodes}, pe-api-jobs.md 4.9.7): its state, the message
 * of its latest event, the console report link PE built (if any) and its result, which is JSON
 * null until the node ended (and may stay null for failed or errored nodes).
 */
public record JobNode(
        String name,
        String state,
        String message,
        String reportUrl,
        JsonNode result,
        Instant startTimestamp,
        Instant finishTimestamp,
        Double durationSeconds) {

    public static JobNode from(JsonNode item) {
        JsonNode details = LenientJson.node(item, "details");
        return new JobNode(
                LenientJson.text(item, "name"),
                LenientJson.text(item, "state"),
                LenientJson.text(details, "message"),
                LenientJson.text(details, "report-url"),
                LenientJson.node(item, "result"),
                LenientJson.instant(item, "start_timestamp"),
                LenientJson.instant(item, "finish_timestamp"),
                LenientJson.doubleValue(item, "duration"));
    }

    @Override
    public String toString() {
        return "JobNode[name=" + name + ", state=" + state + "]";
    }
}
