package io.jenkins.plugins.puppetenterprise.client.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's metadata ({@code GET /tasks/<module>/<task>}, pe-api-jobs.md 4.9.4). {@code metadata}
 * may be {@code {}} for tasks without a metadata file: then nothing is known about parameters
 * ({@code parametersDeclared} is false, as when the metadata has no {@code parameters} object).
 */
public record TaskMetadata(
        String name, boolean supportsNoop, Map<String, Parameter> parameters, boolean parametersDeclared) {

    /** One declared parameter. Required unless its type accepts {@code Undef} or it has a default. */
    public record Parameter(String type, boolean sensitive, boolean hasDefault) {
        public boolean required() {
            return !hasDefault && type != null && !type.startsWith("Optional[") && !type.equals("Any");
        }
    }

    public TaskMetadata {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public static TaskMetadata from(JsonNode json) {
        JsonNode metadata = LenientJson.node(json, "metadata");
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        JsonNode declared = LenientJson.node(metadata, "parameters");
        if (declared.isObject()) {
            declared.properties()
                    .forEach(e -> parameters.put(
                            e.getKey(),
                            new Parameter(
                                    LenientJson.text(e.getValue(), "type"),
                                    LenientJson.bool(e.getValue(), "sensitive"),
                                    e.getValue().has("default"))));
        }
        return new TaskMetadata(
                LenientJson.text(json, "name"),
                LenientJson.bool(metadata, "supports_noop"),
                parameters,
                declared.isObject());
    }

    public List<String> sensitiveParameters() {
        return parameters.entrySet().stream()
                .filter(e -> e.getValue().sensitive())
                .map(Map.Entry::getKey)
                .toList();
    }
}
