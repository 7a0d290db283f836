package io.jenkins.plugins.puppetenterprise.client.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import java.time.Instant;

/**
 * One job event ({@code GET /jobs/<id>/events}, pe-api-jobs.md 4.9.9): {@code node_running},
 * {@code node_finished}, {@code node_failed}, {@code node_errored}, {@code node_skipped},
 * {@code job_stopping}, {@code job_aborted}, {@code job_finished}, or a type this client does not
 * know. {@code id} is kept as text (numbers are accepted). {@code reportUrl} is the details'
 * {@code report-url}: undocumented for events (the documented details name only the node), but
 * the key under which PE's node items give the console report, so it is taken when PE sends it.
 */
public record JobEvent(String id, String type, Instant timestamp, String node, String message, String reportUrl) {

    public static JobEvent from(JsonNode item) {
        JsonNode details = LenientJson.node(item, "details");
        return new JobEvent(
                LenientJson.text(item, "id"),
                LenientJson.text(item, "type"),
                LenientJson.instant(item, "timestamp"),
                LenientJson.text(details, "node"),
                LenientJson.text(item, "message"),
                LenientJson.text(details, "report-url"));
    }

    /** The id as a number, or -1 when it is not numeric. */
    public long numericId() {
        try {
            return id == null ? -1 : Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A node ended: finished, failed, errored or skipped. */
    public boolean isNodeEnd() {
        return "node_finished".equals(type)
                || "node_failed".equals(type)
                || "node_errored".equals(type)
                || "node_skipped".equals(type);
    }

    /** The run or task started on a node: {@code node_running}, or it finished or failed there. */
    public boolean isNodeRun() {
        return "node_running".equals(type) || "node_finished".equals(type) || "node_failed".equals(type);
    }

    /** The job is no longer running ({@code job_finished} or {@code job_aborted}); the state stays authoritative. */
    public boolean isJobEnd() {
        return "job_finished".equals(type) || "job_aborted".equals(type);
    }
}
