package io.jenkins.plugins.puppetenterprise.simulator.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A plan in the simulated control repository, available in every known environment.
 *
 * @param name the plan name, e.g. {@code canary} (a module's init plan) or {@code profile::firewall}
 * @param parameters in declaration order
 */
public record PlanSpec(String name, String description, boolean privatePlan, Map<String, PlanParameter> parameters) {
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(::[a-z][a-z0-9_]*)*");

    public PlanSpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Plan name '" + name
                    + "' is not valid: lower-case segments of letters, digits and _, joined by ::");
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public static PlanSpec named(String name) {
        return new PlanSpec(name, null, false, Map.of());
    }

    public PlanSpec describedAs(String text) {
        return new PlanSpec(name, text, privatePlan, parameters);
    }

    /** A parameter without default: required unless its type is {@code Optional[...]} or {@code Any}. */
    public PlanSpec withParameter(String parameter, String type, String parameterDescription) {
        return with(parameter, new PlanParameter(type, parameterDescription, null));
    }

    public PlanSpec withDefaultedParameter(String parameter, String type, Object defaultValue) {
        return with(parameter, new PlanParameter(type, null, defaultValue));
    }

    /** A required {@code Sensitive[String]} parameter, e.g. a password. */
    public PlanSpec withSensitiveParameter(String parameter, String parameterDescription) {
        return with(parameter, new PlanParameter("Sensitive[String]", parameterDescription, null));
    }

    public PlanSpec with(String parameter, PlanParameter spec) {
        Map<String, PlanParameter> more = new LinkedHashMap<>(parameters);
        more.put(parameter, spec);
        return new PlanSpec(name, description, privatePlan, more);
    }

    /** The path under {@code /orchestrator/v1/plans/}: {@code canary} → {@code canary/init}. */
    String path() {
        return name.contains("::") ? name.replace("::", "/") : name + "/init";
    }

    /** The plan name a {@code /plans/<module>/<rest>} path stands for. */
    static String nameFromPath(String module, String rest) {
        return rest.equals("init") ? module : module + "::" + rest.replace("/", "::");
    }

    Map<String, Object> metadata() {
        Map<String, Object> params = new LinkedHashMap<>();
        parameters.forEach((key, value) -> params.put(key, value.metadata()));
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (description != null) {
            metadata.put("description", description);
        }
        metadata.put("private", privatePlan);
        metadata.put("parameters", params);
        return metadata;
    }
}
