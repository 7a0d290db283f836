package io.jenkins.plugins.puppetenterprise.jenkins.job;

import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.puppetenterprise.client.job.JobClient;
import io.jenkins.plugins.puppetenterprise.core.InputProblem;
import io.jenkins.plugins.puppetenterprise.core.MapInput;
import io.jenkins.plugins.puppetenterprise.jenkins.FieldText;
import io.jenkins.plugins.puppetenterprise.jenkins.PeForms;
import io.jenkins.plugins.puppetenterprise.jenkins.StepForms;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Form checks of the Puppet-run and task fields; the core checks everything again when the build runs. */
final class JobForms {
    private JobForms() {}

    /**
     * The task's name: an error when it is empty or not a task name, then a warning when PE, asked
     * with the form's installation, credential and environment, does not list it.
     */
    static FormValidation checkTask(Item item, String value, String server, String credentialsId, String environment) {
        String task = FieldText.trimToNull(value);
        if (!StepForms.mayConfigure(item) || (task != null && task.contains("${"))) {
            return FormValidation.ok();
        }
        if (task == null) {
            return FormValidation.error("Enter the task's name, for example package or mymodule::restart");
        }
        if (!JobClient.TASK_NAME.matcher(task).matches()) {
            return FormValidation.error("Write the task as module::task, or just module for its init task, in lowercase"
                    + " letters, digits and underscores");
        }
        return PeForms.checkTask(item, task, server, credentialsId, environment);
    }

    /**
     * The task's parameters as JSON object text: an error when it is not a JSON object, then the
     * words of the task's parameters, or a warning naming unknown and missing required ones.
     */
    static FormValidation checkParameters(
            Item item, String value, String task, String server, String credentialsId, String environment) {
        if (!StepForms.mayConfigure(item)) {
            return FormValidation.ok();
        }
        String json = FieldText.trimToNull(value);
        List<String> given = new ArrayList<>();
        if (json != null) {
            List<InputProblem> problems = new ArrayList<>();
            Map<?, ?> parameters = MapInput.read("parameters", null, json, "{\"name\": \"openssl\"}", problems);
            if (parameters == null) {
                // a $VAR the build expands may stand for the whole object: judged when the build runs
                return json.contains("$") || problems.isEmpty()
                        ? FormValidation.ok()
                        : FormValidation.error(problems.get(0).message());
            }
            parameters.keySet().forEach(k -> given.add(String.valueOf(k)));
        }
        return PeForms.checkTaskParameters(item, given, task, server, credentialsId, environment);
    }

    /** Warns when noop is asked of a task that does not support it. */
    static FormValidation checkNoop(
            Item item, boolean noop, String task, String server, String credentialsId, String environment) {
        return PeForms.checkNoop(item, noop, task, server, credentialsId, environment);
    }
}
