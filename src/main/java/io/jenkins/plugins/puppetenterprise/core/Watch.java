package io.jenkins.plugins.puppetenterprise.core;

import io.jenkins.plugins.puppetenterprise.client.PeApiException;
import io.jenkins.plugins.puppetenterprise.client.PeServerException;
import io.jenkins.plugins.puppetenterprise.client.PeTransientException;
import io.jenkins.plugins.puppetenterprise.client.PeUnexpectedResponseException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * One watch of submitted work: polls PE on the shared scheduler until the work ends, the deadline
 * passes or it is cancelled, handing log lines and progress to the sink, and completes {@link
 * #outcome()}. No thread is held between polls. Started by {@link ExecutionCore#watch}.
 */
public abstract sealed class Watch permits PlanRunWatch, CodeDeployWatch {
    final ExecutionCore core;
    final WatchSink sink;
    final TextMask mask;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private Future<?> next;
    private int attempt;
    private boolean cancelled;
    private boolean unreachable;

    Watch(ExecutionCore core, WatchSink sink, TextMask mask) {
        this.core = core;
        this.sink = sink;
        this.mask = mask;
    }

    /** Completes with the outcome; never exceptionally for PE's failures, which become outcomes. */
    public CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    /** The reference as far as the watch has come; persist it to resume without repeating lines. */
    public abstract WatchReference reference();

    /** One line saying what is awaited and until when, for a Pipeline's status. */
    public String status() {
        Duration left = Duration.between(core.clock().instant(), reference().deadline());
        return "Waiting for " + reference().describe() + stateSuffix() + " on "
                + reference().server() + ", "
                + (left.isNegative() ? "deadline passed" : "giving up in " + Durations.words(left));
    }

    /**
     * Stops waiting. With {@code stopWork} a plan is also stopped in PE (deploys cannot be
     * cancelled in PE). The returned words say what happened to the work; {@link #outcome()} then
     * completes with a FAILURE that says the same, unless the work ended first.
     */
    public CompletableFuture<String> cancel(boolean stopWork) {
        synchronized (this) {
            if (outcome.isDone() || cancelled) {
                return CompletableFuture.completedFuture(
                        "Waiting for " + reference().describe() + " had already ended.");
            }
            cancelled = true;
            if (next != null) {
                next.cancel(false);
            }
        }
        CompletableFuture<String> words = stopWork ? stopWork() : CompletableFuture.completedFuture(notStoppedWords());
        return words.thenApply(w -> {
            log(LogLine.of(w));
            finish(cancelledOutcome(w));
            return w;
        });
    }

    /**
     * The first poll comes at a random point within the first delay, so watches started or
     * resumed together (after a controller restart) do not poll PE in step.
     */
    void start() {
        Duration first = core.backoff().delay(0, core.random());
        schedule(Duration.ofNanos((long) (first.toNanos() * core.random().getAsDouble())));
    }

    /** One poll: completes with the outcome when the work has ended, with null to poll again. */
    abstract CompletableFuture<Outcome> poll();

    /** Asks PE to stop the work; completes (never exceptionally) with words on what happened. */
    abstract CompletableFuture<String> stopWork();

    /** Words for a cancel that leaves the work running in PE. */
    abstract String notStoppedWords();

    abstract boolean stopsWorkWhenAbandoned();

    abstract Outcome cancelledOutcome(String stopWords);

    abstract Outcome deadlineOutcome(String stopWords);

    /** The outcome when PE refuses a poll for a reason that waiting will not cure. */
    abstract Outcome lostTrackOutcome(PeApiException failure);

    /** A phrase after the work's name in {@link #status()}, such as {@code  (running)}. */
    String stateSuffix() {
        return "";
    }

    final synchronized void log(LogLine line) {
        if (!outcome.isDone()) {
            sink.log(line);
        }
    }

    final synchronized void progressed(WatchReference reference) {
        if (!outcome.isDone()) {
            sink.progressed(reference);
        }
    }

    final void finish(Outcome result) {
        outcome.complete(result);
    }

    private void step() {
        synchronized (this) {
            if (outcome.isDone() || cancelled) {
                return;
            }
        }
        Instant now = core.clock().instant();
        if (!now.isBefore(reference().deadline())) {
            giveUp();
            return;
        }
        ServerReachability server = core.reachability(reference().server());
        if (!server.mayPoll(now)) {
            // Another watch probes the installation; keep this watch's own rhythm meanwhile.
            waitForPe(server.reason());
            return;
        }
        CompletableFuture<Outcome> polled;
        try {
            polled = poll();
        } catch (RuntimeException e) {
            polled = CompletableFuture.failedFuture(e);
        }
        polled.whenComplete((result, failure) -> {
            Throwable cause = failure == null ? null : unwrap(failure);
            if (cause == null || !isTransient(cause)) {
                server.answered();
            }
            if (cause != null) {
                pollFailed(server, cause);
            } else if (result != null) {
                finish(result);
            } else {
                if (unreachable) {
                    unreachable = false;
                    log(LogLine.of(
                            "PE answers again; still waiting for " + reference().describe() + "."));
                }
                schedule(core.backoff().delay(attempt++, core.random()));
            }
        });
    }

    private void pollFailed(ServerReachability server, Throwable failure) {
        if (isTransient(failure)) {
            server.failed(core.clock().instant(), failure.getMessage());
            waitForPe(failure.getMessage());
        } else if (failure instanceof PeApiException api) {
            finish(lostTrackOutcome(api));
        } else {
            outcome.completeExceptionally(failure);
        }
    }

    /** PE did not answer this poll or is known not to answer: say so once, then poll again later. */
    private void waitForPe(String why) {
        if (!unreachable) {
            unreachable = true;
            log(LogLine.of("PE did not answer as expected (" + mask.apply(String.valueOf(why)) + "); still waiting for "
                    + reference().describe() + " and trying again."));
        }
        // Stay slow while PE is away, with jitter, so recovering watches do not poll in step.
        attempt = Math.max(attempt, 64);
        schedule(core.backoff().delay(attempt, core.random()));
    }

    private void giveUp() {
        CompletableFuture<String> words =
                stopsWorkWhenAbandoned() ? stopWork() : CompletableFuture.completedFuture(notStoppedWords());
        words.thenAccept(w -> {
            log(LogLine.of(w));
            finish(deadlineOutcome(w));
        });
    }

    private synchronized void schedule(Duration delay) {
        if (outcome.isDone() || cancelled) {
            return;
        }
        Instant now = core.clock().instant();
        Duration untilDeadline = Duration.between(now, reference().deadline());
        Duration wait =
                untilDeadline.isNegative() ? Duration.ZERO : delay.compareTo(untilDeadline) > 0 ? untilDeadline : delay;
        next = core.scheduler().schedule(this::step, wait);
    }

    static boolean isTransient(Throwable failure) {
        return failure instanceof PeTransientException
                || failure instanceof PeServerException
                || failure instanceof PeUnexpectedResponseException
                || failure instanceof IOException;
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
