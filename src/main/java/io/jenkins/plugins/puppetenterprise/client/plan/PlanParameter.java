package io.jenkins.plugins.puppetenterprise.client.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import java.util.Objects;

/**
 * A plan parameter value: a plain JSON value passed to the plan unchanged, or a PuppetDB query or
 * node group UUID that the orchestrator resolves to node names (pe-api.md 4.3; needs PE 2019.8.5).
 * A plan run with any query or node group parameter goes to {@code environment_plan_run}.
 */
public record PlanParameter(Type type, JsonNode value) {

    public enum Type {
        /** A plain JSON value. */
        VALUE,
        /** A PQL query whose certnames become the value. */
        QUERY,
        /** A node group UUID whose nodes become the value. */
        NODE_GROUP
    }

    public PlanParameter {
        Objects.requireNonNull(type, "type");
        value = value == null ? LenientJson.MAPPER.nullNode() : value;
        if (type != Type.VALUE && !(value.isTextual() && !value.asText().isBlank())) {
            throw new IllegalArgumentException("A " + (type == Type.QUERY ? "query" : "node_group")
                    + " parameter needs a non-empty string value (the "
                    + (type == Type.QUERY ? "PQL query" : "node group UUID") + ")");
        }
    }

    /** A plain value: String, Number, Boolean, Map, List, JsonNode or null (converted with Jackson). */
    public static PlanParameter value(Object value) {
        return new PlanParameter(
                Type.VALUE, value instanceof JsonNode json ? json : LenientJson.MAPPER.valueToTree(value));
    }

    public static PlanParameter query(String pql) {
        return new PlanParameter(Type.QUERY, LenientJson.MAPPER.getNodeFactory().textNode(pql));
    }

    public static PlanParameter nodeGroup(String groupId) {
        return new PlanParameter(
                Type.NODE_GROUP, LenientJson.MAPPER.getNodeFactory().textNode(groupId));
    }

    /** The wrapped form of {@code environment_plan_run}: {@code {"value": …}} or {@code {"type": …, "value": …}}. */
    ObjectNode wrapped() {
        ObjectNode node = LenientJson.MAPPER.createObjectNode();
        if (type == Type.QUERY) {
            node.put("type", "query");
        } else if (type == Type.NODE_GROUP) {
            node.put("type", "node_group");
        }
        node.set("value", value);
        return node;
    }

    /** Never prints the value: parameters may be sensitive. */
    @Override
    public String toString() {
        return "PlanParameter[" + type + "]";
    }
}
