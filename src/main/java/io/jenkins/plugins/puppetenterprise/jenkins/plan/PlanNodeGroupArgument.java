package io.jenkins.plugins.puppetenterprise.jenkins.plan;

import hudson.Extension;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanParameterInput;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

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
    public static final class DescriptorImpl extends PlanArgumentDescriptor {
        @Override
        public String getDisplayName() {
            return "Node group (nodes)";
        }
    }
}
