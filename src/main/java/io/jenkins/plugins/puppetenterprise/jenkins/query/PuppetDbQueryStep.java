package io.jenkins.plugins.puppetenterprise.jenkins.query;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.puppetenterprise.core.Outcome;
import io.jenkins.plugins.puppetenterprise.core.Verdict;
import io.jenkins.plugins.puppetenterprise.core.input.InvalidInputException;
import io.jenkins.plugins.puppetenterprise.core.query.PuppetDbQueryInput;
import io.jenkins.plugins.puppetenterprise.core.query.PuppetDbQueryRun;
import io.jenkins.plugins.puppetenterprise.jenkins.BuildLog;
import io.jenkins.plugins.puppetenterprise.jenkins.BuildSession;
import io.jenkins.plugins.puppetenterprise.jenkins.FieldText;
import io.jenkins.plugins.puppetenterprise.jenkins.PeCredentialLookup;
import io.jenkins.plugins.puppetenterprise.jenkins.PeExecution;
import io.jenkins.plugins.puppetenterprise.jenkins.PeInstallation;
import io.jenkins.plugins.puppetenterprise.jenkins.StepForms;
import io.jenkins.plugins.puppetenterprise.jenkins.StepInput;
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
 * {@code puppetDbQuery}: one PuppetDB query, returning its rows as a list of maps. Named apart
 * from the discontinued plugin's {@code puppetQuery}, so that both installed never share a name.
 */
public final class PuppetDbQueryStep extends Step {
    private final String query;
    private int limit = PuppetDbQueryInput.DEFAULT_LIMIT;
    private String server;
    private String credentialsId;

    @DataBoundConstructor
    public PuppetDbQueryStep(String query) {
        this.query = query;
    }

    public String getQuery() {
        return query;
    }

    public int getLimit() {
        return limit;
    }

    @DataBoundSetter
    public void setLimit(int limit) {
        this.limit = limit;
    }

    public String getServer() {
        return server;
    }

    @DataBoundSetter
    public void setServer(String server) {
        this.server = FieldText.trimToNull(server);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = FieldText.trimToNull(credentialsId);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, query, limit, server, credentialsId);
    }

    /**
     * Sends the query without holding a thread and completes with the rows. It persists only what
     * the step was given (never a secret); a query is a read, so after a restart it is sent again.
     */
    static final class Execution extends StepExecution {
        private static final long serialVersionUID = 1L;

        private final String query;
        private final int limit;
        private final String server;
        private final String credentialsId;
        private transient volatile boolean done;
        private transient volatile BuildSession session;

        Execution(StepContext context, String query, int limit, String server, String credentialsId) {
            super(context);
            this.query = query;
            this.limit = limit;
            this.server = server;
            this.credentialsId = credentialsId;
        }

        @Override
        public boolean start() throws Exception {
            send(true);
            return false;
        }

        @Override
        public void onResume() {
            if (done) {
                // stopped before it resumed: a timeout that ran out while Jenkins was down
                return;
            }
            try {
                getContext()
                        .get(TaskListener.class)
                        .getLogger()
                        .println("Sending the PuppetDB query again after a" + " Jenkins restart.");
                send(false);
            } catch (Exception e) {
                finish(null, e);
            }
        }

        private void send(boolean track) throws Exception {
            PuppetDbQueryInput input = StepInput.orAbort(
                    () -> PuppetDbQueryInput.builder().query(query).limit(limit).build());
            Run<?, ?> run = getContext().get(Run.class);
            BuildLog log = new BuildLog(getContext().get(TaskListener.class), reference -> {});
            BuildSession started = PeExecution.open(run, server, credentialsId, track);
            PeInstallation installation = started.installation();
            if (track) {
                started.checkTokenAtStart(run, log);
            }
            CompletableFuture<Outcome> outcome;
            // a stop (on the CPS thread) may race a resumption: it comes either first, and nothing is sent,
            // or after the query left, and it ends the session; run() only starts the request
            synchronized (this) {
                if (done) {
                    started.end();
                    return;
                }
                session = started;
                try {
                    outcome = PuppetDbQueryRun.run(started.session(), installation.getName(), input, log);
                } catch (RuntimeException e) {
                    session = null;
                    started.end();
                    throw e;
                }
            }
            outcome.whenComplete(this::finish);
        }

        @Override
        public void stop(Throwable cause) {
            finish(null, cause);
        }

        /** Completes the step once, after a minted token is revoked. */
        private void finish(Outcome outcome, Throwable failure) {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
            }
            BuildSession current = session;
            session = null;
            CompletableFuture<Void> ended = current == null ? CompletableFuture.completedFuture(null) : current.end();
            ended.whenComplete((ok, revokeFailure) -> {
                if (failure != null) {
                    getContext().onFailure(failure);
                } else if (outcome.verdict() != Verdict.SUCCESS) {
                    getContext().onFailure(PeExecution.failure(outcome));
                } else {
                    getContext()
                            .onSuccess(
                                    PeExecution.pipelineValue(outcome.result().get("rows")));
                }
            });
        }

        @Override
        public String getStatus() {
            return done ? "PuppetDB query done" : "Waiting for PuppetDB to answer the query";
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
            return "puppetDbQuery";
        }

        @Override
        public String getDisplayName() {
            return "Query PuppetDB of a Puppet Enterprise installation";
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
        public FormValidation doCheckQuery(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, value, PuppetDbQueryInput.DEFAULT_LIMIT, "query");
        }

        @POST
        public FormValidation doCheckLimit(@AncestorInPath Item item, @QueryParameter int value) {
            return check(item, "nodes[certname] { }", value, "limit");
        }

        private static FormValidation check(Item item, String query, int limit, String field) {
            if (!StepForms.mayConfigure(item)) {
                return FormValidation.ok();
            }
            try {
                PuppetDbQueryInput.builder().query(query).limit(limit).build();
                return FormValidation.ok();
            } catch (InvalidInputException e) {
                return e.problems().stream()
                        .filter(p -> p.field().equals(field))
                        .findFirst()
                        .map(p -> FormValidation.error(p.message()))
                        .orElse(FormValidation.ok());
            }
        }
    }
}
