package io.jenkins.plugins.puppetenterprise.jenkins;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.core.Outcome;
import io.jenkins.plugins.puppetenterprise.core.Submission;
import io.jenkins.plugins.puppetenterprise.core.TextMask;
import io.jenkins.plugins.puppetenterprise.core.Verdict;
import io.jenkins.plugins.puppetenterprise.core.Watch;
import io.jenkins.plugins.puppetenterprise.core.WatchReference;
import java.util.concurrent.CompletableFuture;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A durable wait for PE work. Persists only the core's small reference, the installation's name and
 * the credential's ID (never a secret); submits once from {@link #start()} without blocking, watches
 * through the core's shared threads, resumes from the reference after a controller restart, and on
 * abort or timeout cancels the watch (stopping a plan when asked) before failing.
 */
abstract class PeStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;

    private final String server;
    private final String credentialsId;
    private final boolean wait;
    private final String operation;
    private volatile WatchReference reference;
    private volatile boolean done;

    private transient volatile Watch watch;
    private transient volatile PeSession session;

    PeStepExecution(StepContext context, String server, String credentialsId, boolean wait, String operation) {
        super(context);
        this.server = server;
        this.credentialsId = credentialsId;
        this.wait = wait;
        this.operation = operation;
    }

    /** Sends the work to PE once; the future completes when PE answered (or did not). */
    abstract CompletableFuture<Submission> submit(
            PeSession session, PeInstallation installation, Run<?, ?> run, BuildLog log) throws Exception;

    /** Whether cancelling also stops the work in PE (plans when asked; deploys cannot be stopped). */
    abstract boolean stopWorkOnCancel();

    @Override
    public boolean start() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        PeInstallation installation = PeExecution.installation(server);
        BuildLog log = log();
        session = PeExecution.session(run, installation, credentialsId, true);
        submit(session, installation, run, log).whenComplete((submission, failure) -> {
            if (failure != null) {
                end(failure);
            } else if (!submission.isSubmitted()) {
                finish(submission.outcome());
            } else if (!wait) {
                finish(PeExecution.core().notWaiting(submission.reference(), installation.serviceUrls()));
            } else {
                watchFrom(installation, submission.reference(), log, submission.mask());
            }
        });
        return false;
    }

    @Override
    public void onResume() {
        if (done) {
            return;
        }
        if (reference == null) {
            end(new AbortException("Outcome unknown: Jenkins restarted before PE confirmed the " + operation
                    + ". Check PE's job list for work started by this build (its description names the build)"
                    + " before running it again."));
            return;
        }
        try {
            PeInstallation installation = PeExecution.installation(server);
            session = PeExecution.session(getContext().get(Run.class), installation, credentialsId, false);
            BuildLog log = log();
            log.println("Resuming the wait for " + reference.describe() + " after a Jenkins restart.");
            watchFrom(installation, reference, log, TextMask.NONE);
        } catch (Exception e) {
            end(e);
        }
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        Watch current = watch;
        if (current == null) {
            end(cause);
            return;
        }
        current.cancel(stopWorkOnCancel()).whenComplete((words, failure) -> end(cause));
    }

    @Override
    public String getStatus() {
        Watch current = watch;
        return current != null ? current.status() : "Waiting for PE to accept the " + operation;
    }

    /** Restarting between the POST and PE's answer would lose the plan job's name. */
    @Override
    public boolean blocksRestart() {
        return reference == null && !done;
    }

    private void watchFrom(PeInstallation installation, WatchReference from, BuildLog log, TextMask mask) {
        Watch started = PeExecution.core().watch(session, installation.serviceUrls(), from, log, mask);
        watch = started;
        started.outcome().whenComplete((outcome, failure) -> {
            if (failure != null) {
                end(failure);
            } else {
                finish(outcome);
            }
        });
    }

    private BuildLog log() throws Exception {
        return new BuildLog(getContext().get(TaskListener.class), progressed -> {
            reference = progressed;
            getContext().saveState();
        });
    }

    private void finish(Outcome outcome) {
        try {
            PeExecution.record(getContext().get(Run.class), operation, outcome);
        } catch (Exception e) {
            // the build's result matters more than its summary line; say why the line is missing
            try {
                getContext().get(TaskListener.class).getLogger().println("Could not add to the build summary: " + e);
            } catch (Exception ignored) {
                // no log either: nothing more to do
            }
        }
        if (outcome.verdict() == Verdict.SUCCESS) {
            done = true;
            closeSession();
            getContext().onSuccess(outcome.result());
        } else {
            end(PeExecution.failure(outcome));
        }
    }

    private void end(Throwable failure) {
        done = true;
        closeSession();
        getContext().onFailure(failure);
    }

    /** Revokes a token minted from a password; a Secret-text token is left alone. */
    private void closeSession() {
        PeSession current = session;
        session = null;
        if (current != null) {
            current.revokeMintedTokens();
        }
    }
}
