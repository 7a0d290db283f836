package io.jenkins.plugins.puppetenterprise.core;

import io.jenkins.plugins.puppetenterprise.client.EssentialLine;
import io.jenkins.plugins.puppetenterprise.client.PeApiException;
import io.jenkins.plugins.puppetenterprise.client.PeError;
import io.jenkins.plugins.puppetenterprise.client.PeNotFoundException;
import io.jenkins.plugins.puppetenterprise.client.deploy.CodeManagerClient;
import io.jenkins.plugins.puppetenterprise.client.deploy.DeployStatus;
import io.jenkins.plugins.puppetenterprise.client.deploy.StagedDeploy;
import io.jenkins.plugins.puppetenterprise.core.deploy.BranchEnvironment;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Follows Code Manager deploys queued without {@code wait}: {@code GET /deploys/status?id=} for
 * every environment not yet synced or failed, one log line per environment when it ends. The
 * condensed status has no deploy signature, so when environments reach {@code synced} the whole
 * {@code GET /deploys/status} is read once for that poll and each signature taken from what file
 * sync staged for the environment no earlier than its deploy was queued. Status reads are sent
 * once (the watch polls again anyway) and at most {@value #STATUS_READS_IN_FLIGHT} at a time, so a
 * deploy of hundreds of environments does not open hundreds of connections. An environment counts
 * as synced only once its line is logged, and the synced ones of a poll are reported even when
 * another environment's read failed. Where a sweep ({@link CodeDeploySweep}) tells the watch that
 * some deploys ended, the poll it brings forward reads just those.
 */
final class CodeDeployWatch extends Watch {
    private static final String SYNCED = "synced";
    /** Deployed, and file sync is bringing the code to the servers. */
    private static final String SYNCING = "syncing";

    private static final String FAILED = "failed";
    private static final String UNKNOWN = "unknown";
    /** The most status reads of one watch in flight at once. */
    static final int STATUS_READS_IN_FLIGHT = 4;

    private final CodeManagerClient codeManager;
    private final CodeDeployReference reference;
    /** Per environment: the last status seen, and its error when failed (guarded by this). */
    private final Map<String, String> statuses = new LinkedHashMap<>();

    private final Map<String, PeError> errors = new LinkedHashMap<>();

    private final Map<String, String> signatures = new LinkedHashMap<>();
    /** Per environment: the deploy's queue time on PE's clock, once a status gave it. */
    private final Map<String, Instant> queuedAt = new LinkedHashMap<>();
    /** Per environment: the last words about a status answer that did not tell where the deploy is. */
    private final Map<String, String> unclear = new LinkedHashMap<>();
    /** The deploys a sweep saw end, read by the next poll ({@link #deploysEnded}). */
    private final Set<CodeDeployReference.Deploy> toldEnded = new LinkedHashSet<>();
    /** What file sync had staged when the sweep last told of ends; empty until a sweep told. */
    private List<StagedDeploy> stagedAtTell = List.of();

    CodeDeployWatch(
            ExecutionCore core,
            ServerReachability server,
            CodeManagerClient codeManager,
            CodeDeployReference reference,
            WatchSink sink) {
        super(core, server, sink, TextMask.NONE);
        this.codeManager = codeManager.withoutRetries();
        this.reference = reference;
    }

    @Override
    public CodeDeployReference reference() {
        return reference;
    }

    @Override
    CompletableFuture<Outcome> poll() {
        if (reference.dryRun()) {
            return CompletableFuture.completedFuture(dryRunOutcome());
        }
        if (reference.deploys().isEmpty()) {
            String summary = "Code Manager queued no environment: check that the branches exist in the control"
                    + " repository (an environment is deployed from the branch of the same name).";
            log(LogLine.of(summary));
            return CompletableFuture.completedFuture(new Outcome(Verdict.FAILURE, summary, result()));
        }
        // After a sweep saw deploys end, only those are read: the others are still in Code Manager's queue.
        // Told of none (a resumed watch's first poll, or a told read that failed), every open deploy is read.
        Set<CodeDeployReference.Deploy> told = null;
        if (endSeenElsewhere()) {
            synchronized (this) {
                told = toldEnded.isEmpty() ? null : Set.copyOf(toldEnded);
                toldEnded.clear();
            }
        }
        List<CodeDeployReference.Deploy> toRead = new ArrayList<>();
        for (CodeDeployReference.Deploy deploy : reference.deploys()) {
            if (isTerminal(statusOf(deploy.environment()))) {
                continue;
            }
            if (deploy.id() == null) {
                ended(deploy, UNKNOWN, null, "PE returned no deploy id to follow; see GET /deploys/status");
                continue;
            }
            if (told == null || told.contains(deploy)) {
                toRead.add(deploy);
            }
        }
        List<SyncedDeploy> synced = new ArrayList<>();
        Iterator<CodeDeployReference.Deploy> queue = toRead.iterator();
        List<CompletableFuture<Void>> lanes = new ArrayList<>();
        for (int i = 0; i < STATUS_READS_IN_FLIGHT; i++) {
            lanes.add(readNext(queue, synced));
        }
        CompletableFuture<Void> reads = CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new));
        // What synced is reported even when another environment's read failed; then the failure counts.
        return reads.handle((done, failure) -> failure)
                .thenComposeAsync(
                        failure -> reportSynced(synced).thenApply(reported -> {
                            if (failure != null) {
                                throw new CompletionException(unwrap(failure));
                            }
                            return finished();
                        }),
                        core.callbacks());
    }

    /**
     * A deploy this watch still follows, as a sweep ({@link CodeDeploySweep}) matches it in Code
     * Manager's queue.
     *
     * @param queuedSince on PE's clock, no later than the deploy was queued: its {@code queued-at}
     *     once a status gave it, else PE's answer to the deploy request less {@link
     *     CodeManagerClient#PE_CLOCK_MARGIN}; null when neither is known
     * @param syncing the last status read said it is deployed and waits for file sync
     */
    record Open(CodeDeployReference.Deploy deploy, Instant queuedSince, boolean syncing) {}

    /** The deploys not yet synced or failed that have an id to read them by. */
    synchronized List<Open> open() {
        if (reference.dryRun()) {
            return List.of();
        }
        List<Open> open = new ArrayList<>();
        for (CodeDeployReference.Deploy deploy : reference.deploys()) {
            String status = statuses.get(deploy.environment());
            if (deploy.id() == null || isTerminal(status)) {
                continue;
            }
            Instant since = queuedAt.get(deploy.environment());
            if (since == null && reference.acceptedOnPeClock() != null) {
                since = reference.acceptedOnPeClock().minus(CodeManagerClient.PE_CLOCK_MARGIN);
            }
            open.add(new Open(deploy, since, SYNCING.equals(status)));
        }
        return open;
    }

    /**
     * A sweep saw these deploys leave Code Manager's queue, fail, or get synced (or perhaps synced,
     * where the listing does not show file sync): the next poll, brought forward to now, reads just
     * them by id; at once and counted on top of the budget when {@code fresh}, else as backlog;
     * {@code onAGuess} when the listing could not be sure that they synced: then each read counts
     * within the budget unless it finds its deploy synced or failed. The signatures of those found
     * synced are taken from {@code staged}, the listing's file sync, where it has them, so the
     * whole status is not read again.
     */
    void deploysEnded(
            Collection<CodeDeployReference.Deploy> ended,
            boolean fresh,
            boolean onAGuess,
            Instant endedAt,
            List<StagedDeploy> staged) {
        synchronized (this) {
            toldEnded.addAll(ended);
            stagedAtTell = List.copyOf(staged);
        }
        endSeen(fresh, onAGuess, endedAt);
    }

    /** One status read per deploy the poll reads (the whole status, read when some synced, aside). */
    @Override
    synchronized int requestsOfPoll(boolean finalRead) {
        int reads = finalRead && !toldEnded.isEmpty() ? toldEnded.size() : open().size();
        return Math.max(1, reads);
    }

    /** No log to follow: the own polls only back the sweep up, at the back-off's cadence. */
    @Override
    boolean followsLog() {
        return false;
    }

    /** Reads the deploys of {@code queue} one after the other: one lane of the poll's reads. */
    private CompletableFuture<Void> readNext(Iterator<CodeDeployReference.Deploy> queue, List<SyncedDeploy> synced) {
        CodeDeployReference.Deploy deploy;
        synchronized (queue) {
            if (!queue.hasNext()) {
                return CompletableFuture.completedFuture(null);
            }
            deploy = queue.next();
        }
        Instant submittedOnPeClock;
        synchronized (this) {
            submittedOnPeClock = queuedAt.getOrDefault(deploy.environment(), reference.acceptedOnPeClock());
        }
        return request(
                        () -> codeManager.deployStatus(deploy.id(), deploy.environment(), submittedOnPeClock),
                        DeployStatus::isTerminal)
                .handleAsync(
                        (status, failure) -> {
                            if (failure == null) {
                                seen(deploy, status, synced);
                            } else if (unwrap(failure) instanceof PeNotFoundException gone) {
                                ended(deploy, UNKNOWN, null, gone.getMessage());
                            } else {
                                throw new CompletionException(unwrap(failure));
                            }
                            return null;
                        },
                        core.callbacks())
                .thenCompose(done -> readNext(queue, synced));
    }

    /**
     * A deploy seen {@code synced} in this poll, waiting for its signature before its line is logged.
     *
     * @param signature the signature when the status gave it, else null (then it is read)
     */
    private record SyncedDeploy(CodeDeployReference.Deploy deploy, Instant queuedAt, String signature) {}

    private void seen(CodeDeployReference.Deploy deploy, DeployStatus status, List<SyncedDeploy> synced) {
        synchronized (this) {
            if (status.queuedAt() != null) {
                queuedAt.putIfAbsent(deploy.environment(), status.queuedAt());
            }
        }
        if (status.unclear() != null) {
            boolean changed;
            synchronized (this) {
                changed = !status.unclear().equals(unclear.put(deploy.environment(), status.unclear()));
            }
            if (changed) {
                log(LogLine.of(deploy.environment() + ": " + status.unclear() + " Still waiting."));
            }
            return;
        }
        if (status.isSynced()) {
            // SYNCED is recorded by ended(), when its line is logged: never skipped unreported.
            synchronized (this) {
                synced.add(new SyncedDeploy(deploy, status.queuedAt(), status.deploySignature()));
            }
        } else if (status.isFailed()) {
            ended(deploy, FAILED, status.error(), null);
        } else {
            synchronized (this) {
                statuses.put(deploy.environment(), status.status());
            }
        }
    }

    /** Reads the signatures of the deploys that synced in this poll (best effort), then logs their lines. */
    private CompletableFuture<Void> reportSynced(List<SyncedDeploy> synced) {
        if (synced.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<StagedDeploy> told;
        synchronized (this) {
            told = stagedAtTell;
        }
        CompletableFuture<List<StagedDeploy>> read =
                synced.stream().allMatch(s -> s.signature() != null || signatureOf(s, told) != null)
                        ? CompletableFuture.completedFuture(told)
                        : request(codeManager::stagedDeploys);
        return read.handleAsync(
                (staged, failure) -> {
                    for (SyncedDeploy s : synced) {
                        String signature =
                                s.signature() != null ? s.signature() : staged == null ? null : signatureOf(s, staged);
                        if (signature != null) {
                            synchronized (this) {
                                signatures.put(s.deploy().environment(), signature);
                            }
                        }
                        ended(s.deploy(), SYNCED, null, signature);
                    }
                    return null;
                },
                core.callbacks());
    }

    /**
     * The signature file sync staged for the deploy's environment no earlier than the deploy was
     * queued (PE may round the date down to the second), or null when none is listed.
     */
    private static String signatureOf(SyncedDeploy synced, List<StagedDeploy> staged) {
        if (synced.queuedAt() == null) {
            return null;
        }
        Instant notBefore = synced.queuedAt().truncatedTo(ChronoUnit.SECONDS);
        return staged.stream()
                .filter(s -> synced.deploy().environment().equals(s.environment()))
                .filter(s -> s.date() != null && !s.date().isBefore(notBefore) && s.deploySignature() != null)
                .max(Comparator.comparing(StagedDeploy::date))
                .map(StagedDeploy::deploySignature)
                .orElse(null);
    }

    /** @param detail the deploy signature when synced, why the outcome is unknown when unknown */
    private void ended(CodeDeployReference.Deploy deploy, String status, PeError error, String detail) {
        synchronized (this) {
            statuses.put(deploy.environment(), status);
            if (error != null) {
                errors.put(deploy.environment(), error);
            }
        }
        String env = deploy.environment();
        switch (status) {
            case SYNCED ->
                log(LogLine.of(env + ": deployed and synced to all servers"
                        + (deploy.id() == null && detail == null ? "" : " (" + deployDetails(deploy.id(), detail) + ")")
                        + "."));
            case FAILED ->
                log(LogLine.of(env + ": failed: " + PlanEventLines.reason(error) + branchHint(deploy, error)));
            default -> log(LogLine.of(env + ": outcome unknown: " + detail));
        }
    }

    /** A mapped branch that Code Manager did not find was most likely skipped, not missing. */
    private static String branchHint(CodeDeployReference.Deploy deploy, PeError error) {
        boolean notFound = error != null && error.msg() != null && error.msg().contains("cannot be found");
        return deploy.correctedBranch() == null || !notFound
                ? ""
                : " (from branch " + deploy.correctedBranch() + ": " + BranchEnvironment.CORRECTION_HINT + ".)";
    }

    private static String deployDetails(Long id, String signature) {
        List<String> parts = new ArrayList<>();
        if (id != null) {
            parts.add("deploy " + id);
        }
        if (signature != null) {
            parts.add("commit " + signature);
        }
        return String.join(", ", parts);
    }

    private Outcome finished() {
        List<String> failed = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        synchronized (this) {
            for (CodeDeployReference.Deploy deploy : reference.deploys()) {
                String status = statuses.get(deploy.environment());
                if (!isTerminal(status)) {
                    return null;
                }
                if (FAILED.equals(status)) {
                    failed.add(deploy.environment());
                } else if (UNKNOWN.equals(status)) {
                    unknown.add(deploy.environment());
                }
            }
        }
        int count = reference.deploys().size();
        if (!failed.isEmpty()) {
            StringBuilder summary = new StringBuilder()
                    .append(failed.size())
                    .append(" of ")
                    .append(count)
                    .append(count == 1 ? " environment" : " environments")
                    .append(" failed to deploy: ");
            List<String> reasons = new ArrayList<>();
            for (String env : failed) {
                PeError error = errors.get(env);
                reasons.add(env + " ("
                        + (error == null || error.msg() == null
                                ? "no reason given"
                                : EssentialLine.of(error.msg(), List.of()))
                        + ")");
            }
            summary.append(String.join("; ", reasons));
            return new Outcome(Verdict.FAILURE, summary.toString(), result());
        }
        if (!unknown.isEmpty()) {
            return new Outcome(
                    Verdict.UNKNOWN,
                    "Whether " + String.join(", ", unknown) + " deployed is unknown: check GET"
                            + " /code-manager/v1/deploys/status on the primary server (port 8170), or the Code"
                            + " Manager log.",
                    result());
        }
        String summary = "Deployed " + String.join(", ", names()) + ".";
        return new Outcome(Verdict.SUCCESS, summary, result());
    }

    private Outcome dryRunOutcome() {
        for (CodeDeployReference.Deploy deploy : reference.deploys()) {
            log(LogLine.of(deploy.environment() + ": would be deployed (dry run)."));
        }
        String summary = reference.deploys().isEmpty()
                ? "Dry run: Code Manager reached the control repository; no environment would be deployed."
                : "Dry run: Code Manager reached the control repository; "
                        + reference.deploys().size()
                        + (reference.deploys().size() == 1 ? " environment" : " environments") + " would be deployed.";
        for (CodeDeployReference.Deploy deploy : reference.deploys()) {
            statuses.put(deploy.environment(), "dry-run");
        }
        return new Outcome(Verdict.SUCCESS, summary, result());
    }

    @Override
    CompletableFuture<String> stopWork() {
        return CompletableFuture.completedFuture(notStoppedWords());
    }

    @Override
    String notStoppedWords() {
        return "PE cannot cancel code deploys: the deploys of " + String.join(", ", names())
                + " continue in Code Manager.";
    }

    @Override
    boolean stopsWorkWhenAbandoned() {
        return false;
    }

    @Override
    Outcome cancelledOutcome(String stopWords) {
        return new Outcome(
                Verdict.FAILURE,
                "Stopped waiting for the " + reference.describe() + ": cancelled. " + stopWords,
                result());
    }

    @Override
    Outcome deadlineOutcome(String stopWords) {
        List<String> untold = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<String, String> words : unclear.entrySet()) {
                if (!isTerminal(statuses.get(words.getKey()))) {
                    untold.add(words.getKey() + ": " + words.getValue());
                }
            }
        }
        return new Outcome(
                Verdict.FAILURE,
                "Gave up waiting for the " + reference.describe() + ": the wait timeout ended at "
                        + reference.deadline() + ". " + stopWords
                        + (untold.isEmpty() ? "" : " Last seen: " + String.join(" ", untold)),
                result());
    }

    @Override
    Outcome lostTrackOutcome(PeApiException failure) {
        String summary = "Cannot follow the " + reference.describe() + " any more: " + failure.getMessage()
                + " Check GET /code-manager/v1/deploys/status on the primary server (port 8170).";
        log(LogLine.of(summary));
        return new Outcome(Verdict.UNKNOWN, summary, result());
    }

    private List<String> names() {
        return reference.deploys().stream()
                .map(CodeDeployReference.Deploy::environment)
                .toList();
    }

    private synchronized String statusOf(String environment) {
        return statuses.get(environment);
    }

    private static boolean isTerminal(String status) {
        return SYNCED.equals(status) || FAILED.equals(status) || UNKNOWN.equals(status);
    }

    @Override
    Map<String, Object> resultSoFar() {
        return result();
    }

    private synchronized Map<String, Object> result() {
        Map<String, Object> environments = new LinkedHashMap<>();
        for (CodeDeployReference.Deploy deploy : reference.deploys()) {
            Map<String, Object> env = new LinkedHashMap<>();
            String status = statuses.get(deploy.environment());
            env.put("status", status == null ? "queued" : status);
            if (deploy.id() != null) {
                env.put("id", deploy.id());
            }
            String signature = signatures.get(deploy.environment());
            if (signature != null) {
                env.put("deploySignature", signature);
            }
            PeError error = errors.get(deploy.environment());
            if (error != null) {
                Map<String, Object> err = new LinkedHashMap<>();
                err.put("kind", error.kind());
                err.put("message", error.msg());
                env.put("error", err);
            }
            environments.put(deploy.environment(), env);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("server", reference.server());
        result.put("marker", reference.marker());
        result.put("dryRun", reference.dryRun());
        result.put("environments", environments);
        return result;
    }
}
