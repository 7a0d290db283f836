package io.jenkins.plugins.puppetenterprise.client.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.puppetenterprise.client.BodyExcerpt;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import io.jenkins.plugins.puppetenterprise.client.PeApiException;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeErrorKind;
import io.jenkins.plugins.puppetenterprise.client.PeErrorTranslator;
import io.jenkins.plugins.puppetenterprise.client.PeHttpTransport;
import io.jenkins.plugins.puppetenterprise.client.PeNotFoundException;
import io.jenkins.plugins.puppetenterprise.client.PeRequest;
import io.jenkins.plugins.puppetenterprise.client.PeService;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.PeUnknownOutcomeException;
import io.jenkins.plugins.puppetenterprise.client.PeUnsupportedException;
import io.jenkins.plugins.puppetenterprise.client.RetryPolicy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Orchestrator plan calls (pe-api.md section 4). {@link #runPlan} is sent exactly once, never
 * repeated (a plan may not be idempotent): when its outcome is unknown it fails with
 * {@link PeUnknownOutcomeException} saying where to look. Reads and {@code stop_plan} (documented
 * idempotent) are repeated on transient failures.
 */
public final class OrchestratorClient {
    private static final String API = "/orchestrator/v1";
    private static final String VIEW_PERMISSION =
            "Job orchestrator » Start, stop and view jobs (or Plans » Run plans for that plan)";

    private final PeClient client;
    private final PeSession session;
    private final PeHttpTransport transport;

    public OrchestratorClient(PeClient client, PeSession session) {
        this(client, session, client.transport());
    }

    private OrchestratorClient(PeClient client, PeSession session, PeHttpTransport transport) {
        this.client = client;
        this.session = session;
        this.transport = transport;
    }

    /**
     * The same calls, each sent once: for callers that repeat on their own schedule, such as a
     * watch that polls again later anyway. Without the client's retries a PE outage shows at the
     * first failed request instead of after several attempts per caller.
     */
    public OrchestratorClient withoutRetries() {
        return new OrchestratorClient(client, session, transport.withRetryPolicy(RetryPolicy.NONE));
    }

    /**
     * Starts a plan ({@code POST /command/plan_run}, or {@code /command/environment_plan_run}
     * when a parameter is a query or node group) and gives the plan job's name (its id).
     */
    public CompletableFuture<String> runPlan(PlanRunRequest run) {
        boolean environmentRun = run.needsEnvironmentPlanRun();
        String path = API + (environmentRun ? "/command/environment_plan_run" : "/command/plan_run");
        String permission = "Plans » Run plans for '" + run.planName() + "' (or all plans), with permission on its"
                + " target nodes"
                + (environmentRun ? "; query parameters also need Nodes » View node data from PuppetDB" : "");
        StringBuilder howToCheck = new StringBuilder("the plan jobs list in the PE console (Orchestration » Jobs »"
                + " Plan jobs) or GET /orchestrator/v1/plan_jobs?order_by=timestamp&order=desc on port 8143, for a"
                + " job of plan '" + run.planName() + "'");
        if (run.description() != null && !run.description().isBlank()) {
            howToCheck
                    .append(" with the description \"")
                    .append(run.description())
                    .append('"');
        }
        if (run.userdata() != null
                && run.userdata().isObject()
                && !run.userdata().isEmpty()) {
            howToCheck
                    .append(" and userdata ")
                    .append(BodyExcerpt.of(run.userdata().toString(), List.of()));
        }
        howToCheck.append(". Start it again only if no such job exists.");
        return session.call(PeRequest.Repeat.NEVER, token -> {
            PeRequest request = new PeRequest(
                    PeService.ORCHESTRATOR,
                    "POST",
                    path,
                    Map.of(),
                    run.toJson(),
                    token,
                    client.requestTimeout(),
                    PeRequest.Repeat.NEVER,
                    "run plan '" + run.planName() + "'",
                    permission,
                    howToCheck.toString());
            return transport.exchange(request).thenApply(answer -> {
                String name = LenientJson.text(answer.json(), "name");
                if (name == null || LenientJson.isErrorObject(answer.json())) {
                    throw PeErrorTranslator.unreadableAcceptance(
                            request,
                            client.urls(),
                            answer.status(),
                            PeErrorTranslator.unexpectedShape(
                                    request, answer.status(), answer.json(), "the plan job's name", List.of()));
                }
                return name;
            });
        });
    }

    /** One plan job ({@code GET /plan_jobs/<name>}). */
    public CompletableFuture<PlanJob> planJob(String name) {
        return get(
                API + "/plan_jobs/" + jobId(name),
                Map.of(),
                "get plan job " + name,
                json -> {
                    if (LenientJson.text(json, "state") == null) {
                        return null;
                    }
                    return PlanJob.from(json);
                },
                "a plan job");
    }

    /** A page of plan jobs ({@code GET /plan_jobs}), e.g. to find a job by its description or userdata. */
    public CompletableFuture<PlanJobList> planJobs(PlanJobQuery query) {
        return get(
                API + "/plan_jobs",
                query.toQuery(),
                "list plan jobs",
                json -> {
                    JsonNode items = json.get("items");
                    if (items == null || !items.isArray()) {
                        return null;
                    }
                    List<PlanJob> jobs = new ArrayList<>();
                    items.forEach(item -> jobs.add(PlanJob.from(item)));
                    JsonNode pagination = LenientJson.node(json, "pagination");
                    return new PlanJobList(
                            jobs,
                            LenientJson.longValue(pagination, "total"),
                            LenientJson.longValue(pagination, "limit"),
                            LenientJson.longValue(pagination, "offset"));
                },
                "a list of plan jobs");
    }

    /** Events of a plan job with ids from {@code start} on ({@code GET /plan_jobs/<name>/events?start=}). */
    public CompletableFuture<PlanEvents> planEvents(String name, long start) {
        return get(
                API + "/plan_jobs/" + jobId(name) + "/events",
                Map.of("start", Long.toString(Math.max(0, start))),
                "get the events of plan job " + name,
                json -> {
                    JsonNode items = json.get("items");
                    if (items == null || !items.isArray()) {
                        return null;
                    }
                    List<PlanEvent> events = new ArrayList<>();
                    items.forEach(item -> events.add(PlanEvent.from(item)));
                    return new PlanEvents(events, LenientJson.text(LenientJson.node(json, "next-events"), "event"));
                },
                "a list of events");
    }

    /** One event with untruncated details ({@code GET /plan_jobs/<name>/event/<id>}). */
    public CompletableFuture<PlanEvent> planEvent(String name, String eventId) {
        return get(
                API + "/plan_jobs/" + jobId(name) + "/event/" + jobId(eventId),
                Map.of(),
                "get event " + eventId + " of plan job " + name,
                json -> LenientJson.text(json, "type") == null ? null : PlanEvent.from(json),
                "an event");
    }

    /**
     * Asks PE to stop a plan job ({@code POST /command/stop_plan}, PE 2021.7.1 or later). Actions
     * already running on nodes finish; the plan then usually ends in {@code failure}. On older PE
     * the route is missing and this fails with {@link PeUnsupportedException}.
     */
    public CompletableFuture<Void> stopPlan(String name) {
        String id = jobId(name);
        ObjectNode body = LenientJson.MAPPER.createObjectNode();
        body.put("plan_job", id);
        return session.call(token -> {
            PeRequest request = new PeRequest(
                    PeService.ORCHESTRATOR,
                    "POST",
                    API + "/command/stop_plan",
                    Map.of(),
                    body,
                    token,
                    client.requestTimeout(),
                    PeRequest.Repeat.SAFE,
                    "stop plan job " + name,
                    "Plans » Run plans for that plan, or Job orchestrator » Start, stop and view jobs",
                    null);
            return transport.exchange(request).handle((answer, failure) -> {
                if (failure == null && LenientJson.isErrorObject(answer.json())) {
                    // a 2xx carrying PE's error object (a token error a proxy passes on as 200) is an error
                    throw PeErrorTranslator.unexpectedShape(
                            request, answer.status(), answer.json(), "the stopped plan job", List.of());
                }
                if (failure == null) {
                    return (Void) null;
                }
                Throwable cause = failure.getCause() != null && !(failure instanceof PeApiException)
                        ? failure.getCause()
                        : failure;
                if (cause instanceof PeNotFoundException notFound
                        && PeErrorKind.of(notFound.kind()) != PeErrorKind.UNKNOWN_JOB) {
                    throw new PeUnsupportedException(
                            "Could not stop plan job " + name + ": this PE is too old to stop plans (needs 2021.7.1);"
                                    + " the plan keeps running until it ends or reaches its timeout. Stop it in the PE"
                                    + " console if needed.",
                            notFound.status(),
                            notFound.kind(),
                            notFound.peMessage(),
                            notFound.details(),
                            "Upgrade PE to 2021.7.1 or later to stop plans from Jenkins.",
                            notFound);
                }
                throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
            });
        });
    }

    /** The plans of an environment and whether the user may run each ({@code GET /plans}). */
    public CompletableFuture<PlanList> plans(String environment) {
        String env = environmentOrDefault(environment);
        return get(
                API + "/plans",
                Map.of("environment", env),
                "list the plans of environment '" + env + "'",
                json -> {
                    JsonNode items = json.get("items");
                    if (items == null || !items.isArray()) {
                        return null;
                    }
                    List<PlanSummary> plans = new ArrayList<>();
                    items.forEach(item -> plans.add(new PlanSummary(
                            LenientJson.text(item, "name"),
                            LenientJson.bool(item, "permitted"),
                            metadataPath(LenientJson.text(item, "id")))));
                    JsonNode environmentNode = json.get("environment");
                    String name = environmentNode != null && environmentNode.isObject()
                            ? LenientJson.text(environmentNode, "name")
                            : env;
                    return new PlanList(name == null ? env : name, plans);
                },
                "a list of plans");
    }

    /**
     * A plan's metadata ({@code GET /plans/<module>/<name>}). {@code module::name} is fetched
     * directly; a module's init plan ({@code module}) and deeper names ({@code a::b::c}) take the
     * path from the matching item of {@code GET /plans}.
     */
    public CompletableFuture<PlanMetadata> plan(String planName, String environment) {
        if (planName == null || planName.isBlank()) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("Plan name is empty: enter it as module::plan"));
        }
        String name = planName.trim();
        String env = environmentOrDefault(environment);
        String[] parts = name.split("::", -1);
        if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
            return planAt(PeRequest.segment(parts[0]) + "/" + PeRequest.segment(parts[1]), name, env);
        }
        return plans(env).thenCompose(list -> {
            String path = list.items().stream()
                    .filter(item -> name.equals(item.name()) && item.metadataPath() != null)
                    .map(PlanSummary::metadataPath)
                    .findFirst()
                    .orElse(parts.length == 1 ? PeRequest.segment(name) + "/init" : null);
            if (path == null) {
                return CompletableFuture.failedFuture(new PeNotFoundException(
                        "Could not get plan '" + name + "': " + PeErrorKind.UNKNOWN_PLAN.meaning()
                                + " (it is not in the plan list of environment '" + env + "'). Fix: "
                                + PeErrorKind.UNKNOWN_PLAN.fix(),
                        404,
                        "puppetlabs.orchestrator/unknown-plan",
                        null,
                        null,
                        PeErrorKind.UNKNOWN_PLAN.fix()));
            }
            return planAt(path, name, env);
        });
    }

    private CompletableFuture<PlanMetadata> planAt(String path, String name, String env) {
        return get(
                API + "/plans/" + path,
                Map.of("environment", env),
                "get plan '" + name + "' in environment '" + env + "'",
                json -> LenientJson.text(json, "name") == null ? null : PlanMetadata.from(json),
                "plan metadata");
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

    /** The path below {@code /orchestrator/v1/plans/} of a plan item's {@code id} URL, or null. */
    public static String metadataPath(String id) {
        if (id == null) {
            return null;
        }
        String marker = API + "/plans/";
        try {
            String path = URI.create(id).getRawPath();
            int at = path == null ? -1 : path.indexOf(marker);
            return at < 0 || path.length() == at + marker.length() ? null : path.substring(at + marker.length());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String environmentOrDefault(String environment) {
        return environment == null || environment.isBlank() ? "production" : environment.trim();
    }

    /** PE job and event ids are integers; anything else is refused before it reaches PE. */
    private static String jobId(String name) {
        if (name == null || !name.trim().matches("[0-9]{1,19}")) {
            throw new IllegalArgumentException("Plan job id '" + name
                    + "' is not a number: use the name returned when the plan was started (e.g. 1234)");
        }
        return name.trim();
    }
}
