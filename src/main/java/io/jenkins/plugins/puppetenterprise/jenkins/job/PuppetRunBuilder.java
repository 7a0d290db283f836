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
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.puppetenterprise.jenkins.FieldText;
import io.jenkins.plugins.puppetenterprise.jenkins.PeCredentialLookup;
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
 * The freestyle build step of {@code puppetRun}: the same fields and core; {@code $VAR} in fields is
 * expanded from the build's environment; results are exported as environment variables.
 */
public final class PuppetRunBuilder extends Builder implements SimpleBuildStep, PuppetRunSettings {
    private ArrayList<String> nodes = new ArrayList<>();
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
    public PuppetRunBuilder() {}

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
                OrchestratorJobs.Kind.PUPPET_RUN,
                this,
                expand -> OrchestratorJobs.puppetRunInput(this, expand));
    }

    @Extension
    @Symbol("pePuppetRun")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return OrchestratorJobs.Kind.PUPPET_RUN.displayName;
        }

        /** The build step's own help.html for the step as a whole; the fields' help is the Pipeline step's. */
        @Override
        public String getHelpFile(String fieldName) {
            if (fieldName == null) {
                return super.getHelpFile(null);
            }
            return Jenkins.get()
                    .getDescriptorByType(PuppetRunStep.DescriptorImpl.class)
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
    }
}
