package io.jenkins.plugins.puppetenterprise.client.plan;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parameter in a plan's metadata: Puppet type (e.g. {@code TargetSpec}, {@code Any} when
 * untyped), description, default value (null when none: {@link #hasDefault()} says which) and the
 * {@code sensitive} flag.
 */
public record PlanParameterInfo(
        String name, String type, String description, boolean hasDefault, JsonNode defaultValue, boolean sensitive) {

    /** Required: no default and a type that does not accept undef. */
    public boolean isRequired() {
        if (hasDefault || type == null) {
            return false;
        }
        String t = type.replace(" ", "");
        return !(t.startsWith("Optional[")
                || t.equals("Optional")
                || t.equals("Any")
                || t.startsWith("Undef")
                || t.startsWith("Variant[Undef")
                || t.contains(",Undef]")
                || t.contains(",Undef,"));
    }
}
