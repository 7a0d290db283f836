package io.jenkins.plugins.puppetenterprise.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * How many requests per second the waiting on one PE installation may send
 * ({@link io.jenkins.plugins.puppetenterprise.client.PeSession#requestsPerSecond()}), shared by
 * every credential group's sweeps and every watch's log polls there. Requests wait their turn in
 * this order, each kind against a count of the requests of the last second:
 *
 * <ol>
 *   <li>final reads of work that ended a while ago ({@link Use#BACKLOG}: told by the first sweep
 *       after an outage or a restart), the newest end first ({@link #admitBacklog}), while the last
 *       second holds at most twice the budget less one request per sweeping group, which the sweeps
 *       keep;
 *   <li>sweeps, while the last second's requests within the budget leave room for them (also
 *       while backlog waits: a sweep tells the builds whose work ends now);
 *   <li>reads of an end that a sweep could only guess ({@link Use#GUESS}: a deploy that left Code
 *       Manager's queue may still be syncing), within the budget, unspaced; each whose answer shows
 *       the end leaves the budget again ({@link #wasFinal}), so only the guesses read too early
 *       take log polls' turns;
 *   <li>log polls, the stalest log first (the watch whose last answered poll began earliest),
 *       within the budget, once no backlog and no sweep waits. A poll that PE did not answer keeps
 *       its place: after an outage the logs that have waited longest are read first.
 * </ol>
 *
 * Admissions are also spaced, each after the one before by its weight at the budget's rate (twice
 * that for backlog), a little slower still. Without spacing the requests of one second left
 * together and came back together a second later, and a burst whose requests reached PE on both
 * sides of a second's edge put more than the budget into that second.
 *
 * No share is kept for the sweeps: a sweep that finds the second full waits only until its oldest
 * request ages out (a tenth of a second at 10 per second), and no log poll overtakes it. So log
 * polls get the whole budget less what the sweeps actually send.
 *
 * The final reads of work that ended just now (since the sweep before, a sweep interval ago) go at
 * once, outside the budget but counted in the last second ({@link #sentOutside}): they are what
 * makes a build notice its work's end within seconds, and there are as many as jobs end. So the
 * requests of one second stay within the budget plus those final reads, and after an outage within
 * twice the budget plus the final reads of what ended after it.
 */
final class RequestBudget {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    /**
     * Spacing is this much (in thousandths) slower than the budget, so that the requests PE receives in any second
     * stay within it although their way there takes a little more or less time each.
     */
    private static final long SPACING_PER_MILLE = 1_020;

    /** Sweeps of one installation together take at most this share of its budget; beyond it, each sweeps less often. */
    private static final int SWEEP_SHARE_DIVISOR = 4;

    /** What a request is for, in the order requests are admitted. */
    enum Use {
        BACKLOG,
        SWEEP,
        GUESS,
        EVENTS
    }

    /**
     * {@code order} ranks log polls (the tick their log was last read at) and backlog (less its
     * end's epoch millisecond); for the other uses it is 0 and they go in the order they asked
     * ({@code sequence}).
     */
    private record Waiting(
            Use use, long order, long sequence, int weight, CompletableFuture<Void> admitted, GuessCharge charge) {}

    /**
     * Requests sent in the last second, at {@code tick} on the core's ticker; {@code inBudget} of
     * them within the budget, the others final reads (backlog, of work that just ended, or guesses
     * that found the end). Guarded by the budget.
     */
    private static final class Sent {
        private final long tick;
        private final int weight;
        private int inBudget;

        private Sent(long tick, int weight, int inBudget) {
            this.tick = tick;
            this.weight = weight;
            this.inBudget = inBudget;
        }
    }

    /** One admission {@link #admitGuess on a guess}: the requests it sent, for {@link #wasFinal}. Guarded by the budget. */
    static final class GuessCharge {
        private Sent sent;
    }

    private final ExecutionCore core;
    private final TreeSet<Waiting> waiting = new TreeSet<>(
            Comparator.comparing(Waiting::use).thenComparingLong(Waiting::order).thenComparingLong(Waiting::sequence));
    private final ArrayDeque<Sent> lastSecond = new ArrayDeque<>();
    private int perSecond;
    private int sweepGroups;
    private long sequence;
    private int sentInBudget;
    private int sentInAll;
    private Future<?> wake;
    private long wakeAt;
    /** The earliest tick of the next admission (spacing). */
    private long nextAdmissionAt = Long.MIN_VALUE;

    RequestBudget(ExecutionCore core, int perSecond) {
        this.core = core;
        this.perSecond = perSecond;
    }

    /** The installation's latest setting: a changed budget applies from the next admission on. */
    synchronized void perSecond(int requests) {
        if (requests != perSecond) {
            perSecond = requests;
            dispatchLater(0);
        }
    }

    /** A sweep (one kind of work of one credential group) began ({@code +1}) or stopped ({@code -1}) on this installation. */
    synchronized void sweepGroups(int change) {
        sweepGroups = Math.max(0, sweepGroups + change);
    }

    /**
     * How often each group sweeps: every {@link FinishedWorkSweep#INTERVAL}, stretched so that all
     * the groups' sweeps (plans, jobs and deploys of every credential) stay within a quarter of the
     * budget.
     */
    synchronized Duration sweepInterval() {
        long stretched = SECOND * SWEEP_SHARE_DIVISOR * Math.max(1, sweepGroups) / perSecond;
        return Duration.ofNanos(Math.max(FinishedWorkSweep.INTERVAL.toNanos(), stretched));
    }

    /**
     * Completes, on the watch scheduler, when {@code weight} requests for {@code use} may be sent;
     * cancelling the returned future leaves the queue.
     */
    CompletableFuture<Void> admit(Use use, int weight) {
        return admit(use, weight, 0, null);
    }

    /**
     * The turn of {@code weight} final reads of backlog ({@link Use#BACKLOG}), ranked by {@code
     * endedAt}, the end's time on PE's clock as the sweep listed it (null when unknown: those go
     * after the others, in the order they asked). The newest end goes first: after an outage, work
     * that ended as PE answered again is read before what waited through it.
     */
    CompletableFuture<Void> admitBacklog(int weight, Instant endedAt) {
        return admit(Use.BACKLOG, weight, endedAt == null ? 0 : -endedAt.toEpochMilli(), null);
    }

    /**
     * The turn of {@code weight} reads of an end a sweep could only guess ({@link Use#GUESS});
     * {@code charge} then holds them for {@link #wasFinal}.
     */
    CompletableFuture<Void> admitGuess(int weight, GuessCharge charge) {
        return admit(Use.GUESS, weight, 0, charge);
    }

    /**
     * A log poll's turn ({@link Use#EVENTS}), ranked by {@code logReadAt}: the tick at which the
     * watch's last answered poll began (its start before any), earliest first.
     */
    CompletableFuture<Void> admitLogPoll(int weight, long logReadAt) {
        return admit(Use.EVENTS, weight, logReadAt, null);
    }

    private CompletableFuture<Void> admit(Use use, int weight, long order, GuessCharge charge) {
        CompletableFuture<Void> admitted = new CompletableFuture<>();
        synchronized (this) {
            waiting.add(new Waiting(use, order, sequence++, weight, admitted, charge));
        }
        dispatch();
        return admitted;
    }

    /**
     * Sends one request when the budget gives it its turn ({@link #admit}); its answer is handled
     * on the watch scheduler. A scheduler on a fake clock holds the clock while the answer is on its
     * way (until the step handling it is scheduled), not while the turn is awaited.
     */
    <T> CompletableFuture<T> sendInTurn(Use use, Supplier<CompletableFuture<T>> request) {
        return admit(use, 1).thenCompose(turn -> {
            Runnable answered = core.scheduler().awaitingAnswer();
            CompletableFuture<T> handled = new CompletableFuture<>();
            CompletableFuture<T> sent;
            try {
                sent = request.get();
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.whenComplete((value, failure) -> {
                try {
                    core.callbacks().execute(() -> {
                        if (failure != null) {
                            handled.completeExceptionally(failure);
                        } else {
                            handled.complete(value);
                        }
                    });
                } catch (RuntimeException e) {
                    handled.completeExceptionally(e); // the core is shutting down
                } finally {
                    answered.run();
                }
            });
            return handled;
        });
    }

    /** Requests sent outside the budget (final reads of work that just ended), counted in the last second. */
    synchronized void sentOutside(int requests) {
        record(new Sent(core.ticker().getAsLong(), requests, 0));
    }

    /**
     * One read of {@code charge}'s admission found the end: it was a final read, outside the
     * budget. Nothing changes once the admission left the last second.
     */
    void wasFinal(GuessCharge charge) {
        synchronized (this) {
            forget(core.ticker().getAsLong());
            Sent sent = charge.sent;
            if (sent == null || sent.inBudget == 0 || !lastSecond.contains(sent)) {
                return;
            }
            sent.inBudget--;
            sentInBudget--;
        }
        dispatch();
    }

    private void dispatch() {
        List<CompletableFuture<Void>> granted = new ArrayList<>();
        synchronized (this) {
            long now = core.ticker().getAsLong();
            forget(now);
            boolean backlogWaits = false;
            for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
                Waiting next = it.next();
                if (next.admitted().isDone()) {
                    it.remove(); // cancelled while waiting
                } else if (now < nextAdmissionAt) {
                    break;
                } else if (admissible(next, backlogWaits)) {
                    it.remove();
                    Sent sent = new Sent(now, next.weight(), next.use() == Use.BACKLOG ? 0 : next.weight());
                    record(sent);
                    if (next.charge() != null) {
                        next.charge().sent = sent;
                    }
                    nextAdmissionAt = now + spacing(next);
                    granted.add(next.admitted());
                } else if (next.use() == Use.BACKLOG) {
                    backlogWaits = true; // a sweep may still go: it tells the builds whose work ends now
                } else {
                    break; // no log poll overtakes a waiting sweep, nor, round-robin, a poll that asked earlier
                }
            }
            if (!waiting.isEmpty() && nextAdmissionAt > now) {
                dispatchLater(nextAdmissionAt - now);
            } else if (!waiting.isEmpty() && !lastSecond.isEmpty()) {
                dispatchLater(Math.max(0, lastSecond.peekFirst().tick + SECOND - now));
            }
        }
        for (CompletableFuture<Void> admitted : granted) {
            core.callbacks().execute(() -> admitted.complete(null));
        }
    }

    /**
     * How long after this admission the next may go: its weight at the budget's rate, backlog's at
     * twice it; none after guesses, most of which leave the budget as soon as they are answered.
     */
    private long spacing(Waiting admitted) {
        if (admitted.use() == Use.GUESS) {
            return 0;
        }
        long perSecondOfUse = admitted.use() == Use.BACKLOG ? 2L * perSecond : perSecond;
        return SECOND * admitted.weight() * SPACING_PER_MILLE / 1_000 / perSecondOfUse;
    }

    /** Whether the request fits in the last second; into an empty second, any request fits. */
    private boolean admissible(Waiting request, boolean backlogWaits) {
        if (sentInAll == 0) {
            return true;
        }
        return switch (request.use()) {
            // backlog leaves each sweeping group its turn: starved sweeps would make every end backlog
            case BACKLOG -> sentInAll + request.weight() <= 2 * perSecond - Math.max(1, sweepGroups);
            case SWEEP -> sentInAll < 2 * perSecond && sentInBudget + request.weight() <= perSecond;
            // only fresh ends are guessed: as many as deploys end, so no cap on the final reads of the second
            case GUESS -> sentInBudget + request.weight() <= perSecond;
            case EVENTS ->
                !backlogWaits
                        && sentInBudget + request.weight() <= perSecond
                        && sentInAll + request.weight() <= 2 * perSecond;
        };
    }

    private void record(Sent sent) {
        lastSecond.addLast(sent);
        sentInAll += sent.weight;
        sentInBudget += sent.inBudget;
    }

    private void forget(long now) {
        while (!lastSecond.isEmpty() && lastSecond.peekFirst().tick + SECOND <= now) {
            Sent old = lastSecond.pollFirst();
            sentInAll -= old.weight;
            sentInBudget -= old.inBudget;
        }
    }

    private void woken() {
        synchronized (this) {
            wake = null; // this dispatch may need the next one
        }
        dispatch();
    }

    /** Dispatches again after {@code delayNanos}, unless a dispatch is due sooner already. */
    private void dispatchLater(long delayNanos) {
        long at = core.ticker().getAsLong() + delayNanos;
        if (wake != null && !wake.isDone() && wakeAt <= at) {
            return;
        }
        if (wake != null) {
            wake.cancel(false);
        }
        wakeAt = at;
        try {
            wake = core.scheduler().schedule(this::woken, Duration.ofNanos(delayNanos));
        } catch (RuntimeException e) {
            wake = null; // the core is shutting down; the waiting watches end with it
        }
    }
}
