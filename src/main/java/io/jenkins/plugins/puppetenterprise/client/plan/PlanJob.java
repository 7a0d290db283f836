package io.jenkins.plugins.puppetenterprise.client.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import io.jenkins.plugins.puppetenterprise.client.PeError;
import java.time.Instant;
import java.util.List;

/**
 * A plan job ({@code GET /plan_jobs/<id>} or an item of {@code GET /plan_jobs}). {@code state} is
 * {@code pending}, {@code running}, {@code success} or {@code failure}; unknown states are kept and
 * treated as not terminal. {@code result} is the plan's return value, or an error object on
 * failure, or JSON null while running.
 */
public record PlanJob(
        String name,
        String state,
        String planName,
        String environment,
        String description,
        JsonNode parameters,
        List<String> sensitive,
        JsonNode result,
        String owner,
        Instant timestamp,
        Instant createdTimestamp,
        Instant finishedTimestamp,
        Double durationSeconds,
        JsonNode userdata,
        JsonNode options) {

    public static PlanJob from(JsonNode node) {
        JsonNode options = LenientJson.node(node, "options");
        JsonNode environment = node.get("environment");
        String environmentName = LenientJson.text(options, "environment");
        if (environmentName == null && environment != null) {
            environmentName = environment.isObject() ? LenientJson.text(environment, "name") : environment.asText(null);
        }
        String description = LenientJson.text(options, "description");
        return new PlanJob(
                LenientJson.text(node, "name"),
                LenientJson.text(node, "state"),
                LenientJson.text(options, "plan_name"),
                environmentName,
                description != null ? description : LenientJson.text(node, "description"),
                LenientJson.node(options, "parameters"),
                List.copyOf(LenientJson.texts(options, "sensitive")),
                LenientJson.node(node, "result"),
                LenientJson.text(LenientJson.node(node, "owner"), "login"),
                LenientJson.instant(node, "timestamp"),
                LenientJson.instant(node, "created_timestamp"),
                LenientJson.instant(node, "finished_timestamp"),
                LenientJson.doubleValue(node, "duration"),
                LenientJson.node(node, "userdata"),
                options);
    }

    public boolean isSuccess() {
        return "success".equals(state);
    }

    public boolean isFailure() {
        return "failure".equals(state);
    }

    public boolean isTerminal() {
        return isSuccess() || isFailure();
    }

    /** The failure's error object when {@code result} is one, else null. */
    public PeError resultError() {
        return LenientJson.isErrorObject(result) ? PeError.from(result) : null;
    }

    /** Never prints parameters or result: they may be sensitive. */
    @Override
    public String toString() {
        return "PlanJob[name=" + name + ", state=" + state + ", plan=" + planName + "]";
    }
}
