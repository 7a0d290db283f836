package io.jenkins.plugins.puppetenterprise.jenkins.job;

import hudson.Extension;
import io.jenkins.plugins.puppetenterprise.core.job.TaskParameterInput;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** A task parameter whose value is sent as a JSON string, as written. */
public final class TaskValueArgument extends TaskArgument {
    @DataBoundConstructor
    public TaskValueArgument(String name, String value) {
        super(name, value);
    }

    @Override
    TaskParameterInput toInput(String value) {
        return TaskParameterInput.text(getName(), value);
    }

    @Extension
    @Symbol("value")
    public static final class DescriptorImpl extends TaskArgumentDescriptor {
        @Override
        public String getDisplayName() {
            return "Text value";
        }
    }
}
