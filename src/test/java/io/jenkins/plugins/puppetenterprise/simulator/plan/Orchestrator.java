package io.jenkins.plugins.puppetenterprise.simulator.plan;

import static io.jenkins.plugins.puppetenterprise.simulator.OrchestratorErrors.notPermitted;
import static io.jenkins.plugins.puppetenterprise.simulator.OrchestratorErrors.unknownEnvironment;
import static io.jenkins.plugins.puppetenterprise.simulator.OrchestratorErrors.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.simulator.EndpointHandler;
import io.jenkins.plugins.puppetenterprise.simulator.Inventory;
import io.jenkins.plugins.puppetenterprise.simulator.OrchestratorRequestParts;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeError;
import io.jenkins.plugins.puppetenterprise.simulator.PeService;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatedUser;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatorContext;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatorJson;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatorRequest;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatorResponse;
import io.jenkins.plugins.puppetenterprise.simulator.deploy.CodeManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Orchestrator (pe-api.md section 4): plan metadata, plan runs, plan jobs, their events and
 * stop_plan. Guarded by the simulator's lock.
 */
public final class Orchestrator {
    private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9_]+");
    private static final Set<String> RUN_KEYS =
            Set.of("plan_name", "params", "environment", "description", "timeout", "userdata");
    private static final Set<String> ORDER_BY = Set.of("owner", "timestamp", "environment", "name", "state");
    private static final String SENSITIVE_VALUE = "Sensitive [value redacted]";

    private final SimulatorContext context;
    private final CodeManager codeManager;
    private final Inventory inventory;
    private final Map<String, PlanSpec> plans = new TreeMap<>();
    private final Map<String, Function<Map<String, Object>, PlanJobScript>> scripts = new HashMap<>();
    private final Map<String, Deque<PlanJobScript>> nextScripts = new HashMap<>();
    private final TreeMap<Long, PlanJob> jobs = new TreeMap<>();
    private PlanJobScript defaultScript = PlanJobScript.succeeding(Duration.ofSeconds(1));
    private boolean listIgnoresFinishFilter;
    private boolean listForbidden;
    private UnknownNameBehaviour unknownPlans = UnknownNameBehaviour.IMMEDIATE_ERROR;
    private UnknownNameBehaviour unknownEnvironments = UnknownNameBehaviour.IMMEDIATE_ERROR;
    private boolean stopPlanAvailable = true;
    private String baseUrl = "https://localhost:8143";
    private boolean refusesUserdata;
    private long nextJobId = 1;
    private long nextEventId = 1000;

    public Orchestrator(SimulatorContext context, CodeManager codeManager, Inventory inventory) {
        this.context = context;
        this.codeManager = codeManager;
        this.inventory = inventory;
    }

    /** As releases before 2019.8.5 do: {@code POST /command/plan_run} refuses {@code userdata} (400 naming it). */
    public void refusesUserdata(boolean refuse) {
        this.refusesUserdata = refuse;
    }

    /** As releases before 2021 do: {@code GET /plan_jobs} ignores {@code min/max_finish_timestamp}. */
    public void listIgnoresFinishFilter(boolean ignore) {
        this.listIgnoresFinishFilter = ignore;
    }

    /** {@code GET /plan_jobs} answers 403, as for a user whose role may not view the job list. */
    public void listForbidden(boolean forbidden) {
        this.listForbidden = forbidden;
    }

    public void baseUrl(String url) {
        this.baseUrl = url;
    }

    public void addPlan(PlanSpec plan) {
        plans.put(plan.name(), plan);
    }

    public void script(String planName, Function<Map<String, Object>, PlanJobScript> script) {
        scripts.put(planName, script);
    }

    public void scriptNext(String planName, PlanJobScript script) {
        nextScripts.computeIfAbsent(planName, n -> new ArrayDeque<>()).addLast(script);
    }

    public void defaultScript(PlanJobScript script) {
        this.defaultScript = script;
    }

    public void unknownPlans(UnknownNameBehaviour behaviour) {
        this.unknownPlans = behaviour;
    }

    public void unknownEnvironments(UnknownNameBehaviour behaviour) {
        this.unknownEnvironments = behaviour;
    }

    public void stopPlanAvailable(boolean available) {
        this.stopPlanAvailable = available;
    }

    public boolean routeEnabled(PeEndpoint endpoint) {
        return endpoint != PeEndpoint.STOP_PLAN || stopPlanAvailable;
    }

    public List<PlanJob> jobs() {
        return List.copyOf(jobs.values());
    }

    public PlanJob job(String name) {
        try {
            return jobs.get(Long.parseLong(name));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public Map<PeEndpoint, EndpointHandler> handlers() {
        Map<PeEndpoint, EndpointHandler> handlers = new LinkedHashMap<>();
        handlers.put(PeEndpoint.PLANS, this::listPlans);
        handlers.put(PeEndpoint.PLAN, this::showPlan);
        handlers.put(PeEndpoint.PLAN_RUN, (request, caller) -> runPlan(request, caller, false));
        handlers.put(PeEndpoint.ENVIRONMENT_PLAN_RUN, (request, caller) -> runPlan(request, caller, true));
        handlers.put(PeEndpoint.STOP_PLAN, this::stopPlan);
        handlers.put(PeEndpoint.PLAN_JOBS, this::listJobs);
        handlers.put(PeEndpoint.PLAN_JOB, (request, caller) -> showJob(request));
        handlers.put(PeEndpoint.PLAN_JOB_EVENTS, (request, caller) -> events(request));
        handlers.put(PeEndpoint.PLAN_JOB_EVENT, (request, caller) -> event(request));
        return handlers;
    }

    /**
     * The Sensitive parameters of the plan a run request names, for the journal to hide whether or
     * not the request gets as far as the handler.
     */
    public List<String> sensitiveParameters(SimulatorRequest request) {
        if (request.endpoint() != PeEndpoint.PLAN_RUN && request.endpoint() != PeEndpoint.ENVIRONMENT_PLAN_RUN) {
            return List.of();
        }
        return SimulatorJson.textMember(request.body(), "plan_name")
                .map(plans::get)
                .map(plan -> plan.parameters().entrySet().stream()
                        .filter(e -> e.getValue().sensitive())
                        .map(Map.Entry::getKey)
                        .toList())
                .orElse(List.of());
    }

    // --- plan metadata ---

    private String environmentParameter(SimulatorRequest request) {
        String environment = request.query("environment").orElse("production");
        if (!ENVIRONMENT.matcher(environment).matches()) {
            throw validation("Illegal environment name '" + environment + "'");
        }
        if (!codeManager.isKnown(environment)) {
            throw unknownEnvironment(environment);
        }
        return environment;
    }

    private SimulatorResponse listPlans(SimulatorRequest request, SimulatedUser caller) {
        String environment = environmentParameter(request);
        List<Map<String, Object>> items = new ArrayList<>();
        for (PlanSpec plan : plans.values()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", planUrl(plan));
            item.put("name", plan.name());
            item.put("permitted", caller.permissions().mayRunPlan(plan.name()));
            items.add(item);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("environment", environmentJson(environment));
        answer.put("items", items);
        return SimulatorResponse.json(200, answer);
    }

    private SimulatorResponse showPlan(SimulatorRequest request, SimulatedUser caller) {
        String environment = environmentParameter(request);
        String name = PlanSpec.nameFromPath(request.pathParameter(0), request.pathParameter(1));
        PlanSpec plan = plans.get(name);
        if (plan == null) {
            throw unknownPlan(name, environment);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", planUrl(plan));
        answer.put("name", plan.name());
        answer.put("environment", environmentJson(environment));
        answer.put("permitted", caller.permissions().mayRunPlan(plan.name()));
        answer.put("metadata", plan.metadata());
        return SimulatorResponse.json(200, answer);
    }

    private String planUrl(PlanSpec plan) {
        return baseUrl + "/orchestrator/v1/plans/" + plan.path();
    }

    private static Map<String, Object> environmentJson(String environment) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", environment);
        json.put("code_id", null);
        return json;
    }

    // --- plan runs ---

    private SimulatorResponse runPlan(SimulatorRequest request, SimulatedUser caller, boolean wrappedParameters) {
        JsonNode body = OrchestratorRequestParts.object(request);
        JsonNode planNameNode = body.get("plan_name");
        PlanSpec plan = planNameNode != null && planNameNode.isTextual() ? plans.get(planNameNode.textValue()) : null;
        for (Iterator<String> keys = body.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!RUN_KEYS.contains(key) || (key.equals("userdata") && refusesUserdata)) {
                throw validation("Unknown key '" + key + "' in the request body; allowed keys are " + RUN_KEYS);
            }
        }
        if (planNameNode == null
                || !planNameNode.isTextual()
                || !PlanSpec.NAME.matcher(planNameNode.textValue()).matches()) {
            throw validation("plan_name is required: a plan name such as \"mymodule::deploy\" or \"mymodule\"");
        }
        String planName = planNameNode.textValue();
        String environment = optionalText(body, "environment", "production");
        if (!ENVIRONMENT.matcher(environment).matches()) {
            throw validation("Illegal environment name '" + environment + "'");
        }
        String description = optionalText(body, "description", null);
        JsonNode params = body.has("params") ? body.get("params") : SimulatorJson.object();
        if (!params.isObject()) {
            throw validation("params must be a JSON object of parameter names to values");
        }
        JsonNode timeout = body.get("timeout");
        if (timeout != null && !(timeout.canConvertToLong() && timeout.isIntegralNumber() && timeout.longValue() > 0)) {
            throw validation("timeout must be a positive integer number of seconds");
        }
        JsonNode userdataNode = body.get("userdata");
        if (userdataNode != null && !userdataNode.isObject()) {
            throw validation("userdata must be a JSON object");
        }

        Object failure = null;
        if (!codeManager.isKnown(environment)) {
            if (unknownEnvironments == UnknownNameBehaviour.IMMEDIATE_ERROR) {
                throw unknownEnvironment(environment);
            }
            failure = unknownEnvironment(environment).body();
        } else if (plan == null) {
            if (unknownPlans == UnknownNameBehaviour.IMMEDIATE_ERROR) {
                throw unknownPlan(planName, environment);
            }
            failure = unknownPlan(planName, environment).body();
        }
        if (!caller.permissions().mayRunPlan(planName)) {
            throw notPermitted(
                    "User " + caller.login() + " does not have permission to run plan " + planName,
                    Map.of("plan_name", planName));
        }
        Map<String, Object> values = wrappedParameters ? unwrap(params, caller) : SimulatorJson.toMap(params);
        if (failure == null) {
            failure = parameterMismatch(plan, values);
        }

        Instant now = context.clock().instant();
        PlanJobScript script = failure == null
                ? scriptFor(planName, values)
                : PlanJobScript.failing(Duration.ZERO).withResult(failure);
        Map<String, Object> userdata =
                new LinkedHashMap<>(userdataNode == null ? Map.of() : SimulatorJson.toMap(userdataNode));
        userdata.putAll(script.userdata());
        List<String> sensitive = plan == null
                ? List.of()
                : plan.parameters().entrySet().stream()
                        .filter(e -> e.getValue().sensitive())
                        .map(Map.Entry::getKey)
                        .toList();
        Map<String, Object> displayed = new LinkedHashMap<>(values);
        sensitive.forEach(name -> displayed.computeIfPresent(name, (k, v) -> SENSITIVE_VALUE));

        Instant start = now.plus(script.pendingFor());
        Instant syncEnd = codeManager.syncingUntil(now).orElse(start);
        if (syncEnd.isAfter(start)) {
            start = syncEnd;
        }
        long id = nextJobId++;
        PlanJob job = new PlanJob(
                id,
                planName,
                environment,
                description,
                displayed,
                sensitive,
                userdata,
                caller,
                now,
                start,
                script,
                nextEventId);
        nextEventId += PlanJob.eventIdsNeeded(script) + 7;
        if (timeout != null) {
            job.interrupt(
                    start.plusSeconds(timeout.longValue()),
                    error("plan-timeout", "Plan job " + id + " reached its timeout of " + timeout.longValue() + " s"));
        }
        jobs.put(id, job);
        return SimulatorResponse.json(202, Map.of("name", job.name()));
    }

    private PlanJobScript scriptFor(String planName, Map<String, Object> values) {
        Deque<PlanJobScript> queued = nextScripts.get(planName);
        if (queued != null && !queued.isEmpty()) {
            return queued.removeFirst();
        }
        Function<Map<String, Object>, PlanJobScript> script = scripts.get(planName);
        return script != null ? script.apply(values) : defaultScript;
    }

    /** What the plan executor would fail the job with for these parameters, or null. */
    private static Object parameterMismatch(PlanSpec plan, Map<String, Object> values) {
        for (String given : values.keySet()) {
            if (!plan.parameters().containsKey(given)) {
                return bolt("bolt/pal-error", plan.name() + ": has no parameter named '" + given + "'");
            }
        }
        for (Map.Entry<String, PlanParameter> declared : plan.parameters().entrySet()) {
            if (declared.getValue().required() && values.get(declared.getKey()) == null) {
                return bolt(
                        "bolt/pal-error", plan.name() + ": expects a value for parameter '" + declared.getKey() + "'");
            }
        }
        return null;
    }

    private static Map<String, Object> bolt(String kind, String msg) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("kind", kind);
        error.put("msg", msg);
        error.put("details", Map.of());
        return error;
    }

    private Map<String, Object> unwrap(JsonNode params, SimulatedUser caller) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : params.properties()) {
            String name = entry.getKey();
            JsonNode wrapper = entry.getValue();
            if (!wrapper.isObject() || !wrapper.has("value")) {
                throw validation("Parameter '" + name + "' must be an object with a \"value\" key"
                        + " (and optionally \"type\": \"query\" or \"node_group\")");
            }
            for (Iterator<String> keys = wrapper.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!key.equals("value") && !key.equals("type")) {
                    throw validation("Parameter '" + name + "' has an unknown key '" + key + "'");
                }
            }
            JsonNode value = wrapper.get("value");
            JsonNode type = wrapper.get("type");
            if (type == null || type.isNull()) {
                values.put(name, SimulatorJson.MAPPER.convertValue(value, Object.class));
            } else if (type.isTextual() && type.textValue().equals("query")) {
                values.put(name, runQuery(name, value, caller));
            } else if (type.isTextual() && type.textValue().equals("node_group")) {
                values.put(name, nodeGroup(name, value));
            } else {
                throw validation("Parameter '" + name + "' has type " + type + "; the type must be \"query\" or"
                        + " \"node_group\", or be left out for a plain value");
            }
        }
        return values;
    }

    private List<String> runQuery(String name, JsonNode query, SimulatedUser caller) {
        if (!query.isTextual()) {
            throw validation("Parameter '" + name + "' of type query needs a PQL query string as value");
        }
        if (!caller.permissions().queryPuppetDb()) {
            throw PeError.of(
                    PeService.ORCHESTRATOR,
                    400,
                    "query-error",
                    "User " + caller.login() + " does not have permission to run PuppetDB queries");
        }
        return inventory
                .query(query.textValue())
                .orElseThrow(() -> PeError.of(
                        PeService.ORCHESTRATOR,
                        400,
                        "query-error",
                        "Error executing query '" + query.textValue() + "' for parameter '" + name + "'",
                        Map.of("query", query.textValue())));
    }

    private List<String> nodeGroup(String name, JsonNode id) {
        if (!id.isTextual()) {
            throw validation("Parameter '" + name + "' of type node_group needs a node group id as value");
        }
        return inventory
                .nodeGroup(id.textValue())
                .orElseThrow(
                        () -> validation("Parameter '" + name + "': no node group with id '" + id.textValue() + "'"));
    }

    // --- stop ---

    private SimulatorResponse stopPlan(SimulatorRequest request, SimulatedUser caller) {
        JsonNode body = OrchestratorRequestParts.json(request);
        JsonNode planJob = body.isObject() ? body.get("plan_job") : null;
        if (planJob == null || !(planJob.isTextual() || planJob.isIntegralNumber())) {
            throw validation("plan_job is required: the plan job id, e.g. {\"plan_job\": \"1234\"}");
        }
        PlanJob job = requireJob(planJob.asText());
        if (job.owner() != caller && !caller.permissions().mayRunPlan(job.planName())) {
            throw notPermitted("User " + caller.login() + " may not stop plan job " + job.name());
        }
        job.interrupt(
                context.clock().instant(),
                error("plan-stopped", "Plan job " + job.name() + " was stopped by " + caller.login()));
        return SimulatorResponse.json(202, Map.of("name", job.name()));
    }

    private static Map<String, Object> error(String shortKind, String msg) {
        return bolt(PeService.ORCHESTRATOR.kindNamespace() + "/" + shortKind, msg);
    }

    // --- plan jobs ---

    private SimulatorResponse listJobs(SimulatorRequest request, SimulatedUser caller) {
        if (listForbidden) {
            throw notPermitted("User " + caller.login() + " does not have permission to list plan jobs");
        }
        Instant now = context.clock().instant();
        int limit = OrchestratorRequestParts.nonNegativeInt(request, "limit", Integer.MAX_VALUE);
        int offset = OrchestratorRequestParts.nonNegativeInt(request, "offset", 0);
        String orderBy = OrchestratorRequestParts.orderBy(request, ORDER_BY);
        String order = OrchestratorRequestParts.order(request);
        String results = request.query("results").orElse("include");
        if (!results.equals("include") && !results.equals("exclude")) {
            throw validation("results must be include or exclude");
        }
        Instant minFinish =
                listIgnoresFinishFilter ? null : OrchestratorRequestParts.timestamp(request, "min_finish_timestamp");
        Instant maxFinish =
                listIgnoresFinishFilter ? null : OrchestratorRequestParts.timestamp(request, "max_finish_timestamp");

        List<PlanJob> selected = new ArrayList<>();
        for (PlanJob job : jobs.values()) {
            if (minFinish != null || maxFinish != null) {
                if (!job.finishedAt(now)
                        || (minFinish != null && job.finish().isBefore(minFinish))
                        || (maxFinish != null && job.finish().isAfter(maxFinish))) {
                    continue;
                }
            }
            selected.add(job);
        }
        Comparator<PlanJob> comparator =
                switch (orderBy == null ? "name" : orderBy) {
                    case "owner" -> Comparator.comparing(j -> j.owner().login());
                    case "timestamp" -> Comparator.comparing(j -> j.lastChange(now));
                    case "environment" -> Comparator.comparing(PlanJob::environment);
                    case "state" -> Comparator.comparing(j -> j.state(now));
                    default -> Comparator.comparingLong(PlanJob::id);
                };
        comparator = comparator.thenComparingLong(PlanJob::id);
        // Without order_by, older releases sort by name, newest first.
        if (orderBy == null || order.equals("desc")) {
            comparator = comparator.reversed();
        }
        selected.sort(comparator);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = offset; i < selected.size() && items.size() < limit; i++) {
            PlanJob job = selected.get(i);
            job.seenAt(now);
            items.add(job.listItem(now, baseUrl, results.equals("include")));
        }
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("limit", limit == Integer.MAX_VALUE ? null : limit);
        pagination.put("offset", offset);
        pagination.put("total", selected.size());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", items);
        answer.put("pagination", pagination);
        return SimulatorResponse.json(200, answer);
    }

    private SimulatorResponse showJob(SimulatorRequest request) {
        PlanJob job = requireJob(request.pathParameter(0));
        Instant now = context.clock().instant();
        job.seenAt(now);
        return SimulatorResponse.json(200, job.detail(now, baseUrl));
    }

    private SimulatorResponse events(SimulatorRequest request) {
        PlanJob job = requireJob(request.pathParameter(0));
        long start = OrchestratorRequestParts.eventStart(request);
        Instant now = context.clock().instant();
        List<Map<String, Object>> items = new ArrayList<>();
        long next = start;
        for (PlanJob.Event event : job.events(now)) {
            if (event.id() >= start) {
                items.add(PlanJob.eventJson(event, true));
                next = event.id() + 1;
            }
        }
        Map<String, Object> nextEvents = new LinkedHashMap<>();
        nextEvents.put("id", baseUrl + "/orchestrator/v1/plan_jobs/" + job.name() + "/events?start=" + next);
        nextEvents.put("event", Long.toString(next));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("next-events", nextEvents);
        answer.put("items", items);
        return SimulatorResponse.json(200, answer);
    }

    private SimulatorResponse event(SimulatorRequest request) {
        PlanJob job = requireJob(request.pathParameter(0));
        long id = OrchestratorRequestParts.id(request.pathParameter(1), "event id");
        return job.events(context.clock().instant()).stream()
                .filter(e -> e.id() == id)
                .findFirst()
                .map(e -> SimulatorResponse.json(200, PlanJob.eventJson(e, false)))
                .orElseThrow(() -> PeError.of(
                        PeService.ORCHESTRATOR,
                        404,
                        "mismatched-job-event-id",
                        "Event " + id + " is not an event of plan job " + job.name()));
    }

    private PlanJob requireJob(String name) {
        long id = OrchestratorRequestParts.id(name, "plan job id");
        PlanJob job = jobs.get(id);
        if (job == null) {
            throw PeError.of(PeService.ORCHESTRATOR, 404, "unknown-job", "No plan job found for id " + id);
        }
        return job;
    }

    // --- helpers ---

    private static String optionalText(JsonNode body, String key, String defaultValue) {
        JsonNode value = body.get(key);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isTextual()) {
            throw validation(key + " must be a string");
        }
        return value.textValue();
    }

    private static PeError unknownPlan(String plan, String environment) {
        return PeError.of(
                PeService.ORCHESTRATOR,
                404,
                "unknown-plan",
                "Could not find plan " + plan + " in environment " + environment,
                Map.of("plan_name", plan, "environment", environment));
    }
}
