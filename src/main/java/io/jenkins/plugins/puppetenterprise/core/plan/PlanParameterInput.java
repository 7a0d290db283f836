package io.jenkins.plugins.puppetenterprise.core.plan;

import java.util.Objects;

/**
 * One plan parameter: a plain JSON value, or a value the orchestrator resolves to nodes — a
 * PuppetDB query or a node group ID (PE's {@code environment_plan_run} types).
 */
public final class PlanParameterInput {
    /** How the orchestrator reads the value. */
    public enum Type {
        /** A plain JSON value passed to the plan unchanged. */
        PLAIN,
        /** A PQL query whose certnames become the value ({@code "type": "query"}). */
        QUERY,
        /** A node group UUID whose nodes become the value ({@code "type": "node_group"}). */
        NODE_GROUP
    }

    private final String name;
    private final Type type;
    private final Object value;

    private PlanParameterInput(String name, Type type, Object value) {
        this.name = name;
        this.type = type;
        this.value = value;
    }

    /** A plain value: String, Number, Boolean, null, List or Map of those (checked by the request). */
    public static PlanParameterInput plain(String name, Object value) {
        return new PlanParameterInput(name, Type.PLAIN, value);
    }

    public static PlanParameterInput query(String name, String pql) {
        return new PlanParameterInput(name, Type.QUERY, pql);
    }

    public static PlanParameterInput nodeGroup(String name, String nodeGroupId) {
        return new PlanParameterInput(name, Type.NODE_GROUP, nodeGroupId);
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    /** The value as plain Java: String, Number, Boolean, null, List or Map. Never log it. */
    public Object value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlanParameterInput other
                && name.equals(other.name)
                && type == other.type
                && Objects.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, value);
    }

    /** Names the parameter and its type only: values may be secret. */
    @Override
    public String toString() {
        return "PlanParameterInput[" + name + ", " + type + "]";
    }
}
