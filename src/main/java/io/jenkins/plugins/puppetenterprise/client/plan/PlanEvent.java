package io.jenkins.plugins.puppetenterprise.client.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import java.time.Instant;

/**
 * One plan job event. {@code id} is kept as text, as PE sends it (numbers are accepted);
 * {@link #numericId()} orders events. Types: {@code task_start}, {@code out_message},
 * {@code plan_finished}, {@code plan_failed} and others of pe-api.md 4.6.
 */
public record PlanEvent(String id, String type, Instant timestamp, JsonNode details) {

    public static PlanEvent from(JsonNode node) {
        return new PlanEvent(
                LenientJson.text(node, "id"),
                LenientJson.text(node, "type"),
                LenientJson.instant(node, "timestamp"),
                LenientJson.node(node, "details"));
    }

    /** The id as a number, or -1 when it is not numeric. */
    public long numericId() {
        try {
            return id == null ? -1 : Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code details.message} of an {@code out_message} event, or null. */
    public String message() {
        return LenientJson.text(details, "message");
    }

    /** {@code details.job-id} of an action event, as text, or null. */
    public String jobId() {
        return LenientJson.text(details, "job-id");
    }

    /** {@code details.plan} of a sub-plan event, or null. */
    public String plan() {
        return LenientJson.text(details, "plan");
    }

    /** {@code details.result} of {@code plan_finished}/{@code plan_failed}, or JSON null. */
    public JsonNode result() {
        return LenientJson.node(details, "result");
    }

    public boolean isPlanEnd() {
        return "plan_finished".equals(type) || "plan_failed".equals(type);
    }
}
