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
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A durable wait for PE work. Persists only the core's small reference, the installation's name and
 * the credential's ID (never a secret); submits once from {@link #start()} without blocking, watches
 * through the core's shared threads, resumes from the reference after a controller restart, and on
 * abort or timeout cancels the watch (stopping a plan when asked) before failing with the stop's
 * cause. Stopped while the submission is still in flight, it fails at once and, when PE accepts
 * the work later, stops it then (see {@link AbandonedSubmission}).
 */
public abstract class PeStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(PeStepExecution.class.getName());

    private final String server;
    private final String credentialsId;
    private final boolean wait;
    private final String operation;
    private volatile WatchReference reference;

    /**
     * Transient: a Jenkins that stops after the outcome is known but before the context heard it
     * (a minted token's revocation is still in flight) must watch again on resume, not hang.
     */
    private transient volatile boolean done;
    /** Whether the context heard the outcome; until then a restart would lose it. */
    private transient volatile boolean delivered;

    /** The submission in flight or the watch, and the stop request, under one lock; set in readResolve too. */
    private transient StepHandOff<Submission, Watch> handOff = new StepHandOff<>();

    private transient volatile BuildSession session;
    private transient volatile PeInstallation installation;
    private transient volatile BuildLog log;
    /** The build, for its page; set where the step starts, resumes or stops after a restart. */
    private transient volatile Run<?, ?> run;
    /** The Jenkins this execution runs in; after a restart in the same JVM, another one resumes it. */
    private transient volatile Jenkins jenkins;

    public PeStepExecution(StepContext context, String server, String credentialsId, boolean wait, String operation) {
        super(context);
        this.server = server;
        this.credentialsId = credentialsId;
        this.wait = wait;
        this.operation = operation;
    }

    /** Sends the work to PE once; the future completes when PE answered (or did not). */
    protected abstract CompletableFuture<Submission> submit(
            PeSession session, PeInstallation installation, Run<?, ?> run, BuildLog log) throws Exception;

    /** Whether cancelling also stops the work in PE (plans when asked; deploys cannot be stopped). */
    protected abstract boolean stopWorkOnCancel();

    @Override
    public boolean start() throws Exception {
        jenkins = Jenkins.get();
        handOff.begin();
        run = getContext().get(Run.class);
        log = log();
        BuildSession opened = PeExecution.open(run, server, credentialsId, true);
        installation = opened.installation();
        session = opened;
        opened.checkTokenAtStart(run, log);
        CompletableFuture<Submission> submitted;
        try {
            submitted = handOff.submit(() -> submit(opened.session(), installation, run, log));
        } catch (Exception e) {
            opened.end();
            throw e;
        }
        if (submitted == null) {
            opened.end(); // stopped before anything was sent: stop() ended the step
            return false;
        }
        submitted.whenComplete(this::submitted);
        return false;
    }

    private void submitted(Submission submission, Throwable failure) {
        boolean watching = failure == null && submission.isSubmitted() && wait;
        RuntimeException startFailure = null;
        Watch started;
        try {
            // one transition: a stop sees the submission or the watch, never neither
            if (!handOff.answered(() -> watching ? newWatch(submission.reference(), submission.mask()) : null)) {
                return; // stop() took the submission over
            }
            started = handOff.current();
        } catch (RuntimeException e) {
            started = null;
            startFailure = e;
        }
        if (startFailure != null) {
            end(startFailure);
        } else if (failure != null) {
            end(failure);
        } else if (!submission.isSubmitted()) {
            finish(submission.outcome());
        } else if (!wait) {
            finish(PeExecution.core().notWaiting(submission.reference(), installation.serviceUrls()));
        } else {
            follow(started);
        }
    }

    /**
     * Restores the Jenkins this execution belongs to as soon as the program is loaded: an enclosing
     * step (a {@code timeout} that ran out while Jenkins was down) may call {@link #stop} before
     * {@link #onResume}, and complete() ignores calls from any other Jenkins.
     */
    protected Object readResolve() {
        jenkins = Jenkins.getInstanceOrNull();
        handOff = new StepHandOff<>();
        return this;
    }

    @Override
    public void onResume() {
        jenkins = Jenkins.get();
        if (!handOff.begin() || done) {
            return; // stopped before it resumed: stop() ended the step
        }
        if (reference == null) {
            end(new AbortException("Outcome unknown: Jenkins restarted before PE confirmed the " + operation
                    + ". Check PE's job list for work started by this build (its description names the build)"
                    + " before running it again."));
            return;
        }
        try {
            log = log();
            log.println((wait ? "Resuming the wait for " : "Resuming the step for ") + reference.describe()
                    + " after a Jenkins restart.");
            run = getContext().get(Run.class);
            // checked again: the installation may have been restricted while Jenkins was down
            installation = PeExecution.installationFor(run.getParent(), server);
            if (!wait) {
                // asked not to wait: deliver what the step returns, as it would have without the restart
                finish(PeExecution.core().notWaiting(reference, installation.serviceUrls()));
                return;
            }
            TextMask mask = SensitiveVariables.of(getContext());
            Watch resumed = handOff.watch(() -> {
                // under the hand-off's lock: a stop meanwhile finds the watch, or no session to leak
                session = PeExecution.open(run, server, credentialsId, false);
                installation = session.installation();
                return PeExecution.resume(
                        run, operation, session.session(), installation.serviceUrls(), reference, log, mask);
            });
            if (resumed != null) {
                follow(resumed);
            }
        } catch (Exception e) {
            // the installation or the credential went away while Jenkins was down
            if (log != null) {
                log.println("Could not resume the wait; " + reference.describe() + " may still be running in PE.");
            }
            end(e);
        }
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        StepHandOff.Stopped<Submission, Watch> stopped = handOff.stop();
        CompletableFuture<Submission> pending = stopped.pending();
        Watch current = stopped.watch();
        if (pending == null
                && current == null
                && !stopped.begun()
                && reference != null
                && stopWorkOnCancel()
                && !done) {
            // stopped after a restart before onResume (a timeout that ran out while Jenkins was down)
            current = stopAfterRestart();
        }
        if (pending != null) {
            abandon(pending, cause);
        } else if (current != null) {
            // bounded like the builders' stop: an abort ends the build even when PE does not answer
            PeExecution.core()
                    .cancelWithinStopWait(current, stopWorkOnCancel(), log)
                    .whenComplete((words, failure) -> end(cause));
        } else {
            end(cause);
        }
    }

    /** A watch of the saved work, only to stop it; null when that cannot be (said in the log). */
    private Watch stopAfterRestart() {
        try {
            log = log();
            log.println("Stopping " + reference.describe() + ", which this step started before a Jenkins restart.");
            run = getContext().get(Run.class);
            session = PeExecution.open(run, server, credentialsId, false);
            installation = session.installation();
            Watch started = newWatch(reference, SensitiveVariables.of(getContext()));
            handOff.stopping(started);
            return started;
        } catch (Exception e) {
            if (log != null) {
                log.println("Could not stop it: " + e.getMessage() + "; " + reference.describe()
                        + " may still be running in PE.");
            }
            return null;
        }
    }

    @Override
    public String getStatus() {
        Watch current = handOff.current();
        return current != null ? current.status() : "Waiting for PE to accept the " + operation;
    }

    /**
     * Restarting between the POST and PE's answer would lose the plan job's name, and restarting
     * while the outcome is on its way to the context (after the token's revocation) would lose it.
     */
    @Override
    public boolean blocksRestart() {
        return !delivered && (reference == null || done);
    }

    private Watch newWatch(WatchReference from, TextMask mask) {
        return PeExecution.watch(run, operation, session.session(), installation.serviceUrls(), from, log, mask);
    }

    private void follow(Watch started) {
        started.outcome().whenComplete((outcome, failure) -> {
            if (failure != null) {
                end(failure);
            } else {
                finish(outcome);
            }
        });
    }

    /**
     * Fails the step at once with the stop's cause; the submission goes on, and whatever PE started
     * is stopped (or reported as running on) when PE answers, in the log while it is open and in
     * Jenkins' own log.
     */
    private void abandon(CompletableFuture<Submission> pending, Throwable cause) {
        BuildSession abandoned = session;
        session = null;
        String job = describeBuild();
        log.println("Stopped while PE was still being asked to start the " + operation + "; "
                + (stopWorkOnCancel()
                        ? "if PE starts it, it is stopped as soon as PE answers."
                        : "if PE starts it, it runs on in PE."));
        AbandonedSubmission.settle(
                        pending,
                        stopWorkOnCancel(),
                        (started, mask) -> PeExecution.core()
                                .watch(abandoned.session(), installation.serviceUrls(), started, log, mask),
                        log)
                .whenComplete((words, failure) -> {
                    LOGGER.log(Level.INFO, "{0}: {1} submitted while the build stopped waiting: {2}", new Object[] {
                        job, operation, words
                    });
                    abandoned.end();
                });
        complete(null, cause);
    }

    private BuildLog log() throws Exception {
        return new BuildLog(getContext().get(TaskListener.class), progressed -> {
            if (!done && inThisJenkins()) {
                reference = progressed;
                getContext().saveState();
            }
        });
    }

    private void finish(Outcome outcome) {
        if (!inThisJenkins()) {
            return; // shut down: the Jenkins that loads this build resumes the step
        }
        try {
            PeExecution.record(getContext().get(Run.class), operation, outcome);
        } catch (Exception e) {
            // the build's result matters more than its summary line; say why the line is missing
            log.println("Could not add to the build summary: " + e);
        }
        if (handOff.stopRequested()) {
            return; // stop() fails the step with its own cause (abort, timeout)
        }
        if (outcome.verdict() == Verdict.SUCCESS) {
            complete(outcome, null);
        } else {
            end(PeExecution.failure(outcome));
        }
    }

    private void end(Throwable failure) {
        complete(null, failure);
    }

    /** Completes the step once: the first outcome or failure wins; ends the session. */
    private void complete(Outcome success, Throwable failure) {
        if (!inThisJenkins()) {
            return; // shut down: the Jenkins that loads this build resumes the step from its saved state
        }
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
        }
        BuildSession current = session;
        session = null;
        CompletableFuture<Void> ended = current == null ? CompletableFuture.completedFuture(null) : current.end();
        // the step ends once a minted token is revoked (or its revocation failed and was logged)
        ended.whenComplete((ok, revokeFailure) -> {
            if (!inThisJenkins()) {
                return; // shut down while the token was revoked: the Jenkins that loads this build resumes the step
            }
            delivered = true;
            if (failure == null) {
                getContext().onSuccess(PeExecution.pipelineValue(success.result()));
            } else {
                getContext().onFailure(failure);
            }
        });
    }

    private boolean inThisJenkins() {
        return Jenkins.getInstanceOrNull() == jenkins;
    }

    private String describeBuild() {
        try {
            return getContext().get(Run.class).getFullDisplayName();
        } catch (Exception e) {
            return "a build";
        }
    }
}
