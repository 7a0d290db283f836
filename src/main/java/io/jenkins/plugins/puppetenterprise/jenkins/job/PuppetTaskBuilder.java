package io.jenkins.plugins.puppetenterprise.jenkins.job;

import hudson.EnvVars;
import hudson.Extension;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Builder;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.puppetenterprise.jenkins.FieldText;
import io.jenkins.plugins.puppetenterprise.jenkins.PeCredentialLookup;
import io.jenkins.plugins.puppetenterprise.jenkins.PeForms;
import io.jenkins.plugins.puppetenterprise.jenkins.StepForms;
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
 * The freestyle build step of {@code puppetTask}: the same fields and core; {@code $VAR} in fields is
 * expanded from the build's environment; results are exported as environment variables.
 */
public final class PuppetTaskBuilder extends Builder implements SimpleBuildStep, PuppetTaskSettings {
    private final String task;
    private ArrayList<TaskArgument> parameters = new ArrayList<>();
    private ArrayList<String> nodes = new ArrayList<>();
    private String query;
    private String nodeGroup;
    private String environment;
    private boolean noop;
    private boolean wait = true;
    private int timeout;
    private String server;
    private String credentialsId;
    private String description;
    private String userdata;
    private int waitTimeoutMinutes = DEFAULT_WAIT_TIMEOUT_MINUTES;
    private boolean stopOnAbort = true;
    private boolean forceStop;

    @DataBoundConstructor
    public PuppetTaskBuilder(String task) {
        this.task = FieldText.trimToNull(task);
    }

    @Override
    public String getTask() {
        return task;
    }

    @Override
    public List<TaskArgument> getParameters() {
        return Collections.unmodifiableList(parameters);
    }

    @DataBoundSetter
    public void setParameters(List<TaskArgument> parameters) {
        this.parameters = parameters == null ? new ArrayList<>() : new ArrayList<>(parameters);
    }

    @Override
    public List<String> getNodes() {
        return Collections.unmodifiableList(nodes);
    }

    @DataBoundSetter
    public void setNodes(List<String> nodes) {
        this.nodes = new ArrayList<>(NodeNames.entries(nodes));
    }

    @Override
    public String getQuery() {
        return query;
    }

    @DataBoundSetter
    public void setQuery(String query) {
        this.query = FieldText.trimToNull(query);
    }

    @Override
    public String getNodeGroup() {
        return nodeGroup;
    }

    @DataBoundSetter
    public void setNodeGroup(String nodeGroup) {
        this.nodeGroup = FieldText.trimToNull(nodeGroup);
    }

    @Override
    public String getEnvironment() {
        return environment;
    }

    @DataBoundSetter
    public void setEnvironment(String environment) {
        this.environment = FieldText.trimToNull(environment);
    }

    @Override
    public boolean isNoop() {
        return noop;
    }

    @DataBoundSetter
    public void setNoop(boolean noop) {
        this.noop = noop;
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
    public int getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        this.timeout = timeout;
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
    public String getDescription() {
        return description;
    }

    @DataBoundSetter
    public void setDescription(String description) {
        this.description = FieldText.trimToNull(description);
    }

    @Override
    public String getUserdata() {
        return userdata;
    }

    @DataBoundSetter
    public void setUserdata(String userdata) {
        this.userdata = FieldText.trimToNull(userdata);
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
    public boolean isStopOnAbort() {
        return stopOnAbort;
    }

    @DataBoundSetter
    public void setStopOnAbort(boolean stopOnAbort) {
        this.stopOnAbort = stopOnAbort;
    }

    @Override
    public boolean isForceStop() {
        return forceStop;
    }

    @DataBoundSetter
    public void setForceStop(boolean forceStop) {
        this.forceStop = forceStop;
    }

    /** The form's text for the nodes: one certname per line. */
    public String getNodesText() {
        return String.join("\n", nodes);
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
        OrchestratorJobs.perform(
                run,
                env,
                listener,
                OrchestratorJobs.Kind.TASK,
                this,
                expand -> OrchestratorJobs.taskInput(this, expand));
    }

    @Extension
    @Symbol("pePuppetTask")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return OrchestratorJobs.Kind.TASK.displayName;
        }

        /** The build step's own help.html for the step as a whole; the fields' help is the Pipeline step's. */
        @Override
        public String getHelpFile(String fieldName) {
            if (fieldName == null) {
                return super.getHelpFile(null);
            }
            return Jenkins.get()
                    .getDescriptorByType(PuppetTaskStep.DescriptorImpl.class)
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
        public FormValidation doCheckWaitTimeoutMinutes(@AncestorInPath Item item, @QueryParameter String value) {
            return StepForms.checkMinutes(item, value);
        }

        @POST
        public ComboBoxModel doFillTaskItems(
                @AncestorInPath Item item,
                @QueryParameter String server,
                @QueryParameter String credentialsId,
                @QueryParameter String environment) {
            return PeForms.taskItems(item, server, credentialsId, environment);
        }

        @POST
        public FormValidation doCheckTask(
                @AncestorInPath Item item,
                @QueryParameter String value,
                @QueryParameter String server,
                @QueryParameter String credentialsId,
                @QueryParameter String environment) {
            return JobForms.checkTask(item, value, server, credentialsId, environment);
        }

        @POST
        public FormValidation doCheckNoop(
                @AncestorInPath Item item,
                @QueryParameter boolean value,
                @QueryParameter String task,
                @QueryParameter String server,
                @QueryParameter String credentialsId,
                @QueryParameter String environment) {
            return JobForms.checkNoop(item, value, task, server, credentialsId, environment);
        }
    }
}
