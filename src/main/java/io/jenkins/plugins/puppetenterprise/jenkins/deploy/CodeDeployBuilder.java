package io.jenkins.plugins.puppetenterprise.jenkins.deploy;

import hudson.EnvVars;
import hudson.Extension;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.puppetenterprise.core.deploy.CodeDeployInput;
import io.jenkins.plugins.puppetenterprise.jenkins.BuilderRun;
import io.jenkins.plugins.puppetenterprise.jenkins.FieldText;
import io.jenkins.plugins.puppetenterprise.jenkins.PeCredentialLookup;
import io.jenkins.plugins.puppetenterprise.jenkins.PeExecution;
import io.jenkins.plugins.puppetenterprise.jenkins.StepForms;
import io.jenkins.plugins.puppetenterprise.jenkins.StepInput;
import io.jenkins.plugins.puppetenterprise.jenkins.StepLists;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jenkins.model.Jenkins;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The freestyle build step of {@code puppetCodeDeploy}: the same fields and core; {@code $VAR} in
 * fields is expanded from the build's environment; results are exported as environment variables.
 */
public final class CodeDeployBuilder extends Builder implements SimpleBuildStep, CodeDeploySettings {
    private ArrayList<String> environments = new ArrayList<>();
    private ArrayList<String> branches = new ArrayList<>();
    private String environmentPrefix;
    private boolean all;
    private boolean wait = true;
    private boolean dryRun;
    private boolean deployModules = true;
    private ArrayList<String> modules = new ArrayList<>();
    private String server;
    private String credentialsId;
    private int waitTimeoutMinutes = CodeDeployStep.DEFAULT_WAIT_TIMEOUT_MINUTES;

    @DataBoundConstructor
    public CodeDeployBuilder() {}

    @Override
    public List<String> getEnvironments() {
        return Collections.unmodifiableList(environments);
    }

    @DataBoundSetter
    public void setEnvironments(List<String> environments) {
        this.environments = new ArrayList<>(StepLists.names(environments));
    }

    @Override
    public List<String> getBranches() {
        return Collections.unmodifiableList(branches);
    }

    @DataBoundSetter
    public void setBranches(List<String> branches) {
        this.branches = new ArrayList<>(StepLists.names(branches));
    }

    @Override
    public String getEnvironmentPrefix() {
        return environmentPrefix;
    }

    @DataBoundSetter
    public void setEnvironmentPrefix(String environmentPrefix) {
        this.environmentPrefix = FieldText.trimToNull(environmentPrefix);
    }

    @Override
    public boolean isAll() {
        return all;
    }

    @DataBoundSetter
    public void setAll(boolean all) {
        this.all = all;
    }

    @Override
    public boolean isWait() {
        return wait;
    }

    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
    }

    @Override
    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    @Override
    public boolean isDeployModules() {
        return deployModules;
    }

    @DataBoundSetter
    public void setDeployModules(boolean deployModules) {
        this.deployModules = deployModules;
    }

    @Override
    public List<String> getModules() {
        return Collections.unmodifiableList(modules);
    }

    @DataBoundSetter
    public void setModules(List<String> modules) {
        this.modules = new ArrayList<>(StepLists.names(modules));
    }

    @Override
    public String getServer() {
        return server;
    }

    @DataBoundSetter
    public void setServer(String server) {
        this.server = FieldText.trimToNull(server);
    }

    @Override
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = FieldText.trimToNull(credentialsId);
    }

    @Override
    public int getWaitTimeoutMinutes() {
        return waitTimeoutMinutes;
    }

    @DataBoundSetter
    public void setWaitTimeoutMinutes(int waitTimeoutMinutes) {
        this.waitTimeoutMinutes = waitTimeoutMinutes;
    }

    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
    }

    @Override
    public void perform(Run<?, ?> run, EnvVars env, TaskListener listener) throws InterruptedException, IOException {
        BuilderRun.requireFreestyle(run, "puppetCodeDeploy");
        CodeDeployBuilder expanded = new CodeDeployBuilder();
        expanded.setEnvironments(environments.stream().map(env::expand).toList());
        expanded.setBranches(branches.stream().map(env::expand).toList());
        expanded.setEnvironmentPrefix(environmentPrefix == null ? null : env.expand(environmentPrefix));
        expanded.setAll(all);
        expanded.setWait(wait);
        expanded.setDryRun(dryRun);
        expanded.setDeployModules(deployModules);
        expanded.setModules(modules.stream().map(env::expand).toList());
        expanded.setWaitTimeoutMinutes(waitTimeoutMinutes);
        String expandedServer = server == null ? null : env.expand(server);
        CodeDeployInput input = StepInput.orAbort(() -> CodeDeployStep.input(expanded));
        BuilderRun.run(
                run,
                listener,
                expandedServer,
                credentialsId,
                wait,
                false,
                "Code deploy",
                (session, installation, log) ->
                        PeExecution.core().submitDeploy(session, installation.getName(), input, log));
    }

    @Extension
    @Symbol("peCodeDeploy")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return "Deploy code with Puppet Enterprise Code Manager";
        }

        /** The build step's own help.html for the step as a whole; the fields' help is the Pipeline step's. */
        @Override
        public String getHelpFile(String fieldName) {
            if (fieldName == null) {
                return super.getHelpFile(null);
            }
            return Jenkins.get()
                    .getDescriptorByType(CodeDeployStep.DescriptorImpl.class)
                    .getHelpFile(fieldName);
        }

        @POST
        public ListBoxModel doFillServerItems(@AncestorInPath Item item, @QueryParameter String server) {
            return StepForms.serverItems(item, server);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(
                @AncestorInPath Item item, @QueryParameter String credentialsId, @QueryParameter String server) {
            return PeCredentialLookup.itemsFor(item, credentialsId, server);
        }

        @POST
        public FormValidation doCheckCredentialsId(
                @AncestorInPath Item item, @QueryParameter String value, @QueryParameter String server) {
            return PeCredentialLookup.checkInItem(item, value, server);
        }

        @POST
        public FormValidation doCheckEnvironments(
                @AncestorInPath Item item,
                @QueryParameter String value,
                @QueryParameter String branches,
                @QueryParameter boolean all) {
            return StepForms.checkDeploy(item, value, branches, all);
        }

        @POST
        public FormValidation doCheckWaitTimeoutMinutes(@AncestorInPath Item item, @QueryParameter String value) {
            return StepForms.checkMinutes(item, value);
        }
    }
}
