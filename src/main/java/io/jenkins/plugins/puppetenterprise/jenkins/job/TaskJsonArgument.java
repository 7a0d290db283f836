package io.jenkins.plugins.puppetenterprise.jenkins.job;

import hudson.Extension;
import io.jenkins.plugins.puppetenterprise.core.job.TaskParameterInput;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** A task parameter written as JSON: a number, boolean, array, object, null or quoted string. */
public final class TaskJsonArgument extends TaskArgument {
    @DataBoundConstructor
    public TaskJsonArgument(String name, String value) {
        super(name, value);
    }

    @Override
    TaskParameterInput toInput(String value) {
        return TaskParameterInput.json(getName(), value);
    }

    @Extension
    @Symbol("json")
    public static final class DescriptorImpl extends TaskArgumentDescriptor {
        @Override
        public String getDisplayName() {
            return "JSON value";
        }
    }
}
