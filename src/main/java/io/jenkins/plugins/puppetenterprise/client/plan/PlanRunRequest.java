package io.jenkins.plugins.puppetenterprise.client.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plan run (pe-api.md 4.2 and 4.3). Null {@code environment}, {@code description},
 * {@code timeout} and {@code userdata} are omitted from the request, so older PE releases that do
 * not know a key never see it; PE then uses {@code production} and its {@code default-plan-timeout}.
 */
public record PlanRunRequest(
        String planName,
        Map<String, PlanParameter> params,
        String environment,
        String description,
        Duration timeout,
        JsonNode userdata) {

    public PlanRunRequest {
        if (planName == null || planName.isBlank()) {
            throw new IllegalArgumentException(
                    "Plan name is empty: enter it as module::plan, or module for its init plan");
        }
        planName = planName.trim();
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException(
                    "Plan timeout must be positive, or unset to use PE's default-plan-timeout");
        }
        if (userdata != null && !userdata.isObject() && !userdata.isNull()) {
            throw new IllegalArgumentException("Plan userdata must be a JSON object (key/value pairs)");
        }
    }

    public static PlanRunRequest of(String planName, Map<String, PlanParameter> params) {
        return new PlanRunRequest(planName, params, null, null, null, null);
    }

    public PlanRunRequest withEnvironment(String newEnvironment) {
        return new PlanRunRequest(planName, params, newEnvironment, description, timeout, userdata);
    }

    public PlanRunRequest withDescription(String newDescription) {
        return new PlanRunRequest(planName, params, environment, newDescription, timeout, userdata);
    }

    public PlanRunRequest withTimeout(Duration newTimeout) {
        return new PlanRunRequest(planName, params, environment, description, newTimeout, userdata);
    }

    public PlanRunRequest withUserdata(JsonNode newUserdata) {
        return new PlanRunRequest(planName, params, environment, description, timeout, newUserdata);
    }

    /** True when any parameter is a query or node group, which needs {@code environment_plan_run}. */
    public boolean needsEnvironmentPlanRun() {
        return params.values().stream().anyMatch(p -> p.type() != PlanParameter.Type.VALUE);
    }

    public ObjectNode toJson() {
        ObjectNode body = LenientJson.MAPPER.createObjectNode();
        body.put("plan_name", planName);
        ObjectNode paramsNode = body.putObject("params");
        boolean wrapped = needsEnvironmentPlanRun();
        params.forEach((name, value) -> paramsNode.set(name, wrapped ? value.wrapped() : value.value()));
        if (environment != null && !environment.isBlank()) {
            body.put("environment", environment.trim());
        }
        if (description != null && !description.isBlank()) {
            body.put("description", description);
        }
        if (timeout != null) {
            body.put("timeout", (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toSeconds())));
        }
        if (userdata != null && userdata.isObject()) {
            body.set("userdata", userdata);
        }
        return body;
    }

    /** Never prints parameter values: they may be sensitive. */
    @Override
    public String toString() {
        return "PlanRunRequest[plan=" + planName + ", params=" + params.keySet() + ", environment=" + environment
                + ", timeout=" + timeout + "]";
    }
}
