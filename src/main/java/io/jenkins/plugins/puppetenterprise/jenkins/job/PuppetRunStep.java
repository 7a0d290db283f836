package io.jenkins.plugins.puppetenterprise.jenkins.job;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.puppetenterprise.jenkins.FieldText;
import io.jenkins.plugins.puppetenterprise.jenkins.PeCredentialLookup;
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
 * {@code puppetRun}: runs Puppet on nodes (certnames, a PQL query or a node group) through the Orchestrator and, by
 * default, waits for the job without an executor, with a line per node as nodes finish; returns the job, its
 * state, console URL, counts per node state and per node its outcome and report link.
 */
public final class PuppetRunStep extends Step implements PuppetRunSettings {
    private List<String> nodes = List.of();
    private String query;
    private String nodeGroup;
    private String environment;
    private boolean useNodeEnvironments;
    private boolean noop;
    private boolean failOnPendingChanges;
    private boolean wait = true;
    private boolean noNoop;
    private int concurrency;
    private String tags;
    private String skipTags;
    private boolean debug;
    private boolean trace;
    private boolean evaltrace;
    private boolean useCachedCatalog;
    private boolean useCacheOnFailure;
    private int fileTimeout;
    private int httpConnectTimeout;
    private int httpKeepaliveTimeout;
    private int httpReadTimeout;
    private String ordering;
    private int timeout;
    private String server;
    private String credentialsId;
    private String description;
    private String userdata;
    private int waitTimeoutMinutes = DEFAULT_WAIT_TIMEOUT_MINUTES;
    private boolean stopOnAbort = true;
    private boolean forceStop;

    @DataBoundConstructor
    public PuppetRunStep() {}

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
    public boolean isUseNodeEnvironments() {
        return useNodeEnvironments;
    }

    @DataBoundSetter
    public void setUseNodeEnvironments(boolean useNodeEnvironments) {
        this.useNodeEnvironments = useNodeEnvironments;
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
    public boolean isFailOnPendingChanges() {
        return failOnPendingChanges;
    }

    @DataBoundSetter
    public void setFailOnPendingChanges(boolean failOnPendingChanges) {
        this.failOnPendingChanges = failOnPendingChanges;
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
    public boolean isNoNoop() {
        return noNoop;
    }

    @DataBoundSetter
    public void setNoNoop(boolean noNoop) {
        this.noNoop = noNoop;
    }

    @Override
    public int getConcurrency() {
        return concurrency;
    }

    @DataBoundSetter
    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    @Override
    public String getTags() {
        return tags;
    }

    @DataBoundSetter
    public void setTags(String tags) {
        this.tags = FieldText.trimToNull(tags);
    }

    @Override
    public String getSkipTags() {
        return skipTags;
    }

    @DataBoundSetter
    public void setSkipTags(String skipTags) {
        this.skipTags = FieldText.trimToNull(skipTags);
    }

    @Override
    public boolean isDebug() {
        return debug;
    }

    @DataBoundSetter
    public void setDebug(boolean debug) {
        this.debug = debug;
    }

    @Override
    public boolean isTrace() {
        return trace;
    }

    @DataBoundSetter
    public void setTrace(boolean trace) {
        this.trace = trace;
    }

    @Override
    public boolean isEvaltrace() {
        return evaltrace;
    }

    @DataBoundSetter
    public void setEvaltrace(boolean evaltrace) {
        this.evaltrace = evaltrace;
    }

    @Override
    public boolean isUseCachedCatalog() {
        return useCachedCatalog;
    }

    @DataBoundSetter
    public void setUseCachedCatalog(boolean useCachedCatalog) {
        this.useCachedCatalog = useCachedCatalog;
    }

    @Override
    public boolean isUseCacheOnFailure() {
        return useCacheOnFailure;
    }

    @DataBoundSetter
    public void setUseCacheOnFailure(boolean useCacheOnFailure) {
        this.useCacheOnFailure = useCacheOnFailure;
    }

    @Override
    public int getFileTimeout() {
        return fileTimeout;
    }

    @DataBoundSetter
    public void setFileTimeout(int fileTimeout) {
        this.fileTimeout = fileTimeout;
    }

    @Override
    public int getHttpConnectTimeout() {
        return httpConnectTimeout;
    }

    @DataBoundSetter
    public void setHttpConnectTimeout(int httpConnectTimeout) {
        this.httpConnectTimeout = httpConnectTimeout;
    }

    @Override
    public int getHttpKeepaliveTimeout() {
        return httpKeepaliveTimeout;
    }

    @DataBoundSetter
    public void setHttpKeepaliveTimeout(int httpKeepaliveTimeout) {
        this.httpKeepaliveTimeout = httpKeepaliveTimeout;
    }

    @Override
    public int getHttpReadTimeout() {
        return httpReadTimeout;
    }

    @DataBoundSetter
    public void setHttpReadTimeout(int httpReadTimeout) {
        this.httpReadTimeout = httpReadTimeout;
    }

    @Override
    public String getOrdering() {
        return ordering;
    }

    @DataBoundSetter
    public void setOrdering(String ordering) {
        this.ordering = FieldText.trimToNull(ordering);
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
                OrchestratorJobs.Kind.PUPPET_RUN,
                this,
                () -> OrchestratorJobs.puppetRunInput(this, OrchestratorJobs.AS_GIVEN));
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return OrchestratorJobs.Kind.PUPPET_RUN.functionName;
        }

        @Override
        public String getDisplayName() {
            return OrchestratorJobs.Kind.PUPPET_RUN.displayName;
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
    }
}
