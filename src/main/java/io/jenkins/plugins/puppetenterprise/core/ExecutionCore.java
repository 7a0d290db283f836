package io.jenkins.plugins.puppetenterprise.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.puppetenterprise.client.EssentialLine;
import io.jenkins.plugins.puppetenterprise.client.PeApiException;
import io.jenkins.plugins.puppetenterprise.client.PeBadRequestException;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.PeUnknownOutcomeException;
import io.jenkins.plugins.puppetenterprise.client.deploy.DeployRequest;
import io.jenkins.plugins.puppetenterprise.client.deploy.DeployResult;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanJobQuery;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanMetadata;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanParameter;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanRunRequest;
import io.jenkins.plugins.puppetenterprise.core.deploy.CodeDeployInput;
import io.jenkins.plugins.puppetenterprise.core.job.JobInput;
import io.jenkins.plugins.puppetenterprise.core.job.JobLinks;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanParameterInput;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanRunInput;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * What every front end does with PE: submit work once, then watch it (also from a reference saved
 * before a restart) without holding a thread. One instance per JVM is enough; of each watch it
 * keeps only that it is live, for {@link #shutdown()}. See docs/architecture.md for the flow.
 */
public final class ExecutionCore {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a stop waits for PE to confirm it (default retries could make it ~5 minutes). */
    public static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final WatchScheduler scheduler;
    private final Clock clock;
    private final PollBackoff backoff;
    private final DoubleSupplier random;
    private final LongSupplier ticker;
    private final ConcurrentMap<PeServiceUrls, ServerReachability> reachability = new ConcurrentHashMap<>();
    private final ConcurrentMap<PeServiceUrls, RequestBudget> budgets = new ConcurrentHashMap<>();
    private final Set<Watch> live = ConcurrentHashMap.newKeySet();
    /** Whether plan and job watches are told of their work's end by sweeps ({@link FinishedWorkSweep}). */
    private final boolean sweeps;
    /** Per kind of work, installation's URLs and sweep group ({@link PeSession#sweepGroup()}). */
    private final ConcurrentMap<List<Object>, FinishedWorkSweep> workSweeps = new ConcurrentHashMap<>();
    /** Per installation's URLs and sweep group ({@link PeSession#sweepGroup()}). */
    private final ConcurrentMap<List<Object>, CodeDeploySweep> deploySweeps = new ConcurrentHashMap<>();
    /** Ends the threads {@link #withSharedThreads()} started; nothing for a scheduler the caller gave. */
    private final Runnable endThreads;

    /**
     * A core whose watches also measure the time left on {@code clock} (right for a fake clock).
     *
     * @param scheduler runs the watches' polls (a few shared threads, or a manual scheduler in tests)
     * @param clock dates deadlines
     * @param backoff the delays between polls
     * @param random uniform numbers in [0, 1) for the jitter
     */
    public ExecutionCore(WatchScheduler scheduler, Clock clock, PollBackoff backoff, DoubleSupplier random) {
        this(scheduler, clock, () -> TimeUnit.MILLISECONDS.toNanos(clock.millis()), backoff, random);
    }

    /**
     * @param ticker a monotonic time in nanoseconds ({@link System#nanoTime()}): a watch takes its
     *     deadline from {@code clock} once and then counts the time left on it, so a jump of the
     *     wall clock neither ends a wait early nor prolongs it
     */
    public ExecutionCore(
            WatchScheduler scheduler, Clock clock, LongSupplier ticker, PollBackoff backoff, DoubleSupplier random) {
        this(scheduler, clock, ticker, backoff, random, false, () -> {});
    }

    /**
     * @param sweeps whether the plan, job and deploy watches of an installation and credential
     *     ({@link PeSession#sweepGroup()}) are told of their work's end by one list request per kind every {@link FinishedWorkSweep#INTERVAL}
     *     (as in production; deploys by {@link CodeDeploySweep}), not only by their own polls
     */
    public ExecutionCore(
            WatchScheduler scheduler,
            Clock clock,
            LongSupplier ticker,
            PollBackoff backoff,
            DoubleSupplier random,
            boolean sweeps) {
        this(scheduler, clock, ticker, backoff, random, sweeps, () -> {});
    }

    private ExecutionCore(
            WatchScheduler scheduler,
            Clock clock,
            LongSupplier ticker,
            PollBackoff backoff,
            DoubleSupplier random,
            boolean sweeps,
            Runnable endThreads) {
        this.sweeps = sweeps;
        this.endThreads = endThreads;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The production set-up: the system clock and ticker, {@link PollBackoff#DEFAULT} and two shared threads. */
    public static ExecutionCore withSharedThreads() {
        ScheduledExecutorService threads = WatchThreads.newScheduler(2);
        return new ExecutionCore(
                WatchScheduler.of(threads),
                Clock.systemUTC(),
                System::nanoTime,
                PollBackoff.DEFAULT,
                () -> ThreadLocalRandom.current().nextDouble(),
                true,
                threads::shutdownNow);
    }

    /**
     * Jenkins is shutting down: every live watch stops following its work, without stopping it in PE
     * and without an outcome ({@link Watch#detached()} says so; a Pipeline step resumes from its
     * saved reference after the restart), and the threads this core started end. The core is not
     * used afterwards.
     */
    public void shutdown() {
        for (Watch watch : List.copyOf(live)) {
            watch.detach();
        }
        live.clear();
        endThreads.run();
    }

    /** How many watches are following their work; for tests and diagnostics. */
    public int liveWatches() {
        return live.size();
    }

    LongSupplier ticker() {
        return ticker;
    }

    /** Runs a watch's continuation on the watch scheduler, not on the thread that completed a request. */
    Executor callbacks() {
        return task -> scheduler.schedule(task, Duration.ZERO);
    }

    Clock clock() {
        return clock;
    }

    WatchScheduler scheduler() {
        return scheduler;
    }

    PollBackoff backoff() {
        return backoff;
    }

    DoubleSupplier random() {
        return random;
    }

    /** Whether the installation at {@code urls} answers, as all its watches have seen it. */
    ServerReachability reachability(PeServiceUrls urls) {
        return reachability.computeIfAbsent(urls, key -> new ServerReachability());
    }

    /** The token check a step makes at its start, on this core's clock ({@link TokenExpiryCheck}). */
    public CompletableFuture<Void> checkToken(PeSession session, WatchSink sink) {
        return TokenExpiryCheck.check(session, clock, sink);
    }

    /**
     * Queues the deploys (one POST, never repeated once it may have reached PE) and returns what to
     * watch. A dry run's reference lists the environments that would be deployed.
     *
     * @param server the installation's name, kept in the reference
     */
    public CompletableFuture<Submission> submitDeploy(
            PeSession session, String server, CodeDeployInput input, WatchSink sink) {
        sink.log(LogLine.of(input.describe() + " on " + server + "."));
        input.branchNotes().forEach(note -> sink.log(LogLine.of(note)));
        DeployRequest request = (input.all() ? DeployRequest.all() : DeployRequest.of(input.environments()))
                .withWait(false)
                .withDryRun(input.dryRun())
                .withDeployModules(input.deployModules())
                .withModules(input.modules());
        Instant now = clock.instant();
        String marker = RunMarker.create();
        return session.codeManager().deploy(request).handle((results, failure) -> {
            if (failure != null) {
                return failedSubmission(
                        Watch.unwrap(failure),
                        "deploy code",
                        TextMask.NONE,
                        sink,
                        Map.of("server", server, "marker", marker, "dryRun", input.dryRun()));
            }
            List<CodeDeployReference.Deploy> deploys = new ArrayList<>();
            for (DeployResult r : results) {
                if (r.environment() != null) {
                    deploys.add(new CodeDeployReference.Deploy(
                            r.environment(), r.id(), input.correctedBranchOf(r.environment())));
                }
            }
            Instant acceptedOnPeClock = results.stream()
                    .map(DeployResult::answeredAt)
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElse(null);
            CodeDeployReference reference = new CodeDeployReference(
                    server, marker, now, now.plus(input.waitTimeout()), deploys, input.dryRun(), acceptedOnPeClock);
            if (!input.dryRun() && !deploys.isEmpty()) {
                sink.log(LogLine.of("Code Manager queued "
                        + String.join(
                                ", ",
                                deploys.stream()
                                        .map(CodeDeployReference.Deploy::toString)
                                        .toList()) + "."));
            }
            sink.progressed(reference);
            return Submission.submitted(reference, TextMask.NONE);
        });
    }

    /**
     * Starts the plan (one POST, never repeated). The plan's metadata is read first, once: for the
     * mask of its Sensitive parameters and for the pre-flight ({@link ParameterPreflight}), which
     * refuses an unknown parameter name or a missing required parameter before the POST and warns
     * about a missing one it cannot judge; unreadable metadata checks nothing. The run's marker goes into its userdata and
     * description (the description alone on releases that refuse userdata, see {@link RunMarker}); if PE's answer is lost, the plan job is looked up by that marker once, and when
     * it is not found the submission's outcome is UNKNOWN, never a second run.
     *
     * @param defaultDescription the description when the user gave none (the front end's job and build)
     */
    public CompletableFuture<Submission> submitPlanRun(
            PeSession session,
            PeServiceUrls urls,
            String server,
            PlanRunInput input,
            String defaultDescription,
            WatchSink sink) {
        sink.log(LogLine.of(input.describe() + " on " + server + "."));
        Instant now = clock.instant();
        String marker = RunMarker.create();
        String description =
                RunMarker.describe(input.description() != null ? input.description() : defaultDescription, marker);
        Map<String, Object> userdata = new LinkedHashMap<>(input.userdata());
        userdata.put(RunMarker.USERDATA_KEY, marker);
        Map<String, PlanParameter> params = new LinkedHashMap<>();
        for (PlanParameterInput p : input.parameters()) {
            params.put(
                    p.name(),
                    switch (p.type()) {
                        case QUERY -> PlanParameter.query((String) p.value());
                        case NODE_GROUP -> PlanParameter.nodeGroup((String) p.value());
                        case PLAIN -> PlanParameter.value(p.value());
                    });
        }
        PlanRunRequest request = PlanRunRequest.of(input.plan(), params)
                .withEnvironment(input.environment())
                .withDescription(description)
                .withUserdata(JSON.valueToTree(userdata));
        if (input.peTimeoutSeconds() != null) {
            request = request.withTimeout(Duration.ofSeconds(input.peTimeoutSeconds()));
        }
        PlanRunReference unnamed = new PlanRunReference(
                server,
                marker,
                now,
                now.plus(input.waitTimeout()),
                input.plan(),
                input.environment(),
                null,
                PlanRunReference.NO_EVENT,
                input.stopPlanWhenAbandoned());
        PlanRunRequest run = request;
        return planMetadata(session, input).thenCompose(metadata -> {
            if (metadata != null) {
                ParameterPreflight.Findings findings = ParameterPreflight.of(input.plan(), metadata)
                        .check(input.parameters().stream()
                                .map(PlanParameterInput::name)
                                .toList());
                findings.warnings().forEach(w -> sink.log(LogLine.of(w)));
                if (findings.refuses()) {
                    String summary = ParameterPreflight.refusal("Plan " + input.plan(), findings);
                    sink.log(LogLine.of(summary));
                    return CompletableFuture.completedFuture(
                            Submission.ended(new Outcome(Verdict.FAILURE, summary, planResult(unnamed))));
                }
            }
            // Metadata unreadable: null, and the plan job's options.sensitive decides after the start.
            TextMask metadataMask = input.parameters().isEmpty()
                    ? TextMask.NONE
                    : metadata == null ? null : maskOf(input, metadata.sensitiveParameters());
            return sendPlanRun(session, urls, input, run, unnamed, metadataMask, sink);
        });
    }

    private CompletableFuture<Submission> sendPlanRun(
            PeSession session,
            PeServiceUrls urls,
            PlanRunInput input,
            PlanRunRequest run,
            PlanRunReference unnamed,
            TextMask metadataMask,
            WatchSink sink) {
        return session.orchestrator()
                .runPlan(run)
                .handle((name, failure) -> {
                    // Metadata unreadable: until the plan job says which are sensitive, mask all.
                    TextMask mask = metadataMask != null ? metadataMask : maskOf(input, null);
                    if (failure == null && !PlanRunWatch.isPlanJobName(name)) {
                        return CompletableFuture.completedFuture(unusablePlanJobName(unnamed, name, mask, sink));
                    }
                    if (failure == null) {
                        PlanRunReference reference = unnamed.withPlanJob(name);
                        sink.log(LogLine.withLink(
                                "Started plan job " + name + " (" + input.plan() + "): ",
                                urls.planJobPage(name),
                                "plan job " + name));
                        sink.progressed(reference);
                        CompletableFuture<TextMask> known = metadataMask != null
                                ? CompletableFuture.completedFuture(metadataMask)
                                : planJobMask(session, name, input);
                        return known.thenApply(m -> Submission.submitted(reference, m));
                    }
                    Throwable cause = Watch.unwrap(failure);
                    if (run.userdata() != null
                            && cause instanceof PeBadRequestException refused
                            && RunMarker.userdataRefused(refused)) {
                        String what = "plan " + input.plan();
                        if (!input.userdata().isEmpty()) {
                            String summary = RunMarker.userdataRefusal(what, mask.apply(refused.getMessage()));
                            sink.log(LogLine.of(summary));
                            return CompletableFuture.completedFuture(
                                    Submission.ended(new Outcome(Verdict.FAILURE, summary, planResult(unnamed))));
                        }
                        sink.log(LogLine.of(RunMarker.sentAgainWithoutUserdata(what, unnamed.marker())));
                        return sendPlanRun(session, urls, input, run.withUserdata(null), unnamed, metadataMask, sink);
                    }
                    if (cause instanceof PeUnknownOutcomeException lost) {
                        return findLostPlanJob(session, urls, unnamed, lost, mask, sink);
                    }
                    return CompletableFuture.completedFuture(
                            failedSubmission(cause, "run plan " + input.plan(), mask, sink, planResult(unnamed)));
                })
                .thenCompose(f -> f);
    }

    /**
     * Starts a Puppet run or task (one POST, never repeated); see {@link JobSubmitter}.
     *
     * @param defaultDescription the description when the user gave none (the front end's job and build)
     */
    public CompletableFuture<Submission> submitJob(
            PeSession session,
            PeServiceUrls urls,
            String server,
            JobInput input,
            String defaultDescription,
            WatchSink sink) {
        return JobSubmitter.submit(this, session, urls, server, input, defaultDescription, sink);
    }

    /**
     * Watches submitted work from {@code reference}, which may come from another process (a
     * controller restart). Lines go to the sink as they arrive; the returned watch's outcome
     * completes when the work ends, the deadline passes or it is cancelled.
     *
     * @param mask the submission's mask in the same process, or {@link TextMask#NONE}
     */
    public Watch watch(PeSession session, PeServiceUrls urls, WatchReference reference, WatchSink sink, TextMask mask) {
        return watch(session, urls, reference, sink, mask, false);
    }

    /**
     * {@link #watch} of work saved before a controller restart: the watch's first poll reads the
     * work's state (within the installation's budget), since it may have ended while Jenkins was
     * down, before it relies on sweeps.
     *
     * @param mask what the front end can mask after the restart (the submission's values were never
     *     saved), or {@link TextMask#NONE}
     */
    public Watch resume(
            PeSession session, PeServiceUrls urls, WatchReference reference, WatchSink sink, TextMask mask) {
        return watch(session, urls, reference, sink, mask, true);
    }

    private Watch watch(
            PeSession session,
            PeServiceUrls urls,
            WatchReference reference,
            WatchSink sink,
            TextMask mask,
            boolean resumed) {
        Watch watch;
        if (reference instanceof JobReference job) {
            watch = new JobWatch(this, reachability(urls), session.jobs(), urls, job, sink, mask);
            sweep(FinishedWorkSweep.JOBS, watch, session, urls);
        } else if (reference instanceof PlanRunReference plan) {
            watch = new PlanRunWatch(this, reachability(urls), session.orchestrator(), urls, plan, sink, mask);
            sweep(FinishedWorkSweep.PLANS, watch, session, urls);
        } else {
            CodeDeployWatch deploy = new CodeDeployWatch(
                    this, reachability(urls), session.codeManager(), (CodeDeployReference) reference, sink);
            sweep(deploy, session, urls);
            watch = deploy;
        }
        live.add(watch);
        watch.outcome().whenComplete((outcome, failure) -> live.remove(watch));
        watch.detached().whenComplete((words, failure) -> live.remove(watch));
        watch.start(resumed);
        return watch;
    }

    private void sweep(FinishedWorkSweep.Lister kind, Watch watch, PeSession session, PeServiceUrls urls) {
        if (!sweeps) {
            return;
        }
        RequestBudget budget = budget(session, urls);
        FinishedWorkSweep sweep = workSweeps.computeIfAbsent(
                List.of(kind.what(), urls, session.sweepGroup()),
                key -> new FinishedWorkSweep(this, urls, kind, budget));
        sweep.add(watch, session);
        watch.outcome().whenComplete((outcome, failure) -> sweep.remove(watch));
        watch.detached().whenComplete((words, failure) -> sweep.remove(watch));
    }

    private void sweep(CodeDeployWatch watch, PeSession session, PeServiceUrls urls) {
        if (!sweeps) {
            return;
        }
        RequestBudget budget = budget(session, urls);
        CodeDeploySweep sweep = deploySweeps.computeIfAbsent(
                List.of(urls, session.sweepGroup()), key -> new CodeDeploySweep(this, urls, budget));
        sweep.add(watch, session);
        watch.outcome().whenComplete((outcome, failure) -> sweep.remove(watch));
        watch.detached().whenComplete((words, failure) -> sweep.remove(watch));
    }

    /** The installation's request budget, at its latest setting. */
    private RequestBudget budget(PeSession session, PeServiceUrls urls) {
        RequestBudget budget =
                budgets.computeIfAbsent(urls, key -> new RequestBudget(this, session.requestsPerSecond()));
        budget.perSecond(session.requestsPerSecond());
        return budget;
    }

    /**
     * Cancels a watch ({@link Watch#cancel}) but waits at most {@link #STOP_WAIT} for PE to confirm
     * a stop: after that the returned words (also told to {@code sink}) say that the work may
     * still be running, so that an abort ends the build when PE does not answer.
     */
    public CompletableFuture<String> cancelWithinStopWait(Watch watch, boolean stopWork, WatchSink sink) {
        CompletableFuture<String> words = watch.cancel(stopWork);
        if (words.isDone()) {
            return words;
        }
        CompletableFuture<String> bounded = new CompletableFuture<>();
        String work = watch.reference().describe();
        Future<?> timer = scheduler.schedule(
                () -> {
                    String late = "PE did not confirm within " + Durations.words(STOP_WAIT) + " that it stopped " + work
                            + "; it may still be running in PE.";
                    if (bounded.complete(late)) {
                        sink.log(LogLine.of(late));
                    }
                },
                STOP_WAIT);
        words.whenComplete((stopped, failure) -> {
            timer.cancel(false);
            bounded.complete(failure == null ? stopped : "Could not stop " + work + ": " + failure.getMessage());
        });
        return bounded;
    }

    /** The outcome to report when the user asked not to wait: submitted, and where to look. */
    public Outcome notWaiting(WatchReference reference, PeServiceUrls urls) {
        Map<String, Object> result = new LinkedHashMap<>();
        String summary;
        if (reference instanceof JobReference job) {
            result.putAll(JobWatch.baseResult(job, "submitted", new JobLinks(urls.console())));
            summary = "Started " + job.describe() + "; not waiting for it.";
        } else if (reference instanceof PlanRunReference plan) {
            result.putAll(planResult(plan));
            result.put("url", urls.planJobPage(plan.planJob()).toString());
            result.put("state", "submitted");
            summary = "Started " + plan.describe() + "; not waiting for it.";
        } else {
            CodeDeployReference deploy = (CodeDeployReference) reference;
            Map<String, Object> environments = new LinkedHashMap<>();
            for (CodeDeployReference.Deploy d : deploy.deploys()) {
                Map<String, Object> env = new LinkedHashMap<>();
                env.put("status", deploy.dryRun() ? "dry-run" : "queued");
                if (d.id() != null) {
                    env.put("id", d.id());
                }
                environments.put(d.environment(), env);
            }
            result.put("server", deploy.server());
            result.put("marker", deploy.marker());
            result.put("dryRun", deploy.dryRun());
            result.put("environments", environments);
            summary = (deploy.dryRun() ? "Dry run listed " : "Queued ") + deploy.describe() + "; not waiting for it.";
        }
        return new Outcome(Verdict.SUCCESS, summary, result);
    }

    private CompletableFuture<Submission> findLostPlanJob(
            PeSession session,
            PeServiceUrls urls,
            PlanRunReference unnamed,
            PeUnknownOutcomeException lost,
            TextMask mask,
            WatchSink sink) {
        sink.log(LogLine.of(mask.apply(lost.getMessage())));
        sink.log(LogLine.of("Looking for a plan job carrying this run's marker " + unnamed.marker() + "."));
        return session.orchestrator()
                .planJobs(PlanJobQuery.newest(PlanRunWatch.MARKER_SEARCH_DEPTH))
                .handle((list, failure) -> {
                    if (failure == null) {
                        var found = list.items().stream()
                                .filter(job -> PlanRunWatch.carriesMarker(job, unnamed.marker()))
                                .findFirst();
                        if (found.isPresent()
                                && !PlanRunWatch.isPlanJobName(found.get().name())) {
                            return unusablePlanJobName(unnamed, found.get().name(), mask, sink);
                        }
                        if (found.isPresent()) {
                            String name = found.get().name();
                            PlanRunReference reference = unnamed.withPlanJob(name);
                            sink.log(LogLine.withLink(
                                    "Found plan job " + name + " by the marker: ",
                                    urls.planJobPage(name),
                                    "plan job " + name));
                            sink.progressed(reference);
                            return Submission.submitted(reference, mask);
                        }
                    }
                    String summary = "Whether PE started plan " + unnamed.plan() + " is unknown: "
                            + mask.apply(lost.getMessage()) + " No plan job with this run's marker " + unnamed.marker()
                            + " was found" + (failure == null ? "" : " (the plan job list could not be read)")
                            + ". Check " + mask.apply(lost.howToCheck()) + " Look for a description ending with ["
                            + unnamed.marker() + "].";
                    sink.log(LogLine.of(summary));
                    return Submission.ended(new Outcome(Verdict.UNKNOWN, summary, planResult(unnamed)));
                });
    }

    /** PE started the plan but named its job with something that is not a plan job id. */
    private static Submission unusablePlanJobName(
            PlanRunReference unnamed, String name, TextMask mask, WatchSink sink) {
        String summary = "PE started plan " + unnamed.plan() + " but named its plan job '"
                + mask.apply(String.valueOf(name)) + "', which is not a plan job id, so it cannot be followed."
                + " Check in the PE console (Orchestration » Jobs » Plan jobs) for a job whose description ends"
                + " with [" + unnamed.marker() + "] before running it again.";
        sink.log(LogLine.of(summary));
        return Submission.ended(new Outcome(Verdict.UNKNOWN, summary, planResult(unnamed)));
    }

    private static Submission failedSubmission(
            Throwable cause, String action, TextMask mask, WatchSink sink, Map<String, Object> result) {
        if (cause instanceof PeUnknownOutcomeException lost) {
            String summary =
                    "Whether PE did " + action + " is unknown: " + lost.getMessage() + " Check " + lost.howToCheck();
            sink.log(LogLine.of(summary));
            return Submission.ended(new Outcome(Verdict.UNKNOWN, summary, result));
        }
        if (cause instanceof PeApiException refused) {
            String summary = mask.apply(cause.getMessage());
            sink.log(LogLine.of(summary));
            Map<String, Object> withError = new LinkedHashMap<>(result);
            String essential = EssentialLine.of(refused);
            if (refused.kind() != null || essential != null) {
                Map<String, Object> error = new LinkedHashMap<>();
                if (refused.kind() != null) {
                    error.put("kind", refused.kind());
                }
                if (essential != null) {
                    error.put("message", mask.apply(essential));
                }
                withError.put("error", error);
            }
            return Submission.ended(new Outcome(Verdict.FAILURE, summary, withError));
        }
        throw new CompletionException(cause);
    }

    private static Map<String, Object> planResult(PlanRunReference reference) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("server", reference.server());
        result.put("plan", reference.plan());
        result.put("environment", reference.environment());
        result.put("marker", reference.marker());
        if (reference.planJob() != null) {
            result.put("planJob", reference.planJob());
        }
        return result;
    }

    /**
     * The plan's metadata, read once before the run for the pre-flight ({@link ParameterPreflight})
     * and the mask of the parameters it marks sensitive; null when it cannot be read (then the run
     * goes on unchecked, and the plan job's {@code options.sensitive} decides the mask, never nothing).
     */
    private static CompletableFuture<PlanMetadata> planMetadata(PeSession session, PlanRunInput input) {
        return session.orchestrator()
                .plan(input.plan(), input.environment())
                .handle((PlanMetadata metadata, Throwable failure) -> failure != null ? null : metadata);
    }

    /** The mask from the started plan job's {@code options.sensitive}; all values when that is unreadable too. */
    private static CompletableFuture<TextMask> planJobMask(PeSession session, String name, PlanRunInput input) {
        return session.orchestrator()
                .planJob(name)
                .handle((job, failure) -> maskOf(input, failure != null || job == null ? null : job.sensitive()));
    }

    /** The values of the parameters named {@code sensitive}; of all parameters when it is null (fail closed). */
    private static TextMask maskOf(PlanRunInput input, Collection<String> sensitive) {
        Map<String, Object> values = new LinkedHashMap<>();
        input.parameters().forEach(p -> values.put(p.name(), p.value()));
        return TextMask.ofParameters(values, sensitive);
    }
}
