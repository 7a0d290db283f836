package io.jenkins.plugins.puppetenterprise.client.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.puppetenterprise.client.BodyExcerpt;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import io.jenkins.plugins.puppetenterprise.client.PeBadRequestException;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeErrorKind;
import io.jenkins.plugins.puppetenterprise.client.PeErrorTranslator;
import io.jenkins.plugins.puppetenterprise.client.PeHttpTransport;
import io.jenkins.plugins.puppetenterprise.client.PeRequest;
import io.jenkins.plugins.puppetenterprise.client.PeService;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.PeUnknownOutcomeException;
import io.jenkins.plugins.puppetenterprise.client.RetryPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Orchestrator Puppet runs and tasks (pe-api-jobs.md 4.9). {@link #runPuppet} and {@link #runTask}
 * are sent exactly once, never repeated (a Puppet run or task may not be idempotent): when the
 * answer is lost they fail with {@link PeUnknownOutcomeException} saying where to look, by the
 * description and userdata the request carried. Reads and {@code /command/stop} (documented
 * idempotent) are repeated on transient failures.
 */
public final class JobClient {
    private static final String API = "/orchestrator/v1";
    /** {@code module} or {@code module::task}, as Puppet names tasks. */
    public static final Pattern TASK_NAME = Pattern.compile("[a-z][a-z0-9_]*(::[a-z][a-z0-9_]*)?");
    /** Node items asked for per page of {@code /nodes} (PE 2021.5 and later page; older send all). */
    static final int NODES_PAGE = 500;

    private static final String VIEW_PERMISSION = "Job orchestrator » Start, stop and view jobs";

    private final PeClient client;
    private final PeSession session;
    private final PeHttpTransport transport;

    public JobClient(PeClient client, PeSession session) {
        this(client, session, client.transport());
    }

    private JobClient(PeClient client, PeSession session, PeHttpTransport transport) {
        this.client = client;
        this.session = session;
        this.transport = transport;
    }

    /** The same calls, each sent once: for a watch that polls again later anyway. */
    public JobClient withoutRetries() {
        return new JobClient(client, session, transport.withRetryPolicy(RetryPolicy.NONE));
    }

    /** Starts a Puppet run ({@code POST /command/deploy}) and gives the job's name (its id). */
    public CompletableFuture<String> runPuppet(PuppetRunRequest run) {
        String permission = "Puppet agent » Run Puppet on agent nodes"
                + (run.scope().kind() == JobScope.Kind.QUERY
                        ? "; a query scope also needs Nodes » View node data from PuppetDB"
                        : "")
                + (run.scope().kind() == JobScope.Kind.NODE_GROUP
                        ? "; a node group scope also needs Node groups »" + " View on that group"
                        : "");
        return command(
                API + "/command/deploy",
                run.toJson(),
                "run Puppet on " + run.scope().describe(),
                permission,
                howToCheck("deploy", "a Puppet run job", run.description(), run.userdata()));
    }

    /** Starts a task ({@code POST /command/task}) and gives the job's name (its id). */
    public CompletableFuture<String> runTask(TaskRunRequest run) {
        return command(
                API + "/command/task",
                run.toJson(),
                "run task '" + run.task() + "' on " + run.scope().describe(),
                "Tasks » Run tasks for '" + run.task() + "' (or all tasks) on the target nodes",
                howToCheck("task", "a job of task '" + run.task() + "'", run.description(), run.userdata()));
    }

    private static String howToCheck(String type, String what, String description, JsonNode userdata) {
        StringBuilder check = new StringBuilder("the job list in the PE console (Orchestration » Jobs) or GET"
                + " /orchestrator/v1/jobs?type=" + type + "&order_by=timestamp&order=desc on port 8143, for "
                + what);
        if (description != null && !description.isBlank()) {
            check.append(" with the description \"").append(description).append('"');
        }
        if (userdata != null && userdata.isObject() && !userdata.isEmpty()) {
            check.append(" and userdata ").append(BodyExcerpt.of(userdata.toString(), List.of()));
        }
        return check.append(". Start it again only if no such job exists.").toString();
    }

    private CompletableFuture<String> command(
            String path, ObjectNode body, String action, String permission, String howToCheck) {
        return session.call(PeRequest.Repeat.NEVER, token -> {
            PeRequest request = new PeRequest(
                    PeService.ORCHESTRATOR,
                    "POST",
                    path,
                    Map.of(),
                    body,
                    token,
                    client.requestTimeout(),
                    PeRequest.Repeat.NEVER,
                    action,
                    permission,
                    howToCheck);
            return transport.exchange(request).thenApply(answer -> {
                String name = LenientJson.text(LenientJson.node(answer.json(), "job"), "name");
                if (name == null || LenientJson.isErrorObject(answer.json())) {
                    throw PeErrorTranslator.unreadableAcceptance(
                            request,
                            client.urls(),
                            answer.status(),
                            PeErrorTranslator.unexpectedShape(
                                    request, answer.status(), answer.json(), "the job's name", List.of()));
                }
                return name;
            });
        });
    }

    /** The tasks of an environment ({@code GET /tasks}; {@code production} when none is given). */
    public CompletableFuture<TaskList> tasks(String environment) {
        String env = environment == null || environment.isBlank() ? "production" : environment.trim();
        return get(
                API + "/tasks",
                Map.of("environment", env),
                "list the tasks of environment '" + env + "'",
                json -> {
                    JsonNode items = json.get("items");
                    if (items == null || !items.isArray()) {
                        return null;
                    }
                    List<String> names = new ArrayList<>();
                    items.forEach(item -> {
                        String name = LenientJson.text(item, "name");
                        if (name != null && !name.isBlank()) {
                            names.add(name);
                        }
                    });
                    JsonNode environmentNode = json.get("environment");
                    String name = environmentNode != null && environmentNode.isObject()
                            ? LenientJson.text(environmentNode, "name")
                            : null;
                    return new TaskList(name == null ? env : name, names);
                },
                "a list of tasks");
    }

    /**
     * A task's metadata ({@code GET /tasks/<module>/<task>}; a module's own task is
     * {@code /tasks/<module>/init}).
     */
    public CompletableFuture<TaskMetadata> task(String taskName, String environment) {
        if (taskName == null || !TASK_NAME.matcher(taskName.trim()).matches()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("Task name '" + taskName
                    + "' is not a task name: enter it as module::task, or module for its init task"));
        }
        String name = taskName.trim();
        String[] parts = name.split("::");
        String path = parts.length == 1 ? parts[0] + "/init" : parts[0] + "/" + parts[1];
        String env = environment == null || environment.isBlank() ? "production" : environment.trim();
        return get(
                API + "/tasks/" + path,
                Map.of("environment", env),
                "get task '" + name + "' in environment '" + env + "'",
                json -> LenientJson.text(json, "name") == null ? null : TaskMetadata.from(json),
                "task metadata");
    }

    /** One job ({@code GET /jobs/<name>}). */
    public CompletableFuture<Job> job(String name) {
        return get(
                API + "/jobs/" + jobId(name),
                Map.of(),
                "get job " + name,
                json -> LenientJson.text(json, "state") == null ? null : Job.from(json),
                "a job");
    }

    /** A page of jobs ({@code GET /jobs}), e.g. to find one by its description or userdata. */
    public CompletableFuture<JobList> jobs(JobQuery query) {
        return get(
                API + "/jobs",
                query.toQuery(),
                "list jobs",
                json -> {
                    JsonNode items = json.get("items");
                    if (items == null || !items.isArray()) {
                        return null;
                    }
                    List<Job> jobs = new ArrayList<>();
                    items.forEach(item -> jobs.add(Job.from(item)));
                    return new JobList(jobs, LenientJson.longValue(LenientJson.node(json, "pagination"), "total"));
                },
                "a list of jobs");
    }

    /**
     * All nodes of a job ({@code GET /jobs/<name>/nodes}), page by page on releases that page
     * (2021.5 and later). Older releases answer with every node and ignore the paging parameters
     * (or refuse them: then the nodes are asked for once without), so items are kept once by name
     * and paging stops at a short page or a page with nothing new.
     */
    public CompletableFuture<List<JobNode>> nodes(String name) {
        String id = jobId(name);
        Map<String, JobNode> collected = new LinkedHashMap<>();
        return nodesFrom(id, 0, collected, true).thenApply(done -> List.copyOf(collected.values()));
    }

    private CompletableFuture<Void> nodesFrom(String id, int offset, Map<String, JobNode> into, boolean paged) {
        Map<String, String> query = new LinkedHashMap<>();
        if (paged) {
            query.put("limit", Integer.toString(NODES_PAGE));
            query.put("offset", Integer.toString(offset));
            query.put("order_by", "name");
        }
        return nodesPage(id, query)
                .handle((page, failure) -> {
                    if (failure != null) {
                        Throwable cause = unwrap(failure);
                        if (paged
                                && offset == 0
                                && cause instanceof PeBadRequestException refused
                                && PeErrorKind.of(refused.kind()) == PeErrorKind.VALIDATION_ERROR) {
                            return nodesFrom(id, 0, into, false);
                        }
                        return CompletableFuture.<Void>failedFuture(cause);
                    }
                    int before = into.size();
                    page.forEach(node -> {
                        if (node.name() != null) {
                            into.putIfAbsent(node.name(), node);
                        }
                    });
                    if (!paged || page.size() < NODES_PAGE || into.size() == before) {
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    return nodesFrom(id, offset + NODES_PAGE, into, true);
                })
                .thenCompose(f -> f);
    }

    private CompletableFuture<List<JobNode>> nodesPage(String id, Map<String, String> query) {
        return get(
                API + "/jobs/" + id + "/nodes",
                query,
                "get the nodes of job " + id,
                json -> {
                    JsonNode items = json.get("items");
                    if (items == null || !items.isArray()) {
                        return null;
                    }
                    List<JobNode> nodes = new ArrayList<>();
                    items.forEach(item -> nodes.add(JobNode.from(item)));
                    return nodes;
                },
                "a list of nodes");
    }

    /** Events of a job with ids from {@code start} on ({@code GET /jobs/<name>/events?start=}). */
    public CompletableFuture<List<JobEvent>> events(String name, long start) {
        return get(
                API + "/jobs/" + jobId(name) + "/events",
                Map.of("start", Long.toString(Math.max(0, start))),
                "get the events of job " + name,
                json -> {
                    JsonNode items = json.get("items");
                    if (items == null || !items.isArray()) {
                        return null;
                    }
                    List<JobEvent> events = new ArrayList<>();
                    items.forEach(item -> events.add(JobEvent.from(item)));
                    return events;
                },
                "a list of events");
    }

    /** The per-node summary ({@code GET /jobs/<name>/report}), under {@code items} or the older {@code report}. */
    public CompletableFuture<List<JobReportEntry>> report(String name) {
        return get(
                API + "/jobs/" + jobId(name) + "/report",
                Map.of(),
                "get the report of job " + name,
                json -> {
                    JsonNode items = json.has("items") ? json.get("items") : json.get("report");
                    if (items == null || !items.isArray()) {
                        return null;
                    }
                    List<JobReportEntry> entries = new ArrayList<>();
                    items.forEach(item -> entries.add(JobReportEntry.from(item)));
                    return entries;
                },
                "a job report");
    }

    /**
     * Asks PE to stop a job ({@code POST /command/stop}): nodes not started are not started,
     * running ones finish unless {@code force}. {@code force} is sent only when asked; a PE older
     * than 2021.7 does not know it, and when it refuses the key the job is stopped without it
     * ({@link StopResult#forceRefused()}).
     */
    public CompletableFuture<StopResult> stop(String name, boolean force) {
        String id = jobId(name);
        return stopOnce(id, force)
                .handle((result, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(result);
                    }
                    Throwable cause = unwrap(failure);
                    if (force
                            && cause instanceof PeBadRequestException refused
                            && PeErrorKind.of(refused.kind()) == PeErrorKind.VALIDATION_ERROR) {
                        return stopOnce(id, false).thenApply(unforced -> new StopResult(unforced.nodes(), false, true));
                    }
                    return CompletableFuture.<StopResult>failedFuture(cause);
                })
                .thenCompose(f -> f);
    }

    private CompletableFuture<StopResult> stopOnce(String id, boolean force) {
        ObjectNode body = LenientJson.MAPPER.createObjectNode();
        body.put("job", id);
        if (force) {
            body.put("force", true);
        }
        return session.call(token -> {
            PeRequest request = new PeRequest(
                    PeService.ORCHESTRATOR,
                    "POST",
                    API + "/command/stop",
                    Map.of(),
                    body,
                    token,
                    client.requestTimeout(),
                    PeRequest.Repeat.SAFE,
                    (force ? "force-stop job " : "stop job ") + id,
                    VIEW_PERMISSION,
                    null);
            return transport.exchange(request).thenApply(answer -> {
                Map<String, Long> nodes = new LinkedHashMap<>();
                JsonNode counts = LenientJson.node(LenientJson.node(answer.json(), "job"), "nodes");
                if (counts.isObject()) {
                    counts.fieldNames().forEachRemaining(state -> {
                        Long count = LenientJson.longValue(counts, state);
                        if (count != null) {
                            nodes.put(state, count);
                        }
                    });
                }
                return new StopResult(nodes, force, false);
            });
        });
    }

    private <T> CompletableFuture<T> get(
            String path, Map<String, String> query, String action, Function<JsonNode, T> parse, String expected) {
        return session.call(token -> {
            PeRequest request = new PeRequest(
                    PeService.ORCHESTRATOR,
                    "GET",
                    path,
                    query,
                    null,
                    token,
                    client.requestTimeout(),
                    PeRequest.Repeat.SAFE,
                    action,
                    VIEW_PERMISSION,
                    null);
            return transport.exchange(request).thenApply(answer -> {
                JsonNode json = answer.json();
                T parsed = json.isObject() && !LenientJson.isErrorObject(json) ? parse.apply(json) : null;
                if (parsed == null) {
                    throw PeErrorTranslator.unexpectedShape(request, answer.status(), json, expected, List.of());
                }
                return parsed;
            });
        });
    }

    /** Whether PE's answer is a job name the plugin can follow: a number, as PE's ids are. */
    public static boolean isJobName(String name) {
        return name != null && name.matches("[0-9]{1,19}");
    }

    /** PE job ids are integers; anything else is refused before it reaches PE. */
    private static String jobId(String name) {
        if (!isJobName(name == null ? null : name.trim())) {
            throw new IllegalArgumentException(
                    "Job id '" + name + "' is not a number: use the name returned when the job was started (e.g. 81)");
        }
        return name.trim();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
