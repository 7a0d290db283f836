package io.jenkins.plugins.puppetenterprise.jenkins.deploy;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.core.Submission;
import io.jenkins.plugins.puppetenterprise.core.deploy.CodeDeployInput;
import io.jenkins.plugins.puppetenterprise.jenkins.BuildLog;
import io.jenkins.plugins.puppetenterprise.jenkins.FieldText;
import io.jenkins.plugins.puppetenterprise.jenkins.PeCredentialLookup;
import io.jenkins.plugins.puppetenterprise.jenkins.PeExecution;
import io.jenkins.plugins.puppetenterprise.jenkins.PeInstallation;
import io.jenkins.plugins.puppetenterprise.jenkins.PeStepExecution;
import io.jenkins.plugins.puppetenterprise.jenkins.StepForms;
import io.jenkins.plugins.puppetenterprise.jenkins.StepInput;
import io.jenkins.plugins.puppetenterprise.jenkins.StepLists;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code puppetCodeDeploy}: deploys environments with Code Manager and, by default, waits for them
 * without an executor; returns a map per environment. See help.html for the return value.
 */
public final class CodeDeployStep extends Step implements CodeDeploySettings {
    static final int DEFAULT_WAIT_TIMEOUT_MINUTES = 60;

    private List<String> environments = List.of();
    private List<String> branches = List.of();
    private String environmentPrefix;
    private boolean all;
    private boolean wait = true;
    private boolean dryRun;
    private boolean deployModules = true;
    private List<String> modules = List.of();
    private String server;
    private String credentialsId;
    private int waitTimeoutMinutes = DEFAULT_WAIT_TIMEOUT_MINUTES;

    @DataBoundConstructor
    public CodeDeployStep() {}

    @Override
    public List<String> getEnvironments() {
        return environments;
    }

    @DataBoundSetter
    public void setEnvironments(List<String> environments) {
        this.environments = Collections.unmodifiableList(StepLists.names(environments));
    }

    @Override
    public List<String> getBranches() {
        return branches;
    }

    @DataBoundSetter
    public void setBranches(List<String> branches) {
        this.branches = Collections.unmodifiableList(StepLists.names(branches));
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
        return modules;
    }

    @DataBoundSetter
    public void setModules(List<String> modules) {
        this.modules = Collections.unmodifiableList(StepLists.names(modules));
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
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /** The validated input for the core (every problem at once, naming the fields). */
    static CodeDeployInput input(CodeDeploySettings s) {
        return CodeDeployInput.builder()
                .environments(s.getEnvironments())
                .branches(s.getBranches())
                .environmentPrefix(s.getEnvironmentPrefix())
                .all(s.isAll())
                .waitForCompletion(s.isWait())
                .dryRun(s.isDryRun())
                .deployModules(s.isDeployModules() ? null : Boolean.FALSE)
                .modules(s.getModules())
                .waitTimeout(Duration.ofMinutes(s.getWaitTimeoutMinutes()))
                .build();
    }

    static final class Execution extends PeStepExecution {
        private static final long serialVersionUID = 1L;
        private final transient CodeDeployStep step;

        Execution(StepContext context, CodeDeployStep step) {
            super(context, step.server, step.credentialsId, step.wait, "code deploy");
            this.step = step;
        }

        @Override
        protected CompletableFuture<Submission> submit(
                PeSession session, PeInstallation installation, Run<?, ?> run, BuildLog log) throws AbortException {
            CodeDeployInput input = StepInput.orAbort(() -> input(step));
            return PeExecution.core().submitDeploy(session, installation.getName(), input, log);
        }

        @Override
        protected boolean stopWorkOnCancel() {
            return false;
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "puppetCodeDeploy";
        }

        @Override
        public String getDisplayName() {
            return "Deploy code with Puppet Enterprise Code Manager";
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
