package io.jenkins.plugins.puppetenterprise.jenkins.plan;

import hudson.Extension;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanParameterInput;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

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
    public static final class DescriptorImpl extends PlanArgumentDescriptor {
        @Override
        public String getDisplayName() {
            return "Text value";
        }
    }
}
