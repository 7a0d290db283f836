package io.jenkins.plugins.puppetenterprise.jenkins.job;

import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.puppetenterprise.client.job.JobClient;
import io.jenkins.plugins.puppetenterprise.jenkins.FieldText;
import io.jenkins.plugins.puppetenterprise.jenkins.PeForms;
import io.jenkins.plugins.puppetenterprise.jenkins.StepForms;

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

    /** Warns when noop is asked of a task that does not support it. */
    static FormValidation checkNoop(
            Item item, boolean noop, String task, String server, String credentialsId, String environment) {
        return PeForms.checkNoop(item, noop, task, server, credentialsId, environment);
    }
}
