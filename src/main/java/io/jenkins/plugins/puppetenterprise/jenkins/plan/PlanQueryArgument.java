package io.jenkins.plugins.puppetenterprise.jenkins.plan;

import hudson.Extension;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanParameterInput;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** A plan parameter that PE fills with the certnames a PuppetDB (PQL) query returns (PE 2019.8.5+). */
public final class PlanQueryArgument extends PlanArgument {
    @DataBoundConstructor
    public PlanQueryArgument(String name, String value) {
        super(name, value);
    }

    @Override
    public PlanParameterInput toInput() {
        return PlanParameterInput.query(getName(), getValue());
    }

    @Override
    public PlanArgument withValue(String newValue) {
        return new PlanQueryArgument(getName(), newValue);
    }

    @Extension
    @Symbol("query")
    public static final class DescriptorImpl extends PlanArgumentDescriptor {
        @Override
        public String getDisplayName() {
            return "PuppetDB query (nodes)";
        }
    }
}
