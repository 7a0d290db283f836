package io.jenkins.plugins.puppetenterprise.core;

import io.jenkins.plugins.puppetenterprise.client.PeBadRequestException;
import io.jenkins.plugins.puppetenterprise.client.PePermissionException;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.deploy.DeployQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells the code deploy watches of one PE installation and sweep group ({@link
 * PeSession#sweepGroup()}: the credential's origin and secret or user) which of their deploys
 * ended, with one {@code GET /code-manager/v1/deploys/status} (no id) for all of them every {@link
 * FinishedWorkSweep#INTERVAL} (or as {@link RequestBudget#sweepInterval()} stretches it); a watch
 * told so reads those deploys by id at once ({@link
 * CodeDeployWatch#deploysEnded}) and decides from that read, never from the listing.
 *
 * <p>The listing shows the deploys that are new, queued, deploying or failed; one that succeeded is
 * in none of them. A watched deploy is told when
 *
 * <ul>
 *   <li>it is listed as failed: by its id, or, where the listing has no ids (older releases), by
 *       its environment with a queue time no earlier than the watch's deploy was queued;
 *   <li>it left the new, queued and deploying arrays, and, where the listing shows file sync per
 *       server, every file-sync client's code of its environment went live no earlier than the
 *       deploy was queued (ours, or a later deploy's that includes it): it is not in
 *       them, and an earlier listing had it there, or this listing holds a higher id (Code Manager
 *       numbers deploys in the order it accepts them, so ours was accepted before this listing).
 *       Without ids, an unfinished entry of the same environment that may be ours (queued no
 *       earlier than ours, or at an unknown time) counts as ours. A deploy that ends before any
 *       listing showed it, with nothing later listed, is left to the watch's own polls;
 *   <li>its watch last read it deployed but not yet synced by file sync, and the listing shows every
 *       file-sync client's code of its environment live since the deploy was queued; where the
 *       listing shows no file sync per server, at every sweep, so it is read every interval until
 *       synced.
 * </ul>
 *
 * A wrong guess costs one read by id. The listing and the reads take their turns in the
 * installation's {@link RequestBudget}: the sweep as a sweep, stretched like the others; a read of
 * a deploy that the sweep before this one (within the interval and {@link #FRESH_GAP}) did not
 * show ended goes at once, counted on top when the listing is sure of the end (it failed, or its
 * environment's newest staged code is live on every server), else counted within the budget until
 * its answer shows it synced or failed (under many deploys of one environment some newer one is
 * nearly always syncing, so most ends are guesses, and a guess read while ours still syncs must
 * not add to the budget); the rest (after an outage or a restart, and syncs that
 * the listing cannot show) as backlog. Where the listing cannot serve (the credential may not read
 * it, Code Manager refuses it, or its answer has no such arrays) the sweep ends, says why once in
 * the log, and the watches follow their deploys one by one as before.
 *
 * <p>The request is sent with the session of the watch added last; when that build ends, the next
 * sweep uses another's, as {@link FinishedWorkSweep} does.
 */
final class CodeDeploySweep {
    private static final Logger LOGGER = Logger.getLogger(CodeDeploySweep.class.getName());

    /** A listing that follows a successful one within this much more than the interval shows ends of just now. */
    private static final Duration FRESH_GAP = Duration.ofSeconds(3);

    /** Why a watch is told to read a deploy. */
    private enum Tell {
        NO,
        /** It failed, or it left the queue and the listing shows its environment's newest staged code live everywhere. */
        ENDED,
        /** It left the queue and may be synced everywhere, as far as the listing tells. */
        GUESSED,
        /** It waits for file sync, which the listing does not show. */
        MAY_HAVE_SYNCED
    }

    /** What the sweeps learned of one watched deploy. */
    private static final class Seen {
        /** A listing had it new, queued or deploying. */
        boolean unfinished;
        /** Told that it left them; again only after a listing has it there again. */
        boolean toldLeft;
        /** Told that it failed: failures stay listed, so only once. */
        boolean toldFailed;
    }

    private final ExecutionCore core;
    private final PeServiceUrls urls;
    private final RequestBudget budget;
    private final Map<CodeDeployWatch, PeSession> watches = new LinkedHashMap<>();
    /** Per watch and deploy id. */
    private final Map<CodeDeployWatch, Map<Long, Seen>> seen = new HashMap<>();

    /** When the last listing was read, on the core's ticker; null before the first. */
    private Long sweptTick;

    private final SweepSchedule schedule;
    private boolean unsupported;

    CodeDeploySweep(ExecutionCore core, PeServiceUrls urls, RequestBudget budget) {
        this.core = core;
        this.urls = urls;
        this.budget = budget;
        this.schedule = new SweepSchedule(core, budget, this::tick);
    }

    /** Sweeps for this watch's deploys too, until {@link #remove}; the first sweep starts at once. */
    void add(CodeDeployWatch watch, PeSession session) {
        if (watch.open().isEmpty()) {
            return; // a dry run, or nothing with an id to read: the watch ends at its first poll
        }
        added(watch, session);
    }

    private synchronized void added(CodeDeployWatch watch, PeSession session) {
        if (unsupported) {
            return;
        }
        watches.put(watch, session);
        seen.put(watch, new HashMap<>());
        watch.budgeted(budget);
        if (!schedule.start()) {
            watch.unbudgeted(); // the core is shutting down; the watch polls as it can
        }
    }

    synchronized void remove(CodeDeployWatch watch) {
        watches.remove(watch);
        seen.remove(watch);
    }

    private void tick() {
        PeSession lender = null;
        synchronized (this) {
            if (watches.isEmpty() || unsupported) {
                schedule.stop();
                return;
            }
            for (PeSession session : watches.values()) {
                lender = session;
            }
        }
        PeSession by = lender;
        budget.sendInTurn(
                        RequestBudget.Use.SWEEP,
                        () -> by.codeManager().withoutRetries().deployQueue())
                .thenAccept(this::swept)
                .exceptionally(this::failed)
                .whenComplete((done, failure) -> next());
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

    private void swept(Optional<DeployQueue> listed) {
        if (listed.isEmpty()) {
            giveUp("its answer has no new, queued, deploying and failed arrays under deploys-status");
            return;
        }
        DeployQueue queue = listed.get();
        List<CodeDeployWatch> watched;
        synchronized (this) {
            watched = List.copyOf(watches.keySet());
        }
        // the watches' state is read outside this sweep's lock: a watch ending calls remove()
        Map<CodeDeployWatch, List<CodeDeployWatch.Open>> open = new LinkedHashMap<>();
        watched.forEach(watch -> open.put(watch, watch.open()));
        long highestId = highestId(queue);
        Map<CodeDeployWatch, List<CodeDeployReference.Deploy>> tell = new LinkedHashMap<>();
        Set<CodeDeployWatch> syncUnshown = new HashSet<>();
        Set<CodeDeployWatch> guessed = new HashSet<>();
        boolean fresh;
        synchronized (this) {
            long now = core.ticker().getAsLong();
            fresh = sweptTick != null
                    && now - sweptTick <= budget.sweepInterval().plus(FRESH_GAP).toNanos();
            sweptTick = now;
            for (Map.Entry<CodeDeployWatch, List<CodeDeployWatch.Open>> entry : open.entrySet()) {
                Map<Long, Seen> ofWatch = seen.get(entry.getKey());
                if (ofWatch == null) {
                    continue; // removed meanwhile
                }
                List<CodeDeployReference.Deploy> ended = new ArrayList<>();
                for (CodeDeployWatch.Open deploy : entry.getValue()) {
                    Tell why = ended(
                            deploy, ofWatch.computeIfAbsent(deploy.deploy().id(), id -> new Seen()), queue, highestId);
                    if (why != Tell.NO) {
                        ended.add(deploy.deploy());
                    }
                    if (why == Tell.MAY_HAVE_SYNCED) {
                        syncUnshown.add(entry.getKey());
                    }
                    if (why == Tell.GUESSED) {
                        guessed.add(entry.getKey());
                    }
                }
                if (!ended.isEmpty()) {
                    tell.put(entry.getKey(), ended);
                }
            }
        }
        // a sync the listing cannot show is read at every sweep: not an end, so within the budget
        tell.forEach((watch, ended) -> watch.deploysEnded(
                ended,
                fresh && !syncUnshown.contains(watch),
                guessed.contains(watch),
                liveEverywhereSince(ended, queue),
                queue.staged()));
    }

    /** Whether and why the watch should read this deploy now; updates what was seen of it. */
    private static Tell ended(CodeDeployWatch.Open deploy, Seen seen, DeployQueue queue, long highestId) {
        String environment = deploy.deploy().environment();
        boolean surely = queue.surelySyncedEverywhere(environment);
        boolean synced =
                queue.syncShown() && (surely || queue.mayBeSyncedEverywhere(environment, deploy.queuedSince()));
        boolean ended = deploy.syncing() && synced;
        boolean failed = false;
        if (!seen.toldFailed && queue.failed().stream().anyMatch(e -> failedIsOurs(e, deploy))) {
            seen.toldFailed = true;
            ended = true;
            failed = true;
        }
        if (queue.unfinished().stream().anyMatch(e -> mayBeOurs(e, deploy))) {
            seen.unfinished = true;
            seen.toldLeft = false;
        } else if ((seen.unfinished || highestId > deploy.deploy().id())
                && !seen.toldLeft
                && (synced || !queue.syncShown())) {
            // deployed: told once file sync brought it everywhere, where the listing shows that
            seen.toldLeft = true;
            ended = true;
        }
        if (ended) {
            return failed || surely ? Tell.ENDED : Tell.GUESSED;
        }
        return deploy.syncing() && !queue.syncShown() ? Tell.MAY_HAVE_SYNCED : Tell.NO;
    }

    /**
     * When the newest code of {@code ended}'s environments went live on every server, as the listing
     * shows it (PE's clock; null where it does not show file sync): only a rank for backlog reads
     * among the plans' and jobs' ends, since a failed deploy's environment shows earlier code.
     */
    private static Instant liveEverywhereSince(List<CodeDeployReference.Deploy> ended, DeployQueue queue) {
        Instant newest = null;
        for (CodeDeployReference.Deploy deploy : ended) {
            Instant live = queue.liveEverywhereSince().get(deploy.environment());
            if (live != null && (newest == null || live.isAfter(newest))) {
                newest = live;
            }
        }
        return newest;
    }

    /** A failure is ours by id or, without ids, by environment queued no earlier than ours. */
    private static boolean failedIsOurs(DeployQueue.Entry entry, CodeDeployWatch.Open deploy) {
        if (entry.id() != null) {
            return entry.id().equals(deploy.deploy().id());
        }
        return deploy.deploy().environment().equals(entry.environment())
                && deploy.queuedSince() != null
                && entry.queuedAt() != null
                && !entry.queuedAt().isBefore(deploy.queuedSince());
    }

    /** An unfinished entry without an id is taken as ours unless it was surely queued before ours. */
    private static boolean mayBeOurs(DeployQueue.Entry entry, CodeDeployWatch.Open deploy) {
        if (entry.id() != null) {
            return entry.id().equals(deploy.deploy().id());
        }
        Instant since = deploy.queuedSince();
        return deploy.deploy().environment().equals(entry.environment())
                && (since == null
                        || entry.queuedAt() == null
                        || !entry.queuedAt().isBefore(since));
    }

    private static long highestId(DeployQueue queue) {
        long highest = Long.MIN_VALUE;
        for (List<DeployQueue.Entry> entries : List.of(queue.unfinished(), queue.failed())) {
            for (DeployQueue.Entry entry : entries) {
                if (entry.id() != null && entry.id() > highest) {
                    highest = entry.id();
                }
            }
        }
        return highest;
    }

    /**
     * A sweep failed: Code Manager refusing the listing, or the credential that may not read it,
     * ends the sweeps; anything else (PE away, a revoked borrowed token) is tried again at the next.
     */
    private Void failed(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof PeBadRequestException) {
            giveUp("it refuses the listing (" + cause.getMessage() + ")");
        } else if (cause instanceof PePermissionException) {
            giveUp("the credential may not read it (" + cause.getMessage() + ")");
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
        seen.clear();
        schedule.stop();
        LOGGER.log(
                Level.INFO,
                "Code deploys on {0} are followed one by one, each at its own poll: the deploy status"
                        + " listing (GET /code-manager/v1/deploys/status) cannot tell which of them ended, because"
                        + " {1}",
                new Object[] {urls.codeManager(), why});
    }
}
