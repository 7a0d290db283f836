package io.jenkins.plugins.puppetenterprise.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.puppetenterprise.client.PeError;

/** PE's JSON turned into the plain values a Pipeline may hold. */
public final class PlainJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PlainJson() {}

    /** String, Number, Boolean, List, Map or null. */
    public static Object toPlain(JsonNode node) {
        return node == null || node.isMissingNode() ? null : MAPPER.convertValue(node, Object.class);
    }

    /** The error object in a plan's failure result, or null. */
    static PeError error(JsonNode node) {
        if (node == null || !node.isObject() || !node.hasNonNull("msg") && !node.hasNonNull("kind")) {
            return null;
        }
        return PeError.from(node); // masked and bounded like every PE error text
    }
}
