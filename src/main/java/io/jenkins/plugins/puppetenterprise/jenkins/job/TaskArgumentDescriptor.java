package io.jenkins.plugins.puppetenterprise.jenkins.job;

import hudson.RelativePath;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import io.jenkins.plugins.puppetenterprise.jenkins.PeForms;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What every kind of task parameter row offers in the form: the selected task's parameter names as a picker and
 * the name's check, reading the step's own task, server, credential and environment ({@code ../} from the row).
 * Stapler finds these inherited web methods on each kind's descriptor. A required parameter missing from the
 * list is not a row's to judge (no request carries every row's name): the build refuses it before the task is
 * sent.
 */
public abstract class TaskArgumentDescriptor extends Descriptor<TaskArgument> {
    @POST
    public ComboBoxModel doFillNameItems(
            @AncestorInPath Item item,
            @RelativePath("..") @QueryParameter String task,
            @RelativePath("..") @QueryParameter String server,
            @RelativePath("..") @QueryParameter String credentialsId,
            @RelativePath("..") @QueryParameter String environment) {
        return PeForms.taskParameterItems(item, task, server, credentialsId, environment);
    }

    @POST
    public FormValidation doCheckName(
            @AncestorInPath Item item,
            @QueryParameter String value,
            @RelativePath("..") @QueryParameter String task,
            @RelativePath("..") @QueryParameter String server,
            @RelativePath("..") @QueryParameter String credentialsId,
            @RelativePath("..") @QueryParameter String environment) {
        return PeForms.checkTaskParameter(item, value, task, server, credentialsId, environment);
    }
}
