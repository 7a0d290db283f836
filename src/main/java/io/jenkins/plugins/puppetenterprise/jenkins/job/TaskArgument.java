package io.jenkins.plugins.puppetenterprise.jenkins.job;

import hudson.model.Describable;
import io.jenkins.plugins.puppetenterprise.core.job.TaskParameterInput;
import io.jenkins.plugins.puppetenterprise.jenkins.FieldText;

/**
 * One parameter of a task run, written in a Jenkinsfile as {@code value(name: 'action', value: 'install')} or
 * {@code json(name: 'options', value: '{"a": 1}')}, and in the freestyle form and the Snippet Generator as a list
 * of typed entries, as plan parameters are (tasks take no query or node group parameters). Values are never
 * logged. The symbols {@code value} and {@code json} are the plan kinds' too: binding picks the kind by the
 * list's type, but Declarative's validator, when it cannot tell the list's type, looks a symbol up among all
 * describables, so each kind must take exactly the arguments ({@code name}, {@code value}) of its plan namesake.
 */
public abstract class TaskArgument implements Describable<TaskArgument> {
    private final String name;
    private final String value;

    protected TaskArgument(String name, String value) {
        this.name = FieldText.trimToNull(name);
        this.value = value;
    }

    /** The task's parameter name. */
    public String getName() {
        return name;
    }

    public String getValue() {
        return value;
    }

    /** The parameter for the core, which checks it, with {@code value} (this argument's, or it expanded). */
    abstract TaskParameterInput toInput(String value);

    /** Never prints the value: task parameters may be sensitive. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + "]";
    }
}
