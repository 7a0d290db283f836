package io.jenkins.plugins.puppetenterprise.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** JSON reading and writing shared by the simulated services. */
public final class SimulatorJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private SimulatorJson() {}

    /** Parses a request body; an empty body is an error like any other malformed JSON. */
    public static JsonNode parse(byte[] body) throws IOException {
        JsonNode node = MAPPER.readTree(body);
        if (node == null || node.isMissingNode()) {
            throw new IOException("The request body is empty; expected JSON");
        }
        return node;
    }

    /** A string member of a JSON object body; empty when the body is not such an object or lacks it. */
    public static Optional<String> textMember(byte[] body, String name) {
        try {
            JsonNode member = parse(body).get(name);
            return member != null && member.isTextual() ? Optional.of(member.textValue()) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /** The members of a JSON object as plain Java values, in their order. */
    public static Map<String, Object> toMap(JsonNode object) {
        Map<String, Object> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), MAPPER.convertValue(e.getValue(), Object.class)));
        return map;
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** PE's timestamp form: ISO-8601 UTC with milliseconds. */
    public static String timestamp(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
