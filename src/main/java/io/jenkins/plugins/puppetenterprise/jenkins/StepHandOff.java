package io.jenkins.plugins.puppetenterprise.jenkins;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Where a step's work is between its submission and its watch, under one lock with the stop
 * request: a stop sees the submission in flight or the watch, never neither, and nothing starts
 * after a stop. (An abort between "PE accepted" and "watching" used to see neither, so the plan ran
 * on and the watch was started on an ended session.)
 *
 * @param <S> what the submission completes with
 * @param <W> the watch
 */
final class StepHandOff<S, W> {
    /** What a stop found: the submission still in flight, or the watch; both null when neither. */
    record Stopped<S, W>(CompletableFuture<S> pending, W watch, boolean begun) {}

    private CompletableFuture<S> inFlight;
    private W watch;
    private boolean stopRequested;
    private boolean begun;

    /**
     * Records that this Jenkins started or resumed the step; false when a stop came first (after a
     * restart: a {@code timeout} that ran out while Jenkins was down), which ended the step.
     */
    synchronized boolean begin() {
        begun = true;
        return !stopRequested;
    }

    /** Sends work to PE; returns at once with the answer to come. */
    @FunctionalInterface
    interface Submit<S> {
        CompletableFuture<S> send() throws Exception;
    }

    /**
     * Sends the submission and records it in flight in one step under the lock; null, sending
     * nothing, when a stop came first.
     */
    synchronized CompletableFuture<S> submit(Submit<S> submit) throws Exception {
        if (stopRequested) {
            return null;
        }
        inFlight = submit.send();
        return inFlight;
    }

    /**
     * The submission has its answer: hands over to the watch {@code start} makes (null when there is
     * nothing to watch), in one step under the lock. False when a stop took the submission over.
     */
    synchronized boolean answered(Supplier<W> start) {
        if (stopRequested) {
            return false;
        }
        inFlight = null;
        watch = start.get();
        return true;
    }

    /** Makes a watch; may fail as resolving the installation or credential does. */
    @FunctionalInterface
    interface Start<W> {
        W watch() throws Exception;
    }

    /** Starts watching unless a stop came first; the watch, or null. */
    synchronized W watch(Start<W> start) throws Exception {
        if (stopRequested) {
            return null;
        }
        watch = start.watch();
        return watch;
    }

    /** Records the stop; what it has to stop. */
    synchronized Stopped<S, W> stop() {
        stopRequested = true;
        CompletableFuture<S> pending = inFlight;
        inFlight = null;
        return new Stopped<>(pending, watch, begun);
    }

    synchronized boolean stopRequested() {
        return stopRequested;
    }

    synchronized W current() {
        return watch;
    }

    /** Records a watch started to stop work after a restart. */
    synchronized void stopping(W started) {
        watch = started;
    }
}
