package io.jenkins.plugins.puppetenterprise.jenkins.plan;

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
import io.jenkins.plugins.puppetenterprise.core.plan.PlanRunInput;
import io.jenkins.plugins.puppetenterprise.jenkins.BuilderRun;
import io.jenkins.plugins.puppetenterprise.jenkins.FieldText;
import io.jenkins.plugins.puppetenterprise.jenkins.PeCredentialLookup;
import io.jenkins.plugins.puppetenterprise.jenkins.PeExecution;
import io.jenkins.plugins.puppetenterprise.jenkins.PeForms;
import io.jenkins.plugins.puppetenterprise.jenkins.StepForms;
import io.jenkins.plugins.puppetenterprise.jenkins.StepInput;
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
 * The freestyle build step of {@code puppetPlanRun}: the same fields and core; {@code $VAR} in
 * fields is expanded from the build's environment; results are exported as environment variables.
 */
public final class PlanRunBuilder extends Builder implements SimpleBuildStep, PlanRunSettings {
    private final String plan;
    private ArrayList<PlanArgument> parameters = new ArrayList<>();
    private String environment;
    private String description;
    private int timeout;
    private String userdata;
    private boolean wait = true;
    private int waitTimeoutMinutes = PlanRunStep.DEFAULT_WAIT_TIMEOUT_MINUTES;
    private boolean stopOnAbort = true;
    private String server;
    private String credentialsId;

    @DataBoundConstructor
    public PlanRunBuilder(String plan) {
        this.plan = FieldText.trimToNull(plan);
    }

    @Override
    public String getPlan() {
        return plan;
    }

    @Override
    public List<PlanArgument> getParameters() {
        return Collections.unmodifiableList(parameters);
    }

    @DataBoundSetter
    public void setParameters(List<PlanArgument> parameters) {
        this.parameters = parameters == null ? new ArrayList<>() : new ArrayList<>(parameters);
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
    public String getDescription() {
        return description;
    }

    @DataBoundSetter
    public void setDescription(String description) {
        this.description = FieldText.trimToNull(description);
    }

    /** PE's own plan timeout in seconds; 0 leaves PE's default-plan-timeout. */
    @Override
    public int getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        this.timeout = timeout;
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
    public boolean isWait() {
        return wait;
    }

    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
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
    public boolean requiresWorkspace() {
        return false;
    }

    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
    }

    @Override
    public void perform(Run<?, ?> run, EnvVars env, TaskListener listener) throws InterruptedException, IOException {
        BuilderRun.requireFreestyle(run, "puppetPlanRun");
        PlanRunBuilder expanded = new PlanRunBuilder(plan == null ? null : env.expand(plan));
        expanded.setParameters(parameters.stream()
                .map(p -> p.withValue(p.getValue() == null ? null : env.expand(p.getValue())))
                .toList());
        expanded.setEnvironment(environment == null ? null : env.expand(environment));
        expanded.setDescription(description == null ? null : env.expand(description));
        expanded.setTimeout(timeout);
        expanded.setUserdata(userdata == null ? null : env.expand(userdata));
        expanded.setWait(wait);
        expanded.setWaitTimeoutMinutes(waitTimeoutMinutes);
        expanded.setStopOnAbort(stopOnAbort);
        String expandedServer = server == null ? null : env.expand(server);
        PlanRunInput input = StepInput.orAbort(() -> PlanRunStep.input(expanded));
        BuilderRun.run(
                run,
                listener,
                expandedServer,
                credentialsId,
                wait,
                stopOnAbort,
                "Plan run",
                (session, installation, log) -> PeExecution.core()
                        .submitPlanRun(
                                session,
                                installation.serviceUrls(),
                                installation.getName(),
                                input,
                                PeExecution.defaultDescription(run),
                                log));
    }

    @Extension
    @Symbol("pePlanRun")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return "Run a Puppet Enterprise plan";
        }

        /** The build step's own help.html for the step as a whole; the fields' help is the Pipeline step's. */
        @Override
        public String getHelpFile(String fieldName) {
            if (fieldName == null) {
                return super.getHelpFile(null);
            }
            return Jenkins.get()
                    .getDescriptorByType(PlanRunStep.DescriptorImpl.class)
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
        public ComboBoxModel doFillPlanItems(
                @AncestorInPath Item item,
                @QueryParameter String server,
                @QueryParameter String credentialsId,
                @QueryParameter String environment) {
            return PeForms.planItems(item, server, credentialsId, environment);
        }

        @POST
        public FormValidation doCheckPlan(
                @AncestorInPath Item item,
                @QueryParameter String value,
                @QueryParameter String server,
                @QueryParameter String credentialsId,
                @QueryParameter String environment) {
            return StepForms.checkPlan(item, value, server, credentialsId, environment);
        }

        @POST
        public FormValidation doCheckWaitTimeoutMinutes(@AncestorInPath Item item, @QueryParameter String value) {
            return StepForms.checkMinutes(item, value);
        }
    }
}
