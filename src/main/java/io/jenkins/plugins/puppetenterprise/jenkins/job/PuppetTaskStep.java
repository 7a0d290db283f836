package io.jenkins.plugins.puppetenterprise.jenkins.job;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.puppetenterprise.jenkins.FieldText;
import io.jenkins.plugins.puppetenterprise.jenkins.PeCredentialLookup;
import io.jenkins.plugins.puppetenterprise.jenkins.PeForms;
import io.jenkins.plugins.puppetenterprise.jenkins.StepForms;
import java.util.Collections;
import java.util.List;
import java.util.Set;
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
 * {@code puppetTask}: runs a task on agent nodes through the Orchestrator and, by default, waits for the job
 * without an executor; returns the job, its state, console URL, counts per node state and per node its result.
 * Agentless (SSH/WinRM) targets are out of scope.
 */
public final class PuppetTaskStep extends Step implements PuppetTaskSettings {
    private final String task;
    private List<TaskArgument> parameters = List.of();
    private List<String> nodes = List.of();
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
    public PuppetTaskStep(String task) {
        this.task = FieldText.trimToNull(task);
    }

    @Override
    public String getTask() {
        return task;
    }

    @Override
    public List<TaskArgument> getParameters() {
        return parameters;
    }

    @DataBoundSetter
    public void setParameters(List<TaskArgument> parameters) {
        this.parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    @Override
    public List<String> getNodes() {
        return nodes;
    }

    @DataBoundSetter
    public void setNodes(List<String> nodes) {
        this.nodes = Collections.unmodifiableList(NodeNames.entries(nodes));
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
    public StepExecution start(StepContext context) {
        return new OrchestratorJobs.Execution(
                context,
                OrchestratorJobs.Kind.TASK,
                this,
                () -> OrchestratorJobs.taskInput(this, OrchestratorJobs.AS_GIVEN));
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return OrchestratorJobs.Kind.TASK.functionName;
        }

        @Override
        public String getDisplayName() {
            return OrchestratorJobs.Kind.TASK.displayName;
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
