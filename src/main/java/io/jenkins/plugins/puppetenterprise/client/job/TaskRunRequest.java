package io.jenkins.plugins.puppetenterprise.client.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import java.util.Objects;

/**
 * A task run ({@code POST /command/task}, pe-api-jobs.md 4.9.3) on agent nodes. Optional keys
 * ({@code description}, {@code noop}, {@code timeout}, {@code userdata}) are sent only when set;
 * agentless {@code targets} are out of scope.
 *
 * @param params the task's parameters as a JSON object (may hold sensitive values: never printed)
 */
public record TaskRunRequest(
        String task,
        ObjectNode params,
        JobScope scope,
        String environment,
        String description,
        Boolean noop,
        Integer timeout,
        JsonNode userdata) {

    public TaskRunRequest {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(scope, "scope");
        params = params == null ? LenientJson.MAPPER.createObjectNode() : params.deepCopy();
        environment = environment == null || environment.isBlank() ? "production" : environment.trim();
    }

    public static TaskRunRequest of(String task, ObjectNode params, JobScope scope, String environment) {
        return new TaskRunRequest(task, params, scope, environment, null, null, null, null);
    }

    public TaskRunRequest withDescription(String newDescription) {
        return new TaskRunRequest(task, params, scope, environment, newDescription, noop, timeout, userdata);
    }

    public TaskRunRequest withNoop(Boolean newNoop) {
        return new TaskRunRequest(task, params, scope, environment, description, newNoop, timeout, userdata);
    }

    /** PE's per-node task timeout in seconds (current releases). */
    public TaskRunRequest withTimeout(Integer seconds) {
        return new TaskRunRequest(task, params, scope, environment, description, noop, seconds, userdata);
    }

    public TaskRunRequest withUserdata(JsonNode newUserdata) {
        return new TaskRunRequest(task, params, scope, environment, description, noop, timeout, newUserdata);
    }

    public ObjectNode toJson() {
        ObjectNode body = LenientJson.MAPPER.createObjectNode();
        body.put("task", task);
        body.set("params", params.deepCopy());
        body.set("scope", scope.toJson());
        body.put("environment", environment);
        if (description != null && !description.isBlank()) {
            body.put("description", description);
        }
        if (noop != null) {
            body.put("noop", noop);
        }
        if (timeout != null) {
            body.put("timeout", timeout);
        }
        if (userdata != null && userdata.isObject()) {
            body.set("userdata", userdata);
        }
        return body;
    }

    /** Never prints parameter values: they may be sensitive. */
    @Override
    public String toString() {
        return "TaskRunRequest[task=" + task + ", params=" + names() + ", scope=" + scope.describe() + ", environment="
                + environment + "]";
    }

    private java.util.List<String> names() {
        java.util.List<String> names = new java.util.ArrayList<>();
        params.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
