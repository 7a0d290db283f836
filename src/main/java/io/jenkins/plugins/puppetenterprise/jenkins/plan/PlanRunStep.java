package io.jenkins.plugins.puppetenterprise.jenkins.plan;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.core.Submission;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanRunInput;
import io.jenkins.plugins.puppetenterprise.jenkins.BuildLog;
import io.jenkins.plugins.puppetenterprise.jenkins.FieldText;
import io.jenkins.plugins.puppetenterprise.jenkins.PeCredentialLookup;
import io.jenkins.plugins.puppetenterprise.jenkins.PeExecution;
import io.jenkins.plugins.puppetenterprise.jenkins.PeForms;
import io.jenkins.plugins.puppetenterprise.jenkins.PeInstallation;
import io.jenkins.plugins.puppetenterprise.jenkins.PeStepExecution;
import io.jenkins.plugins.puppetenterprise.jenkins.StepForms;
import io.jenkins.plugins.puppetenterprise.jenkins.StepInput;
import java.time.Duration;
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
 * {@code puppetPlanRun}: runs an Orchestrator plan and, by default, waits for it without an
 * executor, streaming its events; returns the plan job, state, console URL and result.
 */
public final class PlanRunStep extends Step implements PlanRunSettings {
    static final int DEFAULT_WAIT_TIMEOUT_MINUTES = 360;

    private final String plan;
    private List<PlanArgument> parameters = List.of();
    private String environment;
    private String description;
    private int timeout;
    private String userdata;
    private boolean wait = true;
    private int waitTimeoutMinutes = DEFAULT_WAIT_TIMEOUT_MINUTES;
    private boolean stopOnAbort = true;
    private String server;
    private String credentialsId;

    @DataBoundConstructor
    public PlanRunStep(String plan) {
        this.plan = FieldText.trimToNull(plan);
    }

    @Override
    public String getPlan() {
        return plan;
    }

    @Override
    public List<PlanArgument> getParameters() {
        return parameters;
    }

    @DataBoundSetter
    public void setParameters(List<PlanArgument> parameters) {
        this.parameters = parameters == null ? List.of() : List.copyOf(parameters);
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
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /**
     * The validated input for the core (every problem at once, naming the fields).
     *
     * @throws IllegalArgumentException naming the field and the fix
     */
    static PlanRunInput input(PlanRunSettings s) {
        PlanRunInput.Builder builder = PlanRunInput.builder()
                .plan(s.getPlan())
                .environment(s.getEnvironment())
                .description(s.getDescription())
                .peTimeoutSeconds(s.getTimeout() == 0 ? null : s.getTimeout())
                .userdataJson(s.getUserdata())
                .waitForCompletion(s.isWait())
                .waitTimeout(Duration.ofMinutes(s.getWaitTimeoutMinutes()))
                .stopPlanWhenAbandoned(s.isStopOnAbort());
        for (PlanArgument argument : s.getParameters()) {
            builder.parameter(argument.toInput());
        }
        return builder.build();
    }

    static final class Execution extends PeStepExecution {
        private static final long serialVersionUID = 1L;
        private final transient PlanRunStep step;
        private final boolean stopOnAbort;

        Execution(StepContext context, PlanRunStep step) {
            super(context, step.server, step.credentialsId, step.wait, "plan run");
            this.step = step;
            this.stopOnAbort = step.stopOnAbort;
        }

        @Override
        protected CompletableFuture<Submission> submit(
                PeSession session, PeInstallation installation, Run<?, ?> run, BuildLog log) throws AbortException {
            PlanRunInput input = StepInput.orAbort(() -> input(step));
            return PeExecution.core()
                    .submitPlanRun(
                            session,
                            installation.serviceUrls(),
                            installation.getName(),
                            input,
                            PeExecution.defaultDescription(run),
                            log);
        }

        @Override
        protected boolean stopWorkOnCancel() {
            return stopOnAbort;
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
            return "puppetPlanRun";
        }

        @Override
        public String getDisplayName() {
            return "Run a Puppet Enterprise plan";
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
