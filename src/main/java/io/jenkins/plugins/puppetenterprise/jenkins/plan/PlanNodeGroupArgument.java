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

/** A plan parameter that PE fills with the nodes of a node group, given by its ID (PE 2019.8.5+). */
public final class PlanNodeGroupArgument extends PlanArgument {
    @DataBoundConstructor
    public PlanNodeGroupArgument(String name, String value) {
        super(name, value);
    }

    @Override
    public PlanParameterInput toInput() {
        return PlanParameterInput.nodeGroup(getName(), getValue());
    }

    @Override
    public PlanArgument withValue(String newValue) {
        return new PlanNodeGroupArgument(getName(), newValue);
    }

    @Extension
    @Symbol("nodeGroup")
    public static final class DescriptorImpl extends Descriptor<PlanArgument> {
        @Override
        public String getDisplayName() {
            return "Node group (nodes)";
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
