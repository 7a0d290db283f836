package io.jenkins.plugins.puppetenterprise.core;

import io.jenkins.plugins.puppetenterprise.client.PeApiException;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.client.job.Job;
import io.jenkins.plugins.puppetenterprise.client.job.JobClient;
import io.jenkins.plugins.puppetenterprise.client.job.JobEvent;
import io.jenkins.plugins.puppetenterprise.client.job.JobNode;
import io.jenkins.plugins.puppetenterprise.client.job.JobQuery;
import io.jenkins.plugins.puppetenterprise.core.job.JobLinks;
import io.jenkins.plugins.puppetenterprise.core.job.JobResults;
import io.jenkins.plugins.puppetenterprise.core.job.JobVerdict;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Follows a Puppet-run or task job, polled like a plan run ({@link PlanRunWatch}): one request
 * per poll for its new events, whose node events stream to the log as nodes end (and to the sink's
 * {@link WatchSink#nodeProgressed} as nodes start and end); the job's state,
 * which stays authoritative, is read when the events say the job ended, when a sweep told of its
 * end, and, where no sweep serves, every {@value #STATE_CHECK_EVERY} polls. Once the state is terminal all node items are read (every
 * page) and {@link JobVerdict} decides. A watch resumed from a saved event cursor reads the node
 * list once while the job runs, in its first poll that reads the state (weighed as a final read), and tells the sink of every node
 * that has begun, so a front end that lost its page in a restart has every node again.
 * When no node has started after {@link #CAPACITY_AFTER},
 * the log says the job waits for capacity. Polls are sent once (the watch polls again anyway).
 */
final class JobWatch extends Watch {
    /** How many of the newest jobs are searched for a run's marker. */
    static final int MARKER_SEARCH_DEPTH = 100;

    static final int STATE_CHECK_EVERY = 20;

    /** How long nodes may not start before the log says the job waits for capacity. */
    static final Duration CAPACITY_AFTER = Duration.ofMinutes(2);

    private final JobClient jobs;
    private final JobClient polls;
    private final JobLinks links;
    private volatile JobReference reference;
    private volatile String lastState;
    private int pollsSinceStateCheck;
    private boolean endEventSeen;
    private boolean nodeSeen;
    private boolean capacityTold;
    /**
     * Resumed past events that an earlier sink (of the Jenkins before a restart) was told of: the
     * next poll reads the node list once and tells this sink of every node that has begun. Set at
     * construction, cleared by that read; volatile as the budget asks for the poll's weight.
     */
    private volatile boolean nodesUntold;

    JobWatch(
            ExecutionCore core,
            ServerReachability server,
            JobClient jobs,
            PeServiceUrls urls,
            JobReference reference,
            WatchSink sink,
            TextMask mask) {
        super(core, server, sink, mask);
        this.jobs = jobs;
        this.polls = jobs.withoutRetries();
        this.links = new JobLinks(urls.console());
        this.reference = reference;
        this.nodeSeen = reference.lastEventId() != JobReference.NO_EVENT;
        this.nodesUntold = nodeSeen;
    }

    @Override
    public JobReference reference() {
        return reference;
    }

    @Override
    String stateSuffix() {
        return lastState == null ? "" : " (" + lastState + ")";
    }

    /** The poll that tells of the nodes after a resume reads the state and the node list, as a final read does. */
    @Override
    int requestsOfPoll(boolean finalRead) {
        return nodesUntold ? FINAL_READ_WEIGHT : super.requestsOfPoll(finalRead);
    }

    @Override
    CompletableFuture<Outcome> poll() {
        if (reference.job() == null) {
            return findByMarker();
        }
        String name = reference.job();
        if (nodesUntold
                || endSeenElsewhere()
                || endEventSeen
                || (!withinBudget() && ++pollsSinceStateCheck >= STATE_CHECK_EVERY)) {
            return stateFirst(name);
        }
        return request(() -> polls.events(name, reference.lastEventId() + 1))
                .thenComposeAsync(
                        events -> {
                            if (!report(events)) {
                                tellCapacity();
                                return CompletableFuture.completedFuture(null);
                            }
                            endEventSeen = true;
                            if (withinBudget()) {
                                endSeenInLog();
                                return CompletableFuture.completedFuture(null);
                            }
                            return request(() -> polls.job(name)).thenComposeAsync(this::checked, core.callbacks());
                        },
                        core.callbacks());
    }

    /**
     * Reads the state; once it is terminal, also the last events, so the log is complete (the
     * verdict then reads the nodes); while it runs, after a resume, the node list once.
     */
    private CompletableFuture<Outcome> stateFirst(String name) {
        return request(() -> polls.job(name))
                .thenComposeAsync(
                        job -> {
                            if (!job.isTerminal()) {
                                return nodesUntold ? nodesTold(job) : checked(job);
                            }
                            return request(() -> polls.events(name, reference.lastEventId() + 1))
                                    .thenComposeAsync(
                                            events -> {
                                                report(events);
                                                return checked(job);
                                            },
                                            core.callbacks());
                        },
                        core.callbacks());
    }

    /**
     * Tells the sink of every node that has begun, from one read of the node list (all its pages),
     * so that a front end's page is complete again after a restart; the log is not told (it had
     * those lines). On failure the flag stays and the next poll reads it again.
     */
    private CompletableFuture<Outcome> nodesTold(Job job) {
        return request(() -> polls.nodes(reference.job()))
                .thenComposeAsync(
                        nodes -> {
                            nodesUntold = false;
                            for (JobNode node : nodes) {
                                NodeProgress progress = progress(node, reference.isTask(), mask, links);
                                if (progress != null) {
                                    nodeProgressed(progress);
                                }
                            }
                            return checked(job);
                        },
                        core.callbacks());
    }

    private CompletableFuture<Outcome> checked(Job job) {
        pollsSinceStateCheck = 0;
        String state = job.state();
        if (state != null && !state.equals(lastState) && !job.isTerminal() && !"running".equals(state)) {
            log(LogLine.of(PlanRunWatch.capitalized(reference.describe()) + " is " + state + "."));
        }
        lastState = state;
        if (!job.isTerminal()) {
            tellCapacity();
            return CompletableFuture.completedFuture(null);
        }
        return request(() -> polls.nodes(reference.job())).thenApplyAsync(nodes -> ended(job, nodes), core.callbacks());
    }

    private Outcome ended(Job job, List<JobNode> nodes) {
        JobVerdict verdict = JobVerdict.of(
                PlanRunWatch.capitalized(reference.describe()),
                job,
                nodes,
                reference.isTask(),
                reference.requestedNodes(),
                reference.noop(),
                reference.failOnPendingChanges(),
                mask,
                links);
        Map<String, Object> result = baseResult(job.state());
        result.put("counts", new LinkedHashMap<>(verdict.counts()));
        if (verdict.pendingChanges() > 0) {
            result.put("pendingChanges", verdict.pendingChanges());
        }
        JobResults.putNodes(result, verdict.nodes());
        String summary = mask.apply(verdict.summary());
        log(LogLine.withLink(summary + " ", jobPage(), "job " + reference.job()));
        return new Outcome(verdict.verdict(), summary, result);
    }

    /** Completes with null (poll again, now by name) when a job carries the marker, else UNKNOWN. */
    private CompletableFuture<Outcome> findByMarker() {
        return request(() -> polls.jobs(JobQuery.newest(MARKER_SEARCH_DEPTH, reference.jobType())))
                .thenApplyAsync(
                        list -> {
                            var found = list.items().stream()
                                    .filter(job -> carriesMarker(job, reference.marker()))
                                    .findFirst();
                            if (found.isEmpty()
                                    || !JobClient.isJobName(found.get().name())) {
                                String summary = "Whether PE started " + reference.describe() + " is unknown: its job"
                                        + " name was never saved, and none of the newest " + MARKER_SEARCH_DEPTH
                                        + " jobs carries this run's marker " + reference.marker() + ". Check in the PE"
                                        + " console (Orchestration » Jobs) for a job whose description ends with ["
                                        + reference.marker() + "] before running it again.";
                                log(LogLine.of(summary));
                                return new Outcome(Verdict.UNKNOWN, summary, baseResult(null));
                            }
                            reference = reference.withJob(found.get().name());
                            log(LogLine.withLink(
                                    "Found " + reference.describe() + " by this run's marker " + reference.marker()
                                            + ": ",
                                    jobPage(),
                                    "job " + reference.job()));
                            progressed(reference);
                            return null;
                        },
                        core.callbacks());
    }

    static boolean carriesMarker(Job job, String marker) {
        if (job.userdata() != null
                && marker.equals(job.userdata().path(RunMarker.USERDATA_KEY).asText(null))) {
            return true;
        }
        return job.description() != null && job.description().contains("[" + marker + "]");
    }

    /** Logs the node events that arrived and tells the sink of each node's state; whether one of them says the job ended. */
    private boolean report(List<JobEvent> events) {
        long last = reference.lastEventId();
        long before = last;
        boolean end = false;
        for (JobEvent event : events.stream()
                .sorted(Comparator.comparingLong(JobEvent::numericId))
                .toList()) {
            long id = event.numericId();
            if (id <= last) {
                continue;
            }
            last = id;
            end |= event.isJobEnd();
            // an errored or skipped node never ran, so it says nothing of capacity for the others
            if (event.node() != null && event.isNodeRun()) {
                nodeSeen = true;
            }
            NodeProgress progress = progress(event, mask, links);
            if (progress != null) {
                // before the line: whoever saw the line finds the node on the front end's page too
                nodeProgressed(progress);
            }
            String line = line(event);
            if (line != null) {
                log(LogLine.of(mask.apply(line)));
            }
        }
        if (last != before) {
            reference = reference.withLastEventId(last);
            progressed(reference);
        }
        return end;
    }

    /** What a node event tells of its node, masked; null for events of the job or without a node. */
    static NodeProgress progress(JobEvent event, TextMask mask, JobLinks links) {
        if (event.node() == null || !(event.isNodeEnd() || "node_running".equals(event.type()))) {
            return null;
        }
        return new NodeProgress(
                event.node(),
                event.type().substring("node_".length()),
                bounded(event.message(), mask),
                event.timestamp(),
                links.reportLink(event.reportUrl(), null));
    }

    /**
     * What the node list tells of a node that has begun, masked, with its report link (a task's
     * result is its output, not a report); null for a node not begun yet ({@code new}, {@code
     * ready}), which no event has told of either.
     */
    static NodeProgress progress(JobNode node, boolean task, TextMask mask, JobLinks links) {
        if (node.name() == null
                || node.state() == null
                || node.state().equals("new")
                || node.state().equals("ready")) {
            return null;
        }
        return new NodeProgress(
                node.name(),
                node.state(),
                bounded(node.message(), mask),
                node.finishTimestamp() != null ? node.finishTimestamp() : node.startTimestamp(),
                links.reportLink(node, task));
    }

    /** PE's words masked; bounded as the result's node errors, since a front end may keep one per node for the job's life. */
    private static String bounded(String message, TextMask mask) {
        String masked = message == null ? "" : mask.apply(message.trim());
        return masked.length() > JobResults.MAX_RESULT_CHARS
                ? masked.substring(0, JobResults.MAX_RESULT_CHARS) + "…"
                : masked;
    }

    /** The log line of an event, or null for events that are not worth a line (a node starting). */
    static String line(JobEvent event) {
        String message = event.message() == null ? "" : event.message().trim();
        if (event.isNodeEnd()) {
            String state = event.type().substring("node_".length());
            return "  " + event.node() + ": " + state + (message.isEmpty() ? "" : " - " + message);
        }
        if ("job_stopping".equals(event.type())) {
            return "PE is stopping the job; nodes already running finish first"
                    + (message.isEmpty() ? "." : ": " + message);
        }
        return null;
    }

    private void tellCapacity() {
        if (nodeSeen || capacityTold) {
            return;
        }
        Duration waited = Duration.between(reference.submittedAt(), core.clock().instant());
        if (waited.compareTo(CAPACITY_AFTER) >= 0) {
            capacityTold = true;
            log(LogLine.of(PlanRunWatch.capitalized(reference.describe()) + " is waiting for capacity: no node has"
                    + " started after " + Durations.words(waited) + ". PE queues node runs behind its concurrency"
                    + " limits (the job's concurrency, global_concurrent_compiles for Puppet runs, task_concurrency"
                    + " for tasks); the wait timeout includes this time."));
        }
    }

    @Override
    CompletableFuture<String> stopWork() {
        if (reference.job() == null) {
            return CompletableFuture.completedFuture("The job of this run is not known, so it was not stopped; look"
                    + " for a job whose description ends with [" + reference.marker() + "] in the PE console.");
        }
        String name = reference.job();
        return jobs.stop(name, reference.forceStop()).handle((stopped, failure) -> {
            if (failure == null) {
                if (stopped.forceRefused()) {
                    return "This PE does not know forced stops (they need PE 2021.7); asked it to stop job " + name
                            + " without force: nodes already running finish first.";
                }
                // PE's answer only counts the nodes per state when asked: it cannot show that force was
                // honoured, and a release may ignore a key it does not know.
                // Counts of 0 may be left out, so only an answer without any counts leaves the number open.
                String running = stopped.nodes().isEmpty()
                        ? ""
                        : " (" + stopped.nodes().getOrDefault("running", 0L) + " when asked)";
                return "Asked PE to stop job " + name
                        + (stopped.forced()
                                ? " with force: nodes not started yet are not started, and nodes still running"
                                        + running + " are to be ended at once (PE 2021.7 and later;"
                                        + " PE's answer does not confirm it, see the job in the console: "
                                        + jobPage() + ")."
                                : "; nodes not started yet are not started, nodes already running finish first.");
            }
            return "Could not stop job " + name + ": "
                    + mask.apply(unwrap(failure).getMessage()) + " Stop it in the PE console if needed: " + jobPage();
        });
    }

    @Override
    String notStoppedWords() {
        return PlanRunWatch.capitalized(reference.describe()) + " keeps running in PE"
                + (reference.job() == null ? "." : ": " + jobPage());
    }

    @Override
    boolean stopsWorkWhenAbandoned() {
        return reference.stopWhenAbandoned();
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
        return new Outcome(
                Verdict.FAILURE,
                "Gave up waiting for " + reference.describe() + ": the wait timeout ended at " + reference.deadline()
                        + ". " + stopWords,
                baseResult(lastState));
    }

    @Override
    Outcome lostTrackOutcome(PeApiException failure) {
        String summary = "Cannot follow " + reference.describe() + " any more: " + mask.apply(failure.getMessage())
                + " Check how it ended in the PE console"
                + (reference.job() == null ? " (Orchestration » Jobs)." : ": " + jobPage());
        log(LogLine.of(summary));
        return new Outcome(Verdict.UNKNOWN, summary, baseResult(lastState));
    }

    @Override
    Map<String, Object> resultSoFar() {
        return baseResult(lastState);
    }

    private URI jobPage() {
        return links.jobPage(reference.job(), reference.isTask());
    }

    Map<String, Object> baseResult(String state) {
        return baseResult(reference, state, links);
    }

    static Map<String, Object> baseResult(JobReference reference, String state, JobLinks links) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("server", reference.server());
        result.put("kind", reference.isTask() ? "task" : "puppetRun");
        if (reference.isTask()) {
            result.put("task", reference.taskName());
        }
        result.put("environment", reference.environment());
        result.put("noop", reference.noop());
        result.put("marker", reference.marker());
        if (reference.job() != null) {
            result.put("job", reference.job());
            result.put("url", links.jobPage(reference.job(), reference.isTask()).toString());
        }
        if (state != null) {
            result.put("state", state);
        }
        return result;
    }
}
