package io.jenkins.plugins.puppetenterprise.core;

import io.jenkins.plugins.puppetenterprise.client.PeApiException;
import io.jenkins.plugins.puppetenterprise.client.PeServerException;
import io.jenkins.plugins.puppetenterprise.client.PeTransientException;
import io.jenkins.plugins.puppetenterprise.client.PeUnexpectedResponseException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One watch of submitted work: polls PE on the shared scheduler until the work ends, the deadline
 * passes or it is cancelled, handing log lines and progress to the sink, and completes {@link
 * #outcome()}. No thread is held between polls.
 *
 * <p>Every step runs on the watch scheduler, answers included (never on the client's HTTP
 * threads). The deadline is a task of its own, so a poll that never completes cannot hold the
 * watch past it; it is tracked on the core's monotonic ticker, so a jump of the wall clock does not
 * move it. Whatever throws inside a step ends the watch with a verdict (UNKNOWN with the error's
 * words when nothing better is known), and a sink that throws loses its line, not the watch.
 * Started by {@link ExecutionCore#watch}.
 */
public abstract sealed class Watch permits PlanRunWatch, CodeDeployWatch, JobWatch {
    /** How often a watch within a {@link RequestBudget} polls for its log at most. */
    static final Duration LOG_POLL_INTERVAL = Duration.ofSeconds(5);
    /** The requests one log poll counts for in the budget: its events (the sweep tells of the end). */
    static final int POLL_WEIGHT = 1;
    /** The requests a final read counts for: state, the last events and the nodes' results. */
    static final int FINAL_READ_WEIGHT = 3;

    final ExecutionCore core;
    final WatchSink sink;
    final TextMask mask;
    private final ServerReachability server;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final CompletableFuture<String> detached = new CompletableFuture<>();
    /** The deadline on {@link ExecutionCore#ticker()}; set by {@link #start()}. */
    private long deadlineNanos;

    private Future<?> next;
    private Future<?> deadlineTask;
    /** The requests of the poll in flight, cancelled when the watch ends. */
    private final Set<CompletableFuture<?>> requests = new HashSet<>();
    /** Set once the watch is cancelled or gives up: no more requests, only the ending. */
    private boolean ending;

    private int attempt;
    private boolean unreachable;
    /** A poll is on its way (from its step until its answer is handled); guarded by this. */
    private boolean polling;
    /** A sweep saw the work end since the last poll began; guarded by this. */
    private boolean endSeenElsewhere;
    /** Whether the sweep saw the end just now (not after an outage or a restart); guarded by this. */
    private boolean endSeenFresh;
    /** When the work ended on PE's clock, as the sweep that saw it listed it (null if it did not say); guarded by this. */
    private Instant endSeenAt;
    /** Whether the poll on its way began after a sweep saw the work end. */
    private volatile boolean pollAfterEndSeen;
    /**
     * The installation's budget while a sweep tells this watch of its work's end; null where the
     * watch follows its work on its own ({@link ExecutionCore} without sweeps, or the fallback),
     * at the back-off's cadence. Guarded by this.
     */
    private RequestBudget budget;
    /** The poll waiting for its turn in the budget; guarded by this. */
    private CompletableFuture<Void> admission;
    /** Whether the sweep that saw the end only guessed it (it may not have come yet); guarded by this. */
    private boolean endSeenOnAGuess;
    /** The admission the poll waiting for its turn asked on a guess; guarded by this. */
    private RequestBudget.GuessCharge guessCharge;
    /** Whether the poll on its way reads a just-ended work's end outside the budget. */
    private volatile boolean pollOutsideBudget;
    /** The poll on its way reads an end a sweep guessed, within the budget: its answers that show the end leave it. */
    private volatile RequestBudget.GuessCharge pollGuess;
    /** When (core ticker) the poll on its way began; guarded by this. */
    private long pollBeganAt;
    /**
     * When (core ticker) the last answered poll began, the watch's start before any: the log is
     * known up to then. Ranks this watch's log polls in the budget; guarded by this.
     */
    private long logReadAt;

    Watch(ExecutionCore core, ServerReachability server, WatchSink sink, TextMask mask) {
        this.core = core;
        this.server = server;
        this.sink = sink;
        this.mask = mask;
    }

    /** Completes with the outcome; never exceptionally: failures, also the plugin's own, become outcomes. */
    public CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    /**
     * Completes, with words for the log, if the watch stopped following its work without an outcome
     * because Jenkins is shutting down ({@link ExecutionCore#shutdown()}); the work goes on in PE.
     */
    public CompletableFuture<String> detached() {
        return detached;
    }

    /** The reference as far as the watch has come; persist it to resume without repeating lines. */
    public abstract WatchReference reference();

    /** One line saying what is awaited and until when, for a Pipeline's status. */
    public String status() {
        Duration left = remaining();
        return "Waiting for " + reference().describe() + stateSuffix() + " on "
                + reference().server() + ", "
                + (left.isNegative() || left.isZero() ? "deadline passed" : "giving up in " + Durations.words(left));
    }

    /**
     * Stops waiting and cancels the request in flight. With {@code stopWork} a plan is also stopped
     * in PE (deploys cannot be cancelled in PE). The returned words say what happened to the work;
     * {@link #outcome()} then completes with a FAILURE that says the same, unless the work ended first.
     */
    public CompletableFuture<String> cancel(boolean stopWork) {
        synchronized (this) {
            if (isOver()) {
                return CompletableFuture.completedFuture(
                        "Waiting for " + reference().describe() + " had already ended.");
            }
            ending = true;
            stopPending();
        }
        CompletableFuture<String> words =
                stopWork ? safeStopWork() : CompletableFuture.completedFuture(safeNotStopped());
        return words.thenApply(w -> {
            guarded(() -> {
                log(LogLine.of(w));
                finish(cancelledOutcome(w));
            });
            return w;
        });
    }

    /**
     * Stops following the work without stopping it and without an outcome: no further request is
     * sent and the one in flight is aborted. Nothing is logged: the build log may be closing.
     */
    void detach() {
        synchronized (this) {
            if (isOver()) {
                return;
            }
            ending = true;
            stopPending();
        }
        String what = safeDescription();
        detached.complete(
                "Jenkins is shutting down: stopped following " + what + " without stopping it. " + safeNotStopped());
    }

    /**
     * Schedules the deadline, then the first poll at a random point within the first delay (the log
     * poll interval within a budget), so watches started or resumed together (after a controller
     * restart) do not poll PE in step. A
     * {@code resumed} watch's first poll reads the work's state, as after a sweep told of its end
     * (within the budget, as backlog): the work may have ended while Jenkins was down.
     */
    void start(boolean resumed) {
        synchronized (this) {
            if (resumed) {
                endSeenElsewhere = true;
                endSeenFresh = false;
            }
            logReadAt = core.ticker().getAsLong();
        }
        guarded(() -> {
            Duration left = Duration.between(core.clock().instant(), reference().deadline());
            synchronized (this) {
                deadlineNanos = core.ticker().getAsLong() + (left.isNegative() ? 0 : left.toNanos());
                deadlineTask = core.scheduler().schedule(() -> guarded(this::giveUp), remaining());
            }
            Duration first;
            synchronized (this) {
                // within the budget, its queue spreads the polls too, and the log is due within the log poll interval
                first = budget != null && followsLog()
                        ? LOG_POLL_INTERVAL
                        : core.backoff().delay(0, core.random());
            }
            schedule(Duration.ofNanos((long) (first.toNanos() * core.random().getAsDouble())));
        });
    }

    /** Polls within {@code budget} from now on, at most every {@link #LOG_POLL_INTERVAL}, while a sweep tells of the end. */
    final synchronized void budgeted(RequestBudget budget) {
        this.budget = budget;
    }

    /** Whether a sweep tells of the end and the watch polls within the budget. */
    final synchronized boolean withinBudget() {
        return budget != null;
    }

    /** The sweep cannot serve: follow the work at the back-off's cadence, outside the budget, as without sweeps. */
    final synchronized void unbudgeted() {
        budget = null;
        if (admission != null && admission.cancel(false)) {
            admission = null;
            next = core.scheduler().schedule(() -> guarded(this::step), Duration.ZERO);
        }
    }

    /**
     * A sweep saw the work end in PE: poll now (the poll reads the work's state, see {@link
     * #endSeenElsewhere()}) instead of at the next interval; outside the budget when the end is
     * {@code fresh}, else as backlog, ahead of every log poll, ranked by {@code endedAt}, the end's
     * time on PE's clock as far as the sweep can tell (null if not; {@link RequestBudget#admitBacklog}).
     * {@code onAGuess} when the sweep could not be sure that the work ended (it may still be on its
     * way): a fresh read then takes its turn within the budget, ahead of log polls, and leaves it
     * when its answer shows the end ({@link RequestBudget#admitGuess}).
     */
    final void endSeen(boolean fresh, boolean onAGuess, Instant endedAt) {
        synchronized (this) {
            if (isOver()) {
                return;
            }
            if (endedAt != null) {
                endSeenAt = endedAt;
            }
            // already set by an earlier tell or a resume, the step may still wait for its time: bring it forward
            endSeenFresh = endSeenElsewhere ? endSeenFresh || fresh : fresh;
            endSeenOnAGuess = endSeenElsewhere ? endSeenOnAGuess || onAGuess : onAGuess;
            endSeenElsewhere = true;
            if (polling) {
                return; // the answer's handling schedules the next poll at once
            }
            // only a step still waiting (for its time or its turn) is brought forward; one already running sees the
            // flag
            boolean waitingForTurn = admission != null && admission.cancel(false);
            if (waitingForTurn) {
                admission = null;
            }
            if (waitingForTurn || (next != null && next.cancel(false))) {
                next = core.scheduler().schedule(() -> guarded(this::step), Duration.ZERO);
            }
        }
    }

    /**
     * A log poll within the budget saw the work's end in its events: the final read follows as
     * backlog, at once where the second has room, since the turn of the log poll counted one
     * request and the final read may count several. Call only from {@link #poll()}.
     */
    final void endSeenInLog() {
        synchronized (this) {
            endSeenElsewhere = true;
            endSeenFresh = false;
        }
    }

    /** Whether this poll began after a sweep saw the work end: it should read the final state. */
    final boolean endSeenElsewhere() {
        return pollAfterEndSeen;
    }

    /** One poll: completes with the outcome when the work has ended, with null to poll again. */
    abstract CompletableFuture<Outcome> poll();

    /** The requests the next poll counts for in the budget; {@code finalRead} when it reads the work's end. */
    int requestsOfPoll(boolean finalRead) {
        return finalRead ? FINAL_READ_WEIGHT : POLL_WEIGHT;
    }

    /** Whether the watch polls for a log: within the budget every {@link #LOG_POLL_INTERVAL}, else at the back-off's cadence. */
    boolean followsLog() {
        return true;
    }

    /** Asks PE to stop the work; completes (never exceptionally) with words on what happened. */
    abstract CompletableFuture<String> stopWork();

    /** Words for a cancel that leaves the work running in PE. */
    abstract String notStoppedWords();

    abstract boolean stopsWorkWhenAbandoned();

    abstract Outcome cancelledOutcome(String stopWords);

    abstract Outcome deadlineOutcome(String stopWords);

    /** The outcome when PE refuses a poll for a reason that waiting will not cure. */
    abstract Outcome lostTrackOutcome(PeApiException failure);

    /** The result map as far as the watch knows it, for an ending the watch did not plan. */
    abstract Map<String, Object> resultSoFar();

    /** A phrase after the work's name in {@link #status()}, such as {@code  (running)}. */
    String stateSuffix() {
        return "";
    }

    /**
     * Sends one request of a poll, unless the watch has ended meanwhile (then the returned future
     * is cancelled and nothing is sent). The request is cancelled if the watch ends while it is in
     * flight.
     */
    final <T> CompletableFuture<T> request(Supplier<CompletableFuture<T>> send) {
        return request(send, answer -> true);
    }

    /**
     * As {@link #request(Supplier)}; {@code showsEnd} tells whether an answer showed the work's end,
     * which matters where the poll reads an end a sweep only guessed.
     */
    final <T> CompletableFuture<T> request(Supplier<CompletableFuture<T>> send, Predicate<? super T> showsEnd) {
        synchronized (this) {
            if (isOver()) {
                CompletableFuture<T> none = new CompletableFuture<>();
                none.cancel(false);
                return none;
            }
            CompletableFuture<T> sent = send.get();
            RequestBudget.GuessCharge guess = pollGuess;
            if (pollOutsideBudget && budget != null) {
                budget.sentOutside(1);
            } else if (guess != null && budget != null) {
                RequestBudget charged = budget;
                sent.thenAccept(answer -> {
                    if (showsEnd.test(answer)) {
                        charged.wasFinal(guess);
                    }
                });
            }
            requests.add(sent);
            sent.whenComplete((value, failure) -> {
                synchronized (this) {
                    requests.remove(sent);
                }
            });
            return sent;
        }
    }

    final void log(LogLine line) {
        synchronized (this) {
            if (outcome.isDone()) {
                return;
            }
            try {
                sink.log(line);
            } catch (RuntimeException e) {
                // The sink lost this line; the watch goes on and its outcome still reports.
            }
        }
    }

    final void progressed(WatchReference reference) {
        synchronized (this) {
            if (outcome.isDone()) {
                return;
            }
            try {
                sink.progressed(reference);
            } catch (RuntimeException e) {
                // Not saved this time; the next progress saves a newer reference.
            }
        }
    }

    final void nodeProgressed(NodeProgress progress) {
        synchronized (this) {
            if (outcome.isDone()) {
                return;
            }
            try {
                sink.nodeProgressed(progress);
            } catch (RuntimeException e) {
                // The front end misses this node's state; the log has its line and the verdict reads every node.
            }
        }
    }

    final void finish(Outcome result) {
        synchronized (this) {
            stopPending();
        }
        outcome.complete(result);
    }

    /** Whether the watch has ended or is ending: no further request may be sent. */
    final synchronized boolean isOver() {
        return outcome.isDone() || ending;
    }

    /** How long until the deadline, on the monotonic ticker (zero or negative once passed). */
    final synchronized Duration remaining() {
        return Duration.ofNanos(deadlineNanos - core.ticker().getAsLong());
    }

    private void stopPending() {
        if (next != null) {
            next.cancel(false);
        }
        if (admission != null) {
            admission.cancel(false);
        }
        if (deadlineTask != null) {
            deadlineTask.cancel(false);
        }
        for (CompletableFuture<?> inFlight : List.copyOf(requests)) {
            inFlight.cancel(true);
        }
    }

    private void step() {
        if (isOver()) {
            return;
        }
        Duration left = remaining();
        if (left.isNegative() || left.isZero()) {
            giveUp();
            return;
        }
        if (!server.mayPoll(core.clock().instant())) {
            // Another watch probes the installation; keep this watch's own rhythm meanwhile.
            waitForPe(null);
            return;
        }
        CompletableFuture<Void> turn;
        synchronized (this) {
            if (polling || admission != null) {
                return; // a step scheduled before endSeen() met the one it scheduled
            }
            guessCharge = null;
            if (budget == null || (endSeenElsewhere && endSeenFresh && !endSeenOnAGuess)) {
                turn = null;
            } else {
                if (endSeenElsewhere && endSeenFresh) {
                    guessCharge = new RequestBudget.GuessCharge();
                    turn = budget.admitGuess(requestsOfPoll(true), guessCharge);
                } else {
                    turn = endSeenElsewhere
                            ? budget.admitBacklog(requestsOfPoll(true), endSeenAt)
                            : budget.admitLogPoll(requestsOfPoll(false), logReadAt);
                }
                admission = turn;
            }
        }
        if (turn == null) {
            beginPoll(false);
        } else {
            turn.thenRun(() -> guarded(() -> {
                synchronized (this) {
                    if (admission != turn) {
                        return; // brought forward meanwhile: the step it scheduled polls
                    }
                    admission = null;
                }
                beginPoll(true);
            }));
        }
    }

    private void beginPoll(boolean admitted) {
        if (isOver()) {
            return;
        }
        synchronized (this) {
            if (polling) {
                return;
            }
            polling = true;
            pollBeganAt = core.ticker().getAsLong();
            pollAfterEndSeen = endSeenElsewhere;
            pollOutsideBudget = !admitted && budget != null;
            pollGuess = admitted ? guessCharge : null;
            guessCharge = null;
            endSeenElsewhere = false;
            endSeenOnAGuess = false;
        }
        CompletableFuture<Outcome> polled;
        try {
            polled = poll();
        } catch (RuntimeException e) {
            polled = CompletableFuture.failedFuture(e);
        }
        Runnable answered = core.scheduler().awaitingAnswer();
        polled.whenComplete((result, failure) -> {
            try {
                core.scheduler().schedule(() -> guarded(() -> polled(result, failure)), Duration.ZERO);
            } catch (RuntimeException e) {
                guarded(() -> failedInside(e));
            } finally {
                answered.run();
            }
        });
    }

    private void polled(Outcome result, Throwable failure) {
        boolean soon;
        synchronized (this) {
            polling = false;
            soon = endSeenElsewhere;
        }
        if (isOver()) {
            return;
        }
        Throwable cause = failure == null ? null : unwrap(failure);
        if (cause == null || !marksUnreachable(cause)) {
            server.answered();
        }
        if (cause != null) {
            if (pollAfterEndSeen) {
                synchronized (this) {
                    // the end a sweep told of is read again: the sweep tells each end once
                    endSeenElsewhere = true;
                    endSeenFresh = false;
                }
            }
            pollFailed(cause);
        } else if (result != null) {
            finish(result);
        } else {
            if (unreachable) {
                unreachable = false;
                log(LogLine.of(
                        "PE answers again; still waiting for " + reference().describe() + "."));
            }
            Duration delay;
            synchronized (this) {
                logReadAt = pollBeganAt;
                delay = budget != null && followsLog()
                        ? LOG_POLL_INTERVAL
                        : core.backoff().delay(attempt++, core.random());
            }
            schedule(soon ? Duration.ZERO : delay);
        }
    }

    private void pollFailed(Throwable failure) {
        if (marksUnreachable(failure)) {
            server.failed(core.clock().instant());
            waitForPe(failure.getMessage());
        } else if (isTransient(failure)) {
            // PE answered, but not as expected for this work: only this watch waits for it.
            waitForPe(failure.getMessage());
        } else if (failure instanceof PeApiException api) {
            finish(lostTrackOutcome(api));
        } else {
            failedInside(failure);
        }
    }

    /**
     * This poll failed ({@code why}), or PE is known not to answer other watches' polls (null):
     * say so once, then poll again later. Another build's error text is never shown here.
     */
    private void waitForPe(String why) {
        if (!unreachable) {
            unreachable = true;
            log(LogLine.of((why == null
                            ? "PE does not answer at the moment (other builds' requests to it failed)"
                            : "PE did not answer as expected (" + mask.apply(why) + ")")
                    + "; still waiting for " + reference().describe() + " and trying again."));
        }
        // Stay slow while PE is away, with jitter, so recovering watches do not poll in step; within the budget,
        // the budget spreads them, and the log catches up within the log poll interval.
        attempt = Math.max(attempt, 64);
        boolean spreadByBudget;
        synchronized (this) {
            spreadByBudget = budget != null && followsLog();
        }
        schedule(spreadByBudget ? LOG_POLL_INTERVAL : core.backoff().delay(attempt, core.random()));
    }

    private void giveUp() {
        synchronized (this) {
            if (isOver()) {
                return;
            }
            ending = true;
            stopPending();
        }
        CompletableFuture<String> words =
                stopsWorkWhenAbandoned() ? safeStopWork() : CompletableFuture.completedFuture(safeNotStopped());
        words.thenAccept(w -> guarded(() -> {
            log(LogLine.of(w));
            finish(deadlineOutcome(w));
        }));
    }

    private void schedule(Duration delay) {
        synchronized (this) {
            if (isOver()) {
                return;
            }
            Duration left = remaining();
            Duration wait = left.isNegative() ? Duration.ZERO : delay.compareTo(left) > 0 ? left : delay;
            next = core.scheduler().schedule(() -> guarded(this::step), wait);
        }
    }

    /** {@link #stopWork()}, with a synchronous throw or a failure turned into words. */
    private CompletableFuture<String> safeStopWork() {
        CompletableFuture<String> words;
        try {
            words = stopWork();
        } catch (RuntimeException e) {
            words = CompletableFuture.failedFuture(e);
        }
        return words.handle((w, failure) -> failure == null
                ? w
                : "Could not ask PE to stop the work (" + errorWords(unwrap(failure)) + "). " + safeNotStopped());
    }

    private String safeDescription() {
        try {
            return reference().describe();
        } catch (RuntimeException e) {
            return "the work";
        }
    }

    private String safeNotStopped() {
        try {
            return notStoppedWords();
        } catch (RuntimeException e) {
            return "The work may still be running in PE.";
        }
    }

    /** Runs a step of the watch; whatever it throws ends the watch with a verdict. */
    private void guarded(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failedInside(e);
        }
    }

    /** The plugin itself failed while watching: UNKNOWN with the error's words, never a silent end. */
    private void failedInside(Throwable failure) {
        synchronized (this) {
            if (outcome.isDone()) {
                return;
            }
            ending = true;
            stopPending();
        }
        String what = safeDescription();
        String summary = "Stopped following " + what + " because of an error in the plugin (" + errorWords(failure)
                + "); how it ended is unknown. " + safeNotStopped();
        Map<String, Object> result;
        try {
            result = resultSoFar();
        } catch (RuntimeException e) {
            result = new LinkedHashMap<>();
            result.put("server", reference().server());
            result.put("marker", reference().marker());
        }
        log(LogLine.of(summary));
        outcome.complete(new Outcome(Verdict.UNKNOWN, summary, result));
    }

    private String errorWords(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + mask.apply(message));
    }

    /**
     * Whether a poll's failure says the installation is unreachable for every watch: no answer at
     * all, or a gateway status without PE's error object. PE's own errors and unreadable answers
     * are about one request and stay with its watch.
     */
    static boolean marksUnreachable(Throwable failure) {
        if (failure instanceof IOException) {
            return true;
        }
        return failure instanceof PeTransientException t
                && t.kind() == null
                && (t.status() == 0 || t.status() == 502 || t.status() == 503 || t.status() == 504);
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
