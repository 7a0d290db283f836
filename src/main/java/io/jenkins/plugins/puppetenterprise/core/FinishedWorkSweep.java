package io.jenkins.plugins.puppetenterprise.core;

import io.jenkins.plugins.puppetenterprise.client.PeBadRequestException;
import io.jenkins.plugins.puppetenterprise.client.PePermissionException;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.job.JobQuery;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanJobQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells the watches of one kind of work (plan jobs, or Puppet runs and tasks), PE installation and
 * sweep group ({@link PeSession#sweepGroup()}: the credential's origin and secret or user) that their
 * work ended, with one request for all of them
 * every {@link #INTERVAL}: {@code GET /plan_jobs} or {@code GET /jobs} of what finished since T,
 * oldest change first, page after page ({@link Lister}). A watch told so reads its work's state at
 * once instead of at its next poll, so the end is noticed within seconds however slowly the watch
 * polls for its log. An end of just now is read at once, outside the budget: every end that a sweep
 * lists within the interval and {@code FRESH_GAP} of the last successful sweep. After a longer gap
 * (an outage, a restart) the ends listed are backlog, read within the budget at up to twice it
 * ({@link RequestBudget.Use#BACKLOG}), the newest end first, so work that ended as PE answered
 * again is read before what piled up during the outage, and the next sweep's ends are of just now
 * again.
 *
 * <p>T is on PE's clock: the first request (the probe) asks for jobs finished a day from now, which
 * a release honouring {@code min_finish_timestamp} answers with no items; the second reads PE's
 * newest state change, a time on its clock no later than its now. T is that time less the time
 * since the oldest watch's submission (a duration on Jenkins' clock, which a skew between the
 * clocks does not change) and a margin, and the first sweep follows
 * at once, so work that ended while Jenkins was down is noticed on resuming. After each sweep, T moves
 * to the newest finish seen less the margin; a watch added later moves it back to cover its own
 * submission. Where PE cannot serve the list (an older release that ignores the filter or refuses
 * it, list items without {@code finished_timestamp}, a credential that may not list plan jobs) the
 * sweep ends, says why once in the log, and the watches follow their jobs one by one as before.
 *
 * <p>The request is sent with the session of the watch added last, a build of the same group, so no
 * build's token reports on another credential's work; when that build ends, the next sweep uses
 * another's. A session whose tokens were revoked refuses to log in again, so a borrowed
 * session never mints a token for the sweep.
 */
final class FinishedWorkSweep {
    private static final Logger LOGGER = Logger.getLogger(FinishedWorkSweep.class.getName());

    static final Duration INTERVAL = Duration.ofSeconds(2);
    /** How far back of the newest finish seen each sweep looks again: jobs that end at nearly the same time. */
    static final Duration MARGIN = Duration.ofSeconds(5);

    static final int PAGE = 500;
    /**
     * A sweep that follows a successful one within this much more than the interval sees ends of
     * just now, read at once; after a longer gap (an outage, the first sweep) they are backlog, read
     * within the budget ({@link RequestBudget}).
     */
    private static final Duration FRESH_GAP = Duration.ofSeconds(3);
    /** The probe asks for jobs finished this far ahead, surely after PE's now: only a release ignoring the filter lists any. */
    private static final Duration PROBE_AHEAD = Duration.ofDays(1);

    private final ExecutionCore core;
    private final PeServiceUrls urls;
    private final Lister lister;
    private final RequestBudget budget;
    private final Map<Watch, PeSession> watches = new LinkedHashMap<>();
    /** Works whose watch was told of their end. */
    private final Set<String> told = new HashSet<>();
    /** Jobs finished at or after this time on PE's clock are asked for; null until the probe anchored it. */
    private Instant since;
    /** A time on PE's clock no later than its now at {@link #peTick} on the core's ticker: the newest it told. */
    private Instant peNow;

    private long peTick;
    /** When the last sweep that read every page ended, on the core's ticker; null before the first. */
    private Long sweptTick;

    private final SweepSchedule schedule;
    private boolean unsupported;

    FinishedWorkSweep(ExecutionCore core, PeServiceUrls urls, Lister lister, RequestBudget budget) {
        this.core = core;
        this.urls = urls;
        this.lister = lister;
        this.budget = budget;
        this.schedule = new SweepSchedule(core, budget, this::tick);
    }

    /** A work that finished, as a list shows it. */
    record Finished(String name, Instant finished) {}

    /** How one kind of work is listed: plan jobs, or ordinary jobs (Puppet runs and tasks). */
    interface Lister {
        /** What the list holds, for the log: "plan jobs", "jobs". */
        String what();

        /** The name of the watch's work in the list, or null while it is not known. */
        String name(Watch watch);

        /** Whether PE lists anything as finished at or after {@code ahead} (only when it ignores the filter). */
        CompletableFuture<Boolean> listsFinishedAfter(PeSession session, Instant ahead);

        /** PE's newest state change of this kind of work (PE's clock), or null when there is none. */
        CompletableFuture<Instant> newestChange(PeSession session);

        /** A page of the works finished at or after {@code since}, oldest change first. */
        CompletableFuture<List<Finished>> finishedSince(PeSession session, Instant since, int limit, int offset);
    }

    /** Plan jobs: {@code GET /plan_jobs} (PE 2021 and later honour {@code min_finish_timestamp}). */
    static final Lister PLANS = new Lister() {
        @Override
        public String what() {
            return "plan jobs";
        }

        @Override
        public String name(Watch watch) {
            return ((PlanRunReference) watch.reference()).planJob();
        }

        @Override
        public CompletableFuture<Boolean> listsFinishedAfter(PeSession session, Instant ahead) {
            return session.orchestrator()
                    .withoutRetries()
                    .planJobs(PlanJobQuery.finishedSince(ahead, 1))
                    .thenApply(list -> !list.items().isEmpty());
        }

        @Override
        public CompletableFuture<Instant> newestChange(PeSession session) {
            return session.orchestrator()
                    .withoutRetries()
                    .planJobs(PlanJobQuery.newest(1))
                    .thenApply(list -> list.items().isEmpty()
                            ? null
                            : firstNonNull(
                                    list.items().get(0).timestamp(),
                                    list.items().get(0).createdTimestamp()));
        }

        @Override
        public CompletableFuture<List<Finished>> finishedSince(
                PeSession session, Instant since, int limit, int offset) {
            return session.orchestrator()
                    .withoutRetries()
                    .planJobs(PlanJobQuery.finishedSince(since, limit).withOffset(offset))
                    .thenApply(list -> list.items().stream()
                            .map(job -> new Finished(job.name(), job.finishedTimestamp()))
                            .toList());
        }
    };

    /** Puppet runs and tasks: {@code GET /jobs} of every type (PE 2021.6 and later honour {@code min_finish_timestamp}). */
    static final Lister JOBS = new Lister() {
        @Override
        public String what() {
            return "jobs";
        }

        @Override
        public String name(Watch watch) {
            return ((JobReference) watch.reference()).job();
        }

        @Override
        public CompletableFuture<Boolean> listsFinishedAfter(PeSession session, Instant ahead) {
            return session.jobs()
                    .withoutRetries()
                    .jobs(JobQuery.finishedSince(ahead, 1))
                    .thenApply(list -> !list.items().isEmpty());
        }

        @Override
        public CompletableFuture<Instant> newestChange(PeSession session) {
            return session.jobs()
                    .withoutRetries()
                    .jobs(JobQuery.newest(1, null))
                    .thenApply(list -> list.items().isEmpty()
                            ? null
                            : firstNonNull(
                                    list.items().get(0).timestamp(),
                                    firstNonNull(
                                            list.items().get(0).finishedTimestamp(),
                                            list.items().get(0).startedTimestamp())));
        }

        @Override
        public CompletableFuture<List<Finished>> finishedSince(
                PeSession session, Instant since, int limit, int offset) {
            return session.jobs()
                    .withoutRetries()
                    .jobs(JobQuery.finishedSince(since, limit).withOffset(offset))
                    .thenApply(list -> list.items().stream()
                            .map(job -> new Finished(job.name(), job.finishedTimestamp()))
                            .toList());
        }
    };

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static Instant firstNonNull(Instant first, Instant second) {
        return first != null ? first : second;
    }

    /** Sweeps for this watch's plan job too, until {@link #remove}; the first sweep starts at once. */
    synchronized void add(Watch watch, PeSession session) {
        if (unsupported) {
            return;
        }
        watches.put(watch, session);
        watch.budgeted(budget);
        if (since != null) {
            Instant covering = anchorFor(watch);
            if (covering.isBefore(since)) {
                since = covering;
            }
        }
        if (!schedule.start()) {
            watch.unbudgeted(); // the core is shutting down; the watch polls as it can
        }
    }

    synchronized void remove(Watch watch) {
        watches.remove(watch);
        String name = lister.name(watch);
        if (name != null) {
            told.remove(name);
        }
    }

    private void tick() {
        PeSession lender = null;
        boolean probe;
        synchronized (this) {
            if (watches.isEmpty() || unsupported) {
                schedule.stop();
                return;
            }
            for (PeSession session : watches.values()) {
                lender = session;
            }
            probe = since == null;
        }
        CompletableFuture<Void> swept;
        try {
            PeSession by = lender;
            swept = probe
                    ? probe(lender)
                            .thenCompose(
                                    probed -> anchored() ? sweep(by, 0, null) : CompletableFuture.completedFuture(null))
                    : sweep(lender, 0, null);
        } catch (RuntimeException e) {
            swept = CompletableFuture.failedFuture(e);
        }
        swept.exceptionally(this::failed).whenComplete((done, failure) -> next());
    }

    private void next() {
        synchronized (this) {
            if (watches.isEmpty() || unsupported) {
                schedule.stop();
                return;
            }
        }
        schedule.next();
    }

    private <T> CompletableFuture<T> inTurn(Supplier<CompletableFuture<T>> request) {
        return budget.sendInTurn(RequestBudget.Use.SWEEP, request);
    }

    /**
     * Whether PE honours the filter (asked for jobs finished a day from now, it lists none), then
     * the newest state change PE recorded, a time on PE's clock no later than its now, to anchor T.
     */
    private CompletableFuture<Void> probe(PeSession lender) {
        Instant ahead = core.clock().instant().plus(PROBE_AHEAD);
        return inTurn(() -> lister.listsFinishedAfter(lender, ahead))
                .thenComposeAsync(
                        ignoresFilter -> {
                            if (ignoresFilter) {
                                giveUp("it lists " + lister.what() + " when asked for those finished after " + ahead
                                        + ", so it ignores min_finish_timestamp (an older PE release)");
                                return CompletableFuture.completedFuture(null);
                            }
                            return inTurn(() -> lister.newestChange(lender))
                                    .thenAcceptAsync(this::anchor, core.callbacks());
                        },
                        core.callbacks());
    }

    private synchronized boolean anchored() {
        return since != null && !unsupported;
    }

    private synchronized void anchor(Instant changed) {
        if (changed == null) {
            return; // nothing in PE yet; the next sweep probes again
        }
        peNow = changed;
        peTick = core.ticker().getAsLong();
        for (Watch watch : watches.keySet()) {
            Instant covering = anchorFor(watch);
            if (since == null || covering.isBefore(since)) {
                since = covering;
            }
        }
        if (since == null) {
            since = peNow.minus(MARGIN);
        }
    }

    /**
     * A time on PE's clock no later than the watch's submission: PE's latest known time less the
     * watch's age on Jenkins' clock and the margin.
     */
    private Instant anchorFor(Watch watch) {
        Duration age =
                Duration.between(watch.reference().submittedAt(), core.clock().instant());
        Instant peNowHere = peNow.plusNanos(core.ticker().getAsLong() - peTick);
        return peNowHere.minus(age.isNegative() ? Duration.ZERO : age).minus(MARGIN);
    }

    /** One page from {@code offset} of the jobs finished since T; the next page follows in the same sweep. */
    private CompletableFuture<Void> sweep(PeSession lender, int offset, Instant newestSoFar) {
        Instant from;
        synchronized (this) {
            from = since;
        }
        return inTurn(() -> lister.finishedSince(lender, from, PAGE, offset))
                .thenComposeAsync(list -> swept(lender, offset, from, newestSoFar, list), core.callbacks());
    }

    private CompletableFuture<Void> swept(
            PeSession lender, int offset, Instant from, Instant newestSoFar, List<Finished> list) {
        Map<String, Watch> byName = new HashMap<>();
        Map<Watch, Instant> tell = new LinkedHashMap<>();
        Instant newest = newestSoFar;
        boolean sweepFresh;
        synchronized (this) {
            watches.keySet().forEach(w -> {
                String name = lister.name(w);
                if (name != null) {
                    byName.put(name, w);
                }
            });
            for (Finished work : list) {
                if (work.finished() == null) {
                    giveUp("its list of " + lister.what() + " carries no finished_timestamp (PE before 2019.8.5)");
                    return CompletableFuture.completedFuture(null);
                }
                if (newest == null || work.finished().isAfter(newest)) {
                    newest = work.finished();
                }
                Watch watch = byName.get(work.name());
                if (watch != null && told.add(work.name())) {
                    tell.put(watch, work.finished());
                }
            }
            Duration freshWithin = budget.sweepInterval().plus(FRESH_GAP);
            long gap = sweptTick == null ? Long.MAX_VALUE : core.ticker().getAsLong() - sweptTick;
            sweepFresh = gap <= freshWithin.toNanos();
            if (newest != null && newest.isAfter(peNow.plusNanos(core.ticker().getAsLong() - peTick))) {
                peNow = newest;
                peTick = core.ticker().getAsLong();
            }
        }
        // after a gap (an outage, a restart) every end listed is backlog, even one of just now: which of them ended
        // while PE answered only 503 nobody can tell, and all of them at once outside the budget would break its cap
        tell.forEach((watch, finished) -> watch.endSeen(sweepFresh, false, finished));
        if (list.size() >= PAGE) {
            return sweep(lender, offset + PAGE, newest);
        }
        synchronized (this) {
            sweptTick = core.ticker().getAsLong();
            if (newest != null && since.equals(from)) {
                Instant next = newest.minus(MARGIN);
                if (next.isAfter(since)) {
                    since = next;
                }
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * A sweep failed: PE refusing the filter or the listing ends the sweeps; anything else (PE
     * away, a revoked borrowed token) is tried again at the next one.
     */
    private Void failed(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof PeBadRequestException) {
            giveUp("it refuses the list's parameters (" + cause.getMessage() + ")");
        } else if (cause instanceof PePermissionException) {
            giveUp("the credential may not list " + lister.what() + " (" + cause.getMessage() + ")");
        }
        return null;
    }

    private synchronized void giveUp(String why) {
        if (unsupported) {
            return;
        }
        unsupported = true;
        watches.keySet().forEach(Watch::unbudgeted);
        watches.clear();
        told.clear();
        schedule.stop();
        LOGGER.log(
                Level.INFO,
                "{0} on {1} are followed one by one, each at its own poll: PE cannot list which of them"
                        + " finished, because {2}",
                new Object[] {capitalized(lister.what()), urls.orchestrator(), why});
    }
}
