package io.jenkins.plugins.puppetenterprise.client.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /plans/<module>/<name>}: whether the calling user may run the plan, its description,
 * the {@code private} flag and its parameters in declaration order. {@code parametersDeclared} is
 * false when the metadata has no {@code parameters} object ({@code metadata} may be {@code {}}):
 * then nothing is known about the parameters.
 */
public record PlanMetadata(
        String name,
        String environment,
        boolean permitted,
        String description,
        boolean isPrivate,
        Map<String, PlanParameterInfo> parameters,
        boolean parametersDeclared) {

    public PlanMetadata {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public static PlanMetadata from(JsonNode node) {
        JsonNode metadata = LenientJson.node(node, "metadata");
        Map<String, PlanParameterInfo> parameters = new LinkedHashMap<>();
        JsonNode params = metadata.path("parameters");
        if (params.isObject()) {
            params.properties().forEach(entry -> {
                JsonNode p = entry.getValue();
                parameters.put(
                        entry.getKey(),
                        new PlanParameterInfo(
                                entry.getKey(),
                                LenientJson.text(p, "type") == null ? "Any" : LenientJson.text(p, "type"),
                                LenientJson.text(p, "description"),
                                p.has("default_value"),
                                p.has("default_value") ? p.get("default_value") : null,
                                LenientJson.bool(p, "sensitive")));
            });
        }
        JsonNode environment = node.get("environment");
        return new PlanMetadata(
                LenientJson.text(node, "name"),
                environment != null && environment.isObject()
                        ? LenientJson.text(environment, "name")
                        : LenientJson.text(node, "environment"),
                LenientJson.bool(node, "permitted"),
                LenientJson.text(metadata, "description"),
                LenientJson.bool(metadata, "private"),
                parameters,
                params.isObject());
    }

    /** Names of the parameters that must be given. */
    public List<String> requiredParameters() {
        List<String> required = new ArrayList<>();
        parameters.values().stream().filter(PlanParameterInfo::isRequired).forEach(p -> required.add(p.name()));
        return required;
    }

    /** Names of the parameters flagged sensitive, whose values must never be shown. */
    public List<String> sensitiveParameters() {
        return parameters.values().stream()
                .filter(PlanParameterInfo::sensitive)
                .map(PlanParameterInfo::name)
                .toList();
    }
}
