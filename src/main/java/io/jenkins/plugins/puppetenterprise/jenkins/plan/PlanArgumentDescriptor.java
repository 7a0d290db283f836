package io.jenkins.plugins.puppetenterprise.jenkins.plan;

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
 * What every kind of plan parameter row offers in the form: the selected plan's parameter names as
 * a picker and the name's check, reading the step's own plan, server, credential and environment
 * ({@code ../} from the row). Stapler finds these inherited web methods on each kind's descriptor.
 */
public abstract class PlanArgumentDescriptor extends Descriptor<PlanArgument> {
    @POST
    public ComboBoxModel doFillNameItems(
            @AncestorInPath Item item,
            @RelativePath("..") @QueryParameter String plan,
            @RelativePath("..") @QueryParameter String server,
            @RelativePath("..") @QueryParameter String credentialsId,
            @RelativePath("..") @QueryParameter String environment) {
        return PeForms.planParameterItems(item, plan, server, credentialsId, environment);
    }

    @POST
    public FormValidation doCheckName(
            @AncestorInPath Item item,
            @QueryParameter String value,
            @RelativePath("..") @QueryParameter String plan,
            @RelativePath("..") @QueryParameter String server,
            @RelativePath("..") @QueryParameter String credentialsId,
            @RelativePath("..") @QueryParameter String environment) {
        return PeForms.checkPlanParameter(item, value, plan, server, credentialsId, environment);
    }
}
