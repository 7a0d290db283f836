package io.jenkins.plugins.puppetenterprise.core;

import io.jenkins.plugins.puppetenterprise.client.PeAnswerTooLargeException;
import io.jenkins.plugins.puppetenterprise.client.PeApiException;
import io.jenkins.plugins.puppetenterprise.client.PeError;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeUnsupportedException;
import io.jenkins.plugins.puppetenterprise.client.plan.OrchestratorClient;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanEvent;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanEvents;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanJob;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanJobQuery;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Follows a plan job until success or failure with one request per poll: its new events, which
 * stream to the log. The job's state, which stays authoritative, is read when the events show the
 * plan finished or failed, when a sweep told of its end, and, where no sweep serves, every {@value
 * #STATE_CHECK_EVERY} polls in case a job ends without such an event. Polls are sent once (the watch polls again anyway), so an outage shows at once.
 */
final class PlanRunWatch extends Watch {
    /** How many of the newest plan jobs are searched for a run's marker. */
    static final int MARKER_SEARCH_DEPTH = 100;

    /** Every how many polls the state is read even without a terminal event. */
    static final int STATE_CHECK_EVERY = 20;

    /** The largest plan result a step returns, in bytes of JSON; a larger one is replaced by a note. */
    static final int MAX_RESULT_JSON_BYTES = 1024 * 1024;

    private final OrchestratorClient orchestrator;
    private final OrchestratorClient polls;
    private final PeServiceUrls urls;
    private volatile PlanRunReference reference;
    private volatile String lastState;
    private int pollsSinceStateCheck;
    private boolean endEventSeen;
    /** A page of events was larger than the client reads: events are not read any more. */
    private volatile boolean eventsTooLarge;
    /** Set when the plan job was larger than the client reads and its state came without its result. */
    private volatile PeAnswerTooLargeException resultTooLarge;

    PlanRunWatch(
            ExecutionCore core,
            ServerReachability server,
            OrchestratorClient orchestrator,
            PeServiceUrls urls,
            PlanRunReference reference,
            WatchSink sink,
            TextMask mask) {
        super(core, server, sink, mask);
        this.orchestrator = orchestrator;
        this.polls = orchestrator.withoutRetries();
        this.urls = urls;
        this.reference = reference;
    }

    @Override
    public PlanRunReference reference() {
        return reference;
    }

    /** A plan's final read is its state and its last events; a log poll its events. */
    @Override
    int requestsOfPoll(boolean finalRead) {
        return finalRead ? 2 : POLL_WEIGHT;
    }

    @Override
    String stateSuffix() {
        return lastState == null ? "" : " (" + lastState + ")";
    }

    /**
     * Each request of a poll is sent only if the watch has not ended meanwhile, and what follows an
     * answer runs on the watch scheduler.
     */
    @Override
    CompletableFuture<Outcome> poll() {
        if (reference.planJob() == null) {
            return findByMarker();
        }
        String name = reference.planJob();
        if (endSeenElsewhere()
                || endEventSeen
                || eventsTooLarge
                || (!withinBudget() && ++pollsSinceStateCheck >= STATE_CHECK_EVERY)) {
            return stateFirst(name);
        }
        return events(name)
                .thenComposeAsync(
                        events -> {
                            if (events != null && !report(events)) {
                                return CompletableFuture.completedFuture(null);
                            }
                            // the plan ended, or its events are too large to tell: the state decides
                            endEventSeen = events != null;
                            if (withinBudget()) {
                                endSeenInLog();
                                return CompletableFuture.completedFuture(null);
                            }
                            return state(name).thenApplyAsync(this::checked, core.callbacks());
                        },
                        core.callbacks());
    }

    /** Reads the state; once it is terminal, also the last events, so the log is complete. */
    private CompletableFuture<Outcome> stateFirst(String name) {
        return state(name)
                .thenComposeAsync(
                        job -> {
                            if (!job.isTerminal()) {
                                return CompletableFuture.completedFuture(checked(job));
                            }
                            return events(name)
                                    .thenApplyAsync(
                                            events -> {
                                                if (events != null) {
                                                    report(events);
                                                }
                                                return checked(job);
                                            },
                                            core.callbacks());
                        },
                        core.callbacks());
    }

    /** The new events, or null once a page of them was larger than the client reads (never read again). */
    private CompletableFuture<PlanEvents> events(String name) {
        if (eventsTooLarge) {
            return CompletableFuture.completedFuture(null);
        }
        return request(() -> polls.planEvents(name, reference.lastEventId() + 1))
                .exceptionallyCompose(failure -> {
                    if (!(unwrap(failure) instanceof PeAnswerTooLargeException tooLarge)) {
                        return CompletableFuture.failedFuture(unwrap(failure));
                    }
                    eventsTooLarge = true;
                    log(LogLine.withLink(
                            "The events of " + reference.describe() + " after event " + reference.lastEventId()
                                    + " are larger than the plugin reads of one answer ("
                                    + megabytes(tooLarge.limitBytes()) + ", installation setting "
                                    + PeAnswerTooLargeException.SETTING + "), usually because the plan's result is"
                                    + " in them; they are not shown here. The PE console has them: ",
                            urls.planJobPage(name),
                            "plan job " + name));
                    return CompletableFuture.completedFuture(null);
                });
    }

    /**
     * The plan job; when it is larger than the client reads (a plan that returns a huge result),
     * its state from the plan job list read without results ({@code results=exclude}).
     */
    private CompletableFuture<PlanJob> state(String name) {
        return request(() -> polls.planJob(name))
                .thenApply(job -> {
                    resultTooLarge = null;
                    return job;
                })
                .exceptionallyCompose(failure -> {
                    if (!(unwrap(failure) instanceof PeAnswerTooLargeException tooLarge)) {
                        return CompletableFuture.failedFuture(unwrap(failure));
                    }
                    return request(() -> polls.planJobs(PlanJobQuery.newest(MARKER_SEARCH_DEPTH)))
                            .thenApply(list -> {
                                PlanJob job = list.items().stream()
                                        .filter(j -> name.equals(j.name()))
                                        .findFirst()
                                        .orElseThrow(() -> new PeAnswerTooLargeException(
                                                tooLarge.getMessage()
                                                        + " Its state could not be read without its result"
                                                        + " either: it is not among the newest " + MARKER_SEARCH_DEPTH
                                                        + " plan jobs.",
                                                tooLarge.status(),
                                                tooLarge.fix(),
                                                tooLarge.limitBytes()));
                                resultTooLarge = tooLarge;
                                return job;
                            });
                });
    }

    private static String megabytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }

    private Outcome checked(PlanJob job) {
        pollsSinceStateCheck = 0;
        return ended(job);
    }

    /** Completes with null (poll again, now by name) when a job carries the marker, else UNKNOWN. */
    private CompletableFuture<Outcome> findByMarker() {
        return request(() -> polls.planJobs(PlanJobQuery.newest(MARKER_SEARCH_DEPTH)))
                .thenApplyAsync(
                        list -> {
                            var found = list.items().stream()
                                    .filter(job -> carriesMarker(job, reference.marker()))
                                    .findFirst();
                            if (found.isEmpty()) {
                                return notFoundByMarker();
                            }
                            String name = found.get().name();
                            if (!isPlanJobName(name)) {
                                return unusableName(name);
                            }
                            reference = reference.withPlanJob(name);
                            log(LogLine.withLink(
                                    "Found " + reference.describe() + " by this run's marker " + reference.marker()
                                            + ": ",
                                    urls.planJobPage(name),
                                    "plan job " + name));
                            progressed(reference);
                            return null;
                        },
                        core.callbacks());
    }

    /** Whether PE's answer is a plan job name the plugin can follow: a number, as PE's ids are. */
    static boolean isPlanJobName(String name) {
        return name != null && name.matches("[0-9]{1,19}");
    }

    private Outcome unusableName(String name) {
        String summary = "Cannot follow plan " + reference.plan() + ": PE named its plan job '"
                + mask.apply(String.valueOf(name)) + "', which is not a plan job id. Check in the PE console"
                + " (Orchestration » Jobs » Plan jobs) for a job whose description ends with ["
                + reference.marker() + "].";
        log(LogLine.of(summary));
        return new Outcome(Verdict.UNKNOWN, summary, baseResult(lastState));
    }

    static boolean carriesMarker(PlanJob job, String marker) {
        if (job.userdata() != null
                && marker.equals(job.userdata().path(RunMarker.USERDATA_KEY).asText(null))) {
            return true;
        }
        return job.description() != null && job.description().contains("[" + marker + "]");
    }

    private Outcome notFoundByMarker() {
        String summary = "Whether plan " + reference.plan() + " was started is unknown: its plan job name was never"
                + " saved, and none of the newest " + MARKER_SEARCH_DEPTH + " plan jobs carries this run's marker "
                + reference.marker() + ". Check in the PE console (Orchestration » Jobs » Plan jobs) for a job of"
                + " plan " + reference.plan() + " whose description ends with [" + reference.marker() + "] before"
                + " running it again.";
        log(LogLine.of(summary));
        return new Outcome(Verdict.UNKNOWN, summary, baseResult(null));
    }

    /** Logs the new events; whether one of them says the plan finished or failed. */
    private boolean report(PlanEvents events) {
        long last = reference.lastEventId();
        long before = last;
        boolean end = false;
        for (PlanEvent event : events.items().stream()
                .sorted(Comparator.comparingLong(PlanEvent::numericId))
                .toList()) {
            long id = event.numericId();
            if (id <= last) {
                continue;
            }
            last = id;
            end |= event.isPlanEnd();
            log(LogLine.of(mask.apply(PlanEventLines.line(event))));
        }
        if (last != before) {
            reference = reference.withLastEventId(last);
            progressed(reference);
        }
        return end;
    }

    private Outcome ended(PlanJob job) {
        String state = job.state();
        if (state != null && !state.equals(lastState) && !job.isTerminal()) {
            log(LogLine.of(capitalized(reference.describe()) + " is " + state + "."));
        }
        lastState = state;
        if (!job.isTerminal()) {
            return null;
        }
        Map<String, Object> result = baseResult(state);
        String resultNote = resultNote(job);
        if (resultNote == null) {
            result.put("result", mask.applyToPlain(PlainJson.toPlain(job.result())));
        } else {
            result.put("resultNote", resultNote);
            log(LogLine.of(resultNote));
        }
        if (job.isSuccess()) {
            String summary = capitalized(reference.describe()) + " succeeded";
            log(LogLine.withLink(
                    summary + ": ", urls.planJobPage(reference.planJob()), "plan job " + reference.planJob()));
            return new Outcome(Verdict.SUCCESS, summary + ".", result);
        }
        PeError error = job.resultError();
        String reason = mask.apply(PlanEventLines.reason(error));
        if (error != null) {
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("kind", error.kind());
            err.put("message", mask.apply(error.msg()));
            result.put("error", err);
        }
        String summary = capitalized(reference.describe()) + " failed: " + reason;
        log(LogLine.withLink(summary + " ", urls.planJobPage(reference.planJob()), "plan job " + reference.planJob()));
        return new Outcome(Verdict.FAILURE, summary, result);
    }

    /**
     * Why the result is not returned, with where to see it; null when it is. A result is returned
     * whole or not at all, never cut: up to {@value #MAX_RESULT_JSON_BYTES} bytes of JSON, as it
     * goes into the Pipeline's saved program state.
     */
    private String resultNote(PlanJob job) {
        String where = " See it in the PE console: " + planJobUrl();
        if (resultTooLarge != null) {
            return "The result of " + reference.describe() + " is larger than the plugin reads of one answer ("
                    + megabytes(resultTooLarge.limitBytes()) + ", installation setting "
                    + PeAnswerTooLargeException.SETTING + "), so the step does not return it; its state was read"
                    + " without it." + where;
        }
        if (job.result() == null
                || job.result().toString().getBytes(StandardCharsets.UTF_8).length <= MAX_RESULT_JSON_BYTES) {
            return null;
        }
        return "The result of " + reference.describe() + " is more than " + megabytes(MAX_RESULT_JSON_BYTES)
                + " of JSON, the most a step returns, so it is not returned." + where;
    }

    @Override
    CompletableFuture<String> stopWork() {
        if (reference.planJob() == null) {
            return CompletableFuture.completedFuture("The plan job of this run is not known, so it was not stopped;"
                    + " look for a job whose description ends with [" + reference.marker() + "] in the PE console.");
        }
        String name = reference.planJob();
        return orchestrator.stopPlan(name).handle((ok, failure) -> {
            if (failure == null) {
                return "Asked PE to stop plan job " + name + "; actions already running on nodes finish first.";
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof PeUnsupportedException) {
                return mask.apply(cause.getMessage());
            }
            return "Could not stop plan job " + name + ": " + mask.apply(cause.getMessage())
                    + " Stop it in the PE console if needed: " + planJobUrl();
        });
    }

    @Override
    String notStoppedWords() {
        return capitalized(reference.describe()) + " keeps running in PE"
                + (reference.planJob() == null ? "." : ": " + planJobUrl());
    }

    @Override
    boolean stopsWorkWhenAbandoned() {
        return reference.stopPlanWhenAbandoned();
    }

    @Override
    Outcome cancelledOutcome(String stopWords) {
        return new Outcome(
                Verdict.FAILURE,
                "Stopped waiting for " + reference.describe() + ": cancelled. " + stopWords,
                baseResult(lastState));
    }

    @Override
    Outcome deadlineOutcome(String stopWords) {
        String summary = "Gave up waiting for " + reference.describe() + ": the wait timeout ended at "
                + reference.deadline() + ". " + stopWords;
        return new Outcome(Verdict.FAILURE, summary, baseResult(lastState));
    }

    @Override
    Outcome lostTrackOutcome(PeApiException failure) {
        String summary = "Cannot follow " + reference.describe() + " any more: " + mask.apply(failure.getMessage())
                + " Check how it ended in the PE console"
                + (reference.planJob() == null ? " (Orchestration » Jobs » Plan jobs)." : ": " + planJobUrl());
        log(LogLine.of(summary));
        return new Outcome(Verdict.UNKNOWN, summary, baseResult(lastState));
    }

    private String planJobUrl() {
        return urls.planJobPage(reference.planJob()).toString();
    }

    @Override
    Map<String, Object> resultSoFar() {
        return baseResult(lastState);
    }

    private Map<String, Object> baseResult(String state) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("server", reference.server());
        result.put("plan", reference.plan());
        result.put("environment", reference.environment());
        result.put("marker", reference.marker());
        if (reference.planJob() != null) {
            result.put("planJob", reference.planJob());
            result.put("url", planJobUrl());
        }
        if (state != null) {
            result.put("state", state);
        }
        return result;
    }

    static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
