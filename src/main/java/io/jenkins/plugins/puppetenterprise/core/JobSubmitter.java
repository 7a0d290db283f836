package io.jenkins.plugins.puppetenterprise.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.puppetenterprise.client.PeApiException;
import io.jenkins.plugins.puppetenterprise.client.PeBadRequestException;
import io.jenkins.plugins.puppetenterprise.client.PeErrorKind;
import io.jenkins.plugins.puppetenterprise.client.PeNotFoundException;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.PeUnknownOutcomeException;
import io.jenkins.plugins.puppetenterprise.client.job.JobClient;
import io.jenkins.plugins.puppetenterprise.client.job.JobQuery;
import io.jenkins.plugins.puppetenterprise.client.job.PuppetRunRequest;
import io.jenkins.plugins.puppetenterprise.client.job.TaskRunRequest;
import io.jenkins.plugins.puppetenterprise.core.job.JobInput;
import io.jenkins.plugins.puppetenterprise.core.job.JobLinks;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Submits a Puppet run or task once (see {@link ExecutionCore#submitJob}). A task's metadata is
 * read first: an unknown task, {@code noop} for a task that does not support it, or parameters
 * that do not match the metadata ({@link ParameterPreflight}) are refused before the command is
 * sent, and the parameters the metadata flags sensitive or the started job lists in its
 * {@code options.sensitive} are masked (all parameter values when either cannot be read). The
 * run's marker goes into its userdata and description (the description alone on releases that
 * refuse userdata, see {@link #send}); a lost answer is looked up by that marker once, and when it
 * is not found the outcome is UNKNOWN, never a second run.
 */
final class JobSubmitter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JobSubmitter() {}

    static CompletableFuture<Submission> submit(
            ExecutionCore core,
            PeSession session,
            PeServiceUrls urls,
            String server,
            JobInput input,
            String defaultDescription,
            WatchSink sink) {
        sink.log(LogLine.of(input.describe() + " on " + server + "."));
        Instant now = core.clock().instant();
        String marker = RunMarker.create();
        String description =
                RunMarker.describe(input.description() != null ? input.description() : defaultDescription, marker);
        Map<String, Object> userdata = new LinkedHashMap<>(input.userdata());
        userdata.put(RunMarker.USERDATA_KEY, marker);
        boolean task = input.kind() == JobInput.Kind.TASK;
        JobReference unnamed = new JobReference(
                server,
                marker,
                now,
                now.plus(input.waitTimeout()),
                task ? input.taskName() : null,
                input.environment(),
                null,
                JobReference.NO_EVENT,
                input.scope().requestedCount(),
                input.noop(),
                input.failOnPendingChanges(),
                input.stopOnAbort(),
                input.forceStop());
        JobLinks links = new JobLinks(urls.console());
        JobClient jobs = session.jobs();
        if (!task) {
            PuppetRunRequest run = puppetRun(input, description, userdata);
            return send(
                    u -> jobs.runPuppet(run.withUserdata(u)),
                    run.userdata(),
                    input,
                    jobs,
                    unnamed,
                    TextMask.NONE,
                    links,
                    sink);
        }
        return jobs.task(input.taskName(), input.environment())
                .handle((metadata, failure) -> {
                    Throwable cause = failure == null ? null : Watch.unwrap(failure);
                    TextMask allValues = TextMask.ofParameters(input.parameters(), null);
                    if (cause instanceof PeNotFoundException notFound
                            && PeErrorKind.of(notFound.kind()) == PeErrorKind.UNKNOWN_TASK) {
                        return CompletableFuture.completedFuture(failed(notFound, unnamed, allValues, links, sink));
                    }
                    if (metadata != null && input.noop() && !metadata.supportsNoop()) {
                        String summary = "Task " + input.taskName() + " does not support noop (its metadata has no"
                                + " supports_noop: true), so it was not started: remove noop, or run it for real.";
                        sink.log(LogLine.of(summary));
                        return CompletableFuture.completedFuture(Submission.ended(
                                new Outcome(Verdict.FAILURE, summary, JobWatch.baseResult(unnamed, null, links))));
                    }
                    if (metadata != null) {
                        ParameterPreflight.Findings findings = ParameterPreflight.of(input.taskName(), metadata)
                                .check(input.parameters().keySet());
                        findings.warnings().forEach(w -> sink.log(LogLine.of(w)));
                        if (findings.refuses()) {
                            String summary = ParameterPreflight.refusal("Task " + input.taskName(), findings);
                            sink.log(LogLine.of(summary));
                            return CompletableFuture.completedFuture(Submission.ended(
                                    new Outcome(Verdict.FAILURE, summary, JobWatch.baseResult(unnamed, null, links))));
                        }
                    }
                    List<String> flagged = metadata == null ? null : metadata.sensitiveParameters();
                    TextMask mask = flagged == null ? allValues : TextMask.ofParameters(input.parameters(), flagged);
                    TaskRunRequest run = TaskRunRequest.of(
                                    input.taskName(),
                                    (ObjectNode) JSON.valueToTree(input.parameters()),
                                    input.scope(),
                                    input.environment())
                            .withDescription(description)
                            .withNoop(input.noop() ? Boolean.TRUE : null)
                            .withTimeout(input.peTimeoutSeconds())
                            .withUserdata(JSON.valueToTree(userdata));
                    return send(
                                    u -> jobs.runTask(run.withUserdata(u)),
                                    run.userdata(),
                                    input,
                                    jobs,
                                    unnamed,
                                    mask,
                                    links,
                                    sink)
                            .thenCompose(submission ->
                                    flagged == null || input.parameters().isEmpty() || !submission.isSubmitted()
                                            ? CompletableFuture.completedFuture(submission)
                                            : withJobsSensitive(jobs, submission, input, flagged));
                })
                .thenCompose(f -> f);
    }

    /**
     * Widens the mask by the started job's {@code options.sensitive} before anything of the job is
     * shown: PE may hide parameters the metadata read before the start did not flag. All values
     * when the job cannot be read (fail closed, as for unreadable metadata).
     */
    private static CompletableFuture<Submission> withJobsSensitive(
            JobClient jobs, Submission submission, JobInput input, List<String> flagged) {
        JobReference reference = (JobReference) submission.reference();
        return jobs.job(reference.job()).handle((job, failure) -> {
            Set<String> sensitive = null;
            if (failure == null && job != null) {
                sensitive = new HashSet<>(flagged);
                sensitive.addAll(job.sensitive());
            }
            return Submission.submitted(reference, TextMask.ofParameters(input.parameters(), sensitive));
        });
    }

    private static PuppetRunRequest puppetRun(JobInput input, String description, Map<String, Object> userdata) {
        PuppetRunRequest run = PuppetRunRequest.on(input.scope(), input.environment())
                .withDescription(description)
                .withUserdata(JSON.valueToTree(userdata))
                .withNoop(input.noop() ? Boolean.TRUE : null)
                .withNoNoop(input.noNoop() ? Boolean.TRUE : null)
                .withTimeout(input.peTimeoutSeconds());
        Map<String, Object> options = input.agentOptions();
        run = run.withConcurrency((Integer) options.get("concurrency"))
                .withDebug((Boolean) options.get("debug"))
                .withTrace((Boolean) options.get("trace"))
                .withEvaltrace((Boolean) options.get("evaltrace"))
                .withFiletimeout((Integer) options.get("filetimeout"))
                .withHttpConnectTimeout((Integer) options.get("http_connect_timeout"))
                .withHttpKeepaliveTimeout((Integer) options.get("http_keepalive_timeout"))
                .withHttpReadTimeout((Integer) options.get("http_read_timeout"))
                .withOrdering((String) options.get("ordering"))
                .withTags((String) options.get("tags"))
                .withSkipTags((String) options.get("skip_tags"))
                .withUseCachedCatalog((Boolean) options.get("use_cached_catalog"))
                .withUseCacheOnFailure((Boolean) options.get("usecacheonfailure"));
        return run;
    }

    /**
     * Posts the command with the userdata, and once more without it when PE refused only the
     * marker's ({@link RunMarker}); userdata the user set is theirs, and the refusal is reported.
     */
    private static CompletableFuture<Submission> send(
            Function<JsonNode, CompletableFuture<String>> post,
            JsonNode userdata,
            JobInput input,
            JobClient jobs,
            JobReference unnamed,
            TextMask mask,
            JobLinks links,
            WatchSink sink) {
        return post.apply(userdata)
                .handle((name, failure) -> {
                    Throwable cause = failure == null ? null : Watch.unwrap(failure);
                    if (!(cause instanceof PeBadRequestException refused) || !RunMarker.userdataRefused(refused)) {
                        return started(jobs, unnamed, name, failure, mask, links, sink);
                    }
                    if (!input.userdata().isEmpty()) {
                        String summary =
                                RunMarker.userdataRefusal(unnamed.describe(), mask.apply(refused.getMessage()));
                        sink.log(LogLine.of(summary));
                        return CompletableFuture.completedFuture(Submission.ended(
                                new Outcome(Verdict.FAILURE, summary, JobWatch.baseResult(unnamed, null, links))));
                    }
                    sink.log(LogLine.of(RunMarker.sentAgainWithoutUserdata(unnamed.describe(), unnamed.marker())));
                    return post.apply(null)
                            .handle((retried, retryFailure) ->
                                    started(jobs, unnamed, retried, retryFailure, mask, links, sink))
                            .thenCompose(f -> f);
                })
                .thenCompose(f -> f);
    }

    private static CompletableFuture<Submission> started(
            JobClient jobs,
            JobReference unnamed,
            String name,
            Throwable failure,
            TextMask mask,
            JobLinks links,
            WatchSink sink) {
        if (failure == null && JobClient.isJobName(name)) {
            JobReference reference = unnamed.withJob(name);
            sink.log(LogLine.withLink(
                    "Started " + reference.describe() + ": ", links.jobPage(name, reference.isTask()), "job " + name));
            sink.progressed(reference);
            return CompletableFuture.completedFuture(Submission.submitted(reference, mask));
        }
        if (failure == null) {
            String summary = "PE started " + unnamed.describe() + " but named its job '" + mask.apply(name)
                    + "', which is not a job id, so it cannot be followed. Check in the PE console (Orchestration »"
                    + " Jobs) for a job whose description ends with [" + unnamed.marker() + "] before running it"
                    + " again.";
            sink.log(LogLine.of(summary));
            return CompletableFuture.completedFuture(
                    Submission.ended(new Outcome(Verdict.UNKNOWN, summary, JobWatch.baseResult(unnamed, null, links))));
        }
        Throwable cause = Watch.unwrap(failure);
        if (cause instanceof PeUnknownOutcomeException lost) {
            return findLost(jobs, unnamed, lost, mask, links, sink);
        }
        if (cause instanceof PeApiException api) {
            return CompletableFuture.completedFuture(failed(api, unnamed, mask, links, sink));
        }
        throw new CompletionException(cause);
    }

    private static Submission failed(
            PeApiException failure, JobReference unnamed, TextMask mask, JobLinks links, WatchSink sink) {
        String summary = mask.apply(failure.getMessage());
        sink.log(LogLine.of(summary));
        return Submission.ended(new Outcome(Verdict.FAILURE, summary, JobWatch.baseResult(unnamed, null, links)));
    }

    private static CompletableFuture<Submission> findLost(
            JobClient jobs,
            JobReference unnamed,
            PeUnknownOutcomeException lost,
            TextMask mask,
            JobLinks links,
            WatchSink sink) {
        sink.log(LogLine.of(mask.apply(lost.getMessage())));
        sink.log(LogLine.of("Looking for a job carrying this run's marker " + unnamed.marker() + "."));
        return jobs.jobs(JobQuery.newest(JobWatch.MARKER_SEARCH_DEPTH, unnamed.jobType()))
                .handle((list, failure) -> {
                    if (failure == null) {
                        var found = list.items().stream()
                                .filter(job -> JobWatch.carriesMarker(job, unnamed.marker()))
                                .filter(job -> JobClient.isJobName(job.name()))
                                .findFirst();
                        if (found.isPresent()) {
                            JobReference reference = unnamed.withJob(found.get().name());
                            sink.log(LogLine.withLink(
                                    "Found " + reference.describe() + " by the marker: ",
                                    links.jobPage(reference.job(), reference.isTask()),
                                    "job " + reference.job()));
                            sink.progressed(reference);
                            return Submission.submitted(reference, mask);
                        }
                    }
                    String summary = "Whether PE started " + unnamed.describe() + " is unknown: "
                            + mask.apply(lost.getMessage()) + " No job with this run's marker " + unnamed.marker()
                            + " was found" + (failure == null ? "" : " (the job list could not be read)") + ". Check "
                            + mask.apply(lost.howToCheck()) + " Look for a description ending with ["
                            + unnamed.marker() + "].";
                    sink.log(LogLine.of(summary));
                    return Submission.ended(
                            new Outcome(Verdict.UNKNOWN, summary, JobWatch.baseResult(unnamed, null, links)));
                });
    }
}
