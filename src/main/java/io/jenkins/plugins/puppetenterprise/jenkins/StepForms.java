package io.jenkins.plugins.puppetenterprise.jenkins;

import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.puppetenterprise.core.deploy.CodeDeployInput;
import io.jenkins.plugins.puppetenterprise.core.input.InvalidInputException;
import io.jenkins.plugins.puppetenterprise.core.input.WaitTimeouts;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * Form support shared by the steps and build steps. Every check first asks for the permission to
 * configure the job (or to administer Jenkins outside a job); without it, it says nothing.
 */
public final class StepForms {
    private StepForms() {}

    public static boolean mayConfigure(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    public static ListBoxModel serverItems(Item item, String server) {
        if (!mayConfigure(item)) {
            ListBoxModel current = new ListBoxModel();
            String value = FieldText.trimToNull(server);
            current.add(value == null ? "" : value);
            return current;
        }
        return PuppetEnterpriseConfiguration.get().serverItems(item, server);
    }

    /** Checks the environments, or the branches given instead; variables are judged only at run time. */
    public static FormValidation checkDeploy(Item item, String environments, String branches, boolean all) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        if ((environments != null && environments.contains("$")) || (branches != null && branches.contains("$"))) {
            return FormValidation.ok();
        }
        try {
            CodeDeployInput.builder()
                    .environments(StepLists.names(List.of(environments == null ? "" : environments)))
                    .branches(StepLists.names(List.of(branches == null ? "" : branches)))
                    .all(all)
                    .build();
            return FormValidation.ok();
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /**
     * Checks the plan's name: an error when it is empty, then a warning when PE, asked with the
     * form's installation, credential and environment ({@link PeForms#checkPlan}), does not list it.
     */
    public static FormValidation checkPlan(
            Item item, String plan, String server, String credentialsId, String environment) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        if (FieldText.trimToNull(plan) == null) {
            return FormValidation.error("Enter the plan's name, for example mymodule::deploy");
        }
        return PeForms.checkPlan(item, plan, server, credentialsId, environment);
    }

    public static FormValidation checkMinutes(Item item, String value) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        long max = WaitTimeouts.MAX_WAIT.toMinutes();
        try {
            int minutes = Integer.parseInt(value == null ? "" : value.trim());
            if (minutes >= 1 && minutes <= max) {
                return FormValidation.ok();
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return FormValidation.error("Enter the wait timeout as a whole number of minutes from 1 to " + max);
    }
}
