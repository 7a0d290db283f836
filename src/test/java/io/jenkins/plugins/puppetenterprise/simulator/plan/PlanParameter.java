package io.jenkins.plugins.puppetenterprise.simulator.plan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A parameter in a plan's metadata.
 *
 * @param type the Puppet type, e.g. {@code TargetSpec}, {@code Optional[String]}, {@code Sensitive[String]}
 * @param description optional text, or null
 * @param defaultValue the default as a JSON-compatible value, or null when there is none
 */
public record PlanParameter(String type, String description, Object defaultValue) {
    public PlanParameter {
        Objects.requireNonNull(type, "type");
    }

    /** Without a default, a parameter is required unless its type accepts undef. */
    public boolean required() {
        return defaultValue == null && !type.startsWith("Optional[") && !type.equals("Any") && !type.equals("Undef");
    }

    /** Values of {@code Sensitive} parameters are hidden in job details and the journal. */
    public boolean sensitive() {
        return type.startsWith("Sensitive") || type.startsWith("Optional[Sensitive");
    }

    Map<String, Object> metadata() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", type);
        if (description != null) {
            entry.put("description", description);
        }
        if (defaultValue != null) {
            entry.put("default_value", defaultValue);
        }
        if (sensitive()) {
            entry.put("sensitive", true);
        }
        return entry;
    }
}
