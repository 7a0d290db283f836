package io.jenkins.plugins.puppetenterprise.jenkins;

import hudson.AbortException;
import hudson.model.AbstractBuild;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.core.Outcome;
import io.jenkins.plugins.puppetenterprise.core.Submission;
import io.jenkins.plugins.puppetenterprise.core.Verdict;
import io.jenkins.plugins.puppetenterprise.core.Watch;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A freestyle build step's wait: the same core as the Pipeline steps, waited for inside {@code
 * perform} (a freestyle build cannot resume after a restart). An interrupt (abort) cancels the
 * watch, stops a plan when asked, and ends the build as aborted.
 */
public final class BuilderRun {
    /** How long an abort waits for PE to confirm the stop before the build ends anyway. */
    private static final long STOP_WAIT_SECONDS = 30;

    public interface Submit {
        CompletableFuture<Submission> submit(PeSession session, PeInstallation installation, BuildLog log);
    }

    private BuilderRun() {}

    /**
     * Refuses a Pipeline's {@code step} call: there the build step would hold a thread for the whole
     * wait and not survive a restart, where the durable Pipeline step does both right.
     */
    public static void requireFreestyle(Run<?, ?> run, String pipelineStep) throws AbortException {
        if (!(run instanceof AbstractBuild)) {
            throw new AbortException(refusal(pipelineStep));
        }
    }

    static String refusal(String pipelineStep) {
        return "This build step is for freestyle and other non-Pipeline jobs; in a Pipeline use the step "
                + pipelineStep + " instead, which waits without holding an executor and survives a restart";
    }

    public static Outcome run(
            Run<?, ?> run,
            TaskListener listener,
            String server,
            String credentialsId,
            boolean wait,
            boolean stopWorkOnAbort,
            String operation,
            Submit submit)
            throws InterruptedException, IOException {
        BuildLog log = new BuildLog(listener, reference -> {});
        BuildSession session = PeExecution.open(run, server, credentialsId, true);
        session.checkTokenAtStart(run, log);
        PeInstallation installation = session.installation();
        CompletableFuture<?> stopping = CompletableFuture.completedFuture(null);
        CompletableFuture<Submission> submitted = null;
        Watch watch = null;
        try {
            submitted = submit.submit(session.session(), installation, log);
            Submission submission = await(submitted);
            Outcome outcome;
            if (!submission.isSubmitted()) {
                outcome = submission.outcome();
            } else if (!wait) {
                outcome = PeExecution.core().notWaiting(submission.reference(), installation.serviceUrls());
            } else {
                watch = PeExecution.watch(
                        run,
                        operation,
                        session.session(),
                        installation.serviceUrls(),
                        submission.reference(),
                        log,
                        submission.mask());
                outcome = await(watch.outcome(), watch.detached());
            }
            PeExecution.record(run, operation, outcome);
            PeEnvironmentAction.export(run, outcome);
            log.printlnUnlessJustSaid(outcome.summary());
            if (outcome.verdict() != Verdict.SUCCESS) {
                throw PeExecution.failure(outcome);
            }
            return outcome;
        } catch (InterruptedException e) {
            if (watch != null) {
                stopping = watch.cancel(stopWorkOnAbort);
            } else if (submitted != null) {
                log.println("Aborted while PE was still being asked to start the work; "
                        + (stopWorkOnAbort
                                ? "if PE starts it, it is stopped as soon as PE answers."
                                : "if PE starts" + " it, it runs on in PE."));
                stopping = AbandonedSubmission.settle(
                        submitted,
                        stopWorkOnAbort,
                        (reference, mask) -> PeExecution.core()
                                .watch(session.session(), installation.serviceUrls(), reference, log, mask),
                        log);
            }
            try {
                stopping.get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException | InterruptedException stopFailure) {
                log.println("Could not confirm that PE stopped the work: " + stopFailure);
            }
            throw e;
        } finally {
            // after a stop still in progress (its calls need the session's token); the build ends
            // once a minted token is revoked, or its revocation failed (BuildSession logs that)
            CompletableFuture<Void> ended =
                    stopping.handle((words, failure) -> null).thenCompose(stopped -> session.end());
            try {
                ended.get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException revokeFailure) {
                // logged by BuildSession; the token expires on its own
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The watch's outcome; fails in the watch's words if Jenkins shuts down first (the work goes on in PE). */
    private static Outcome await(CompletableFuture<Outcome> outcome, CompletableFuture<String> detached)
            throws InterruptedException, AbortException {
        Object first = await(CompletableFuture.anyOf(outcome, detached));
        if (first instanceof Outcome ended) {
            return ended;
        }
        throw new AbortException((String) first);
    }

    private static <T> T await(CompletableFuture<T> future) throws InterruptedException, AbortException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new AbortException(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        }
    }
}
