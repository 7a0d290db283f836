package io.jenkins.plugins.puppetenterprise.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Field access that tolerates what pe-api.md section 7 says real servers send: ids as strings or
 * numbers, numbers as numeric strings, timestamps with or without milliseconds, missing keys.
 */
public final class LenientJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private LenientJson() {}

    /** The field's text (numbers and booleans as text), or null when missing, null or a container. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
    }

    /** The first of the fields that is present as text. */
    public static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The field as a long (number or numeric string), or null. */
    public static Long longValue(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            try {
                return (long) Double.parseDouble(value.trim());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
    }

    /** The field as a double (number or numeric string), or null. */
    public static Double doubleValue(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The field as a boolean (true, "true"), false when missing. */
    public static boolean bool(JsonNode node, String field) {
        String value = text(node, field);
        return value != null && Boolean.parseBoolean(value.trim());
    }

    /** The field as an instant (ISO-8601 with or without fraction, with Z or an offset), or null. */
    public static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The field as it is, or a JSON null when missing. Never Java null. */
    public static JsonNode node(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null ? NullNode.getInstance() : value;
    }

    /** The field as a list of texts; a single string becomes a one-element list, missing an empty one. */
    public static List<String> texts(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        List<String> result = new ArrayList<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (value.isArray()) {
            value.forEach(item -> {
                if (item.isValueNode() && !item.isNull()) {
                    result.add(item.asText());
                }
            });
        } else if (value.isValueNode()) {
            result.add(value.asText());
        }
        return result;
    }

    /** True when the node is a PE error object: a JSON object with a string {@code kind}. */
    public static boolean isErrorObject(JsonNode node) {
        return node != null && node.isObject() && node.path("kind").isTextual();
    }
}
