package io.jenkins.plugins.puppetenterprise.jenkins.plan;

import hudson.Extension;
import hudson.RelativePath;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import io.jenkins.plugins.puppetenterprise.core.PlanParameterInput;
import io.jenkins.plugins.puppetenterprise.jenkins.PeForms;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** A plan parameter whose value is sent as a JSON string, as written. */
public final class PlanValueArgument extends PlanArgument {
    @DataBoundConstructor
    public PlanValueArgument(String name, String value) {
        super(name, value);
    }

    @Override
    public PlanParameterInput toInput() {
        return PlanParameterInput.plain(getName(), getValue() == null ? "" : getValue());
    }

    @Override
    public PlanArgument withValue(String newValue) {
        return new PlanValueArgument(getName(), newValue);
    }

    @Extension
    @Symbol("value")
    public static final class DescriptorImpl extends Descriptor<PlanArgument> {
        @Override
        public String getDisplayName() {
            return "Text value";
        }

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
}
