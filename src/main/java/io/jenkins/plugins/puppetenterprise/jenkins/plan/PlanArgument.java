package io.jenkins.plugins.puppetenterprise.jenkins.plan;

import hudson.model.Describable;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanParameterInput;
import io.jenkins.plugins.puppetenterprise.jenkins.FieldText;

/**
 * One parameter of a plan run, written in a Jenkinsfile as {@code value(name: 'version', value:
 * '1.2')}, {@code json(...)}, {@code query(...)} or {@code nodeGroup(...)}, and in the freestyle form
 * and the Snippet Generator as a list of typed entries. A list of describable entries (rather than a
 * Map) is what the structs plugin can describe, so every form round-trips; values are never logged.
 */
public abstract class PlanArgument implements Describable<PlanArgument> {
    private final String name;
    private final String value;

    protected PlanArgument(String name, String value) {
        this.name = FieldText.trimToNull(name);
        this.value = value;
    }

    /** The plan's parameter name. */
    public String getName() {
        return name;
    }

    public String getValue() {
        return value;
    }

    /**
     * The parameter for the execution core, which checks it (query text, node group ID, plain values).
     *
     * @throws IllegalArgumentException naming the parameter (never its value) and the fix
     */
    public abstract PlanParameterInput toInput();

    /** The same argument with {@code $VAR} references in its value expanded (freestyle builds). */
    public abstract PlanArgument withValue(String newValue);

    String describeField() {
        return "parameters: '" + (name == null ? "" : name) + "'";
    }

    /** Never prints the value: plan parameters may be sensitive. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + "]";
    }
}
