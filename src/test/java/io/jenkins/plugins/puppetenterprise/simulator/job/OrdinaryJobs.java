package io.jenkins.plugins.puppetenterprise.simulator.job;

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
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Orchestrator Puppet runs and tasks (pe-api-jobs.md 4.9): {@code /command/deploy},
 * {@code /command/task}, task metadata, {@code /jobs} and its node, report and event views, and
 * {@code /command/stop}. Guarded by the simulator's lock.
 */
public final class OrdinaryJobs {
    private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9_]*");
    private static final Set<String> DEPLOY_KEYS = Set.of(
            "environment",
            "scope",
            "concurrency",
            "noop",
            "no_noop",
            "enforce_environment",
            "debug",
            "trace",
            "evaltrace",
            "filetimeout",
            "http_connect_timeout",
            "http_keepalive_timeout",
            "http_read_timeout",
            "ordering",
            "skip_tags",
            "tags",
            "use_cached_catalog",
            "usecacheonfailure",
            "description",
            "userdata",
            "timeout");
    private static final Set<String> DEPLOY_BOOLEANS = Set.of(
            "noop",
            "no_noop",
            "enforce_environment",
            "debug",
            "trace",
            "evaltrace",
            "use_cached_catalog",
            "usecacheonfailure");
    private static final Set<String> DEPLOY_INTEGERS = Set.of(
            "concurrency",
            "filetimeout",
            "http_connect_timeout",
            "http_keepalive_timeout",
            "http_read_timeout",
            "timeout");
    private static final Set<String> DEPLOY_STRINGS = Set.of("ordering", "skip_tags", "tags", "description");
    private static final Set<String> TASK_KEYS =
            Set.of("task", "params", "scope", "environment", "targets", "description", "noop", "timeout", "userdata");
    private static final Set<String> ORDER_BY = Set.of("owner", "timestamp", "environment", "name", "state");
    private static final Set<String> NODE_ORDER_BY =
            Set.of("name", "duration", "state", "start_timestamp", "finish_timestamp");
    private static final Set<String> NODE_STATES =
            Set.of("new", "ready", "running", "stopping", "stopped", "finished", "failed");
    private static final String SENSITIVE_VALUE = "Sensitive [value redacted]";

    private final SimulatorContext context;
    private final CodeManager codeManager;
    private final Inventory inventory;
    private final Map<String, TaskSpec> tasks = new TreeMap<>();
    private final TreeMap<Long, OrdinaryJob> jobs = new TreeMap<>();
    private final Deque<JobScript> nextScripts = new ArrayDeque<>();
    private final Map<String, Supplier<JobScript>> puppetRunScripts = new HashMap<>();
    private final Set<String> mayNotRunPuppet = new HashSet<>();
    private final Map<String, Set<String>> taskGrants = new HashMap<>();
    private final Set<String> emptyEnvironments = new HashSet<>();
    private JobScript defaultScript = JobScript.allFinishing(java.time.Duration.ofSeconds(1));
    private JobApiRelease release = JobApiRelease.CURRENT;
    private boolean listForbidden;
    private boolean puppetDbDown;
    private boolean legacyReportKey;
    private String baseUrl = "https://localhost:8143";
    private String consoleBase = "https://localhost";
    private long nextJobId;
    private long nextEventId;

    /**
     * @param firstJobId ordinary jobs share their numbering with plan-started jobs in PE; the
     *     simulator starts them far from plan job ids so that a mix-up of the two shows
     */
    public OrdinaryJobs(SimulatorContext context, CodeManager codeManager, Inventory inventory, long firstJobId) {
        this.context = context;
        this.codeManager = codeManager;
        this.inventory = inventory;
        this.nextJobId = firstJobId;
        this.nextEventId = firstJobId * 10;
    }

    public void urls(String orchestrator, String console) {
        this.baseUrl = orchestrator;
        this.consoleBase = console;
    }

    public void addTask(TaskSpec task) {
        tasks.put(task.name(), task);
    }

    public void script(JobScript script) {
        this.defaultScript = script;
    }

    public void scriptNext(JobScript script) {
        nextScripts.addLast(script);
    }

    public void scriptPuppetRuns(String environment, Supplier<JobScript> perRun) {
        puppetRunScripts.put(environment, perRun);
    }

    public void release(JobApiRelease release) {
        this.release = release;
    }

    /** {@code GET /jobs} answers 403, as for a user whose role may not view the job list. */
    public void listForbidden(boolean forbidden) {
        this.listForbidden = forbidden;
    }

    public void denyPuppetRuns(String login) {
        mayNotRunPuppet.add(login);
    }

    public void grantTasks(String login, Set<String> names) {
        taskGrants.put(login, Set.copyOf(names));
    }

    public void emptyEnvironment(String name) {
        emptyEnvironments.add(name);
    }

    public void puppetDbDown(boolean down) {
        this.puppetDbDown = down;
    }

    public void legacyReportKey(boolean legacy) {
        this.legacyReportKey = legacy;
    }

    public OrdinaryJob job(String name) {
        try {
            return jobs.get(Long.parseLong(name));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public int jobCount() {
        return jobs.size();
    }

    /** Every job, oldest first. */
    public Collection<OrdinaryJob> jobs() {
        return jobs.values();
    }

    public Map<PeEndpoint, EndpointHandler> handlers() {
        Map<PeEndpoint, EndpointHandler> handlers = new LinkedHashMap<>();
        handlers.put(PeEndpoint.DEPLOY_COMMAND, this::deploy);
        handlers.put(PeEndpoint.TASK_COMMAND, this::task);
        handlers.put(PeEndpoint.STOP_JOB, this::stop);
        handlers.put(PeEndpoint.TASKS, (request, caller) -> listTasks(request));
        handlers.put(PeEndpoint.TASK, (request, caller) -> showTask(request));
        handlers.put(PeEndpoint.JOBS, this::listJobs);
        handlers.put(PeEndpoint.JOB, (request, caller) -> showJob(request));
        handlers.put(PeEndpoint.JOB_NODES, (request, caller) -> nodes(request));
        handlers.put(PeEndpoint.JOB_REPORT, (request, caller) -> report(request));
        handlers.put(PeEndpoint.JOB_EVENTS, (request, caller) -> events(request));
        return handlers;
    }

    /**
     * The Sensitive parameters of the task a task command names, for the journal to hide whether or
     * not the request gets as far as the handler.
     */
    public List<String> sensitiveParameters(SimulatorRequest request) {
        if (request.endpoint() != PeEndpoint.TASK_COMMAND) {
            return List.of();
        }
        return SimulatorJson.textMember(request.body(), "task")
                .map(tasks::get)
                .map(task -> task.parameters().entrySet().stream()
                        .filter(e -> e.getValue().hidden())
                        .map(Map.Entry::getKey)
                        .toList())
                .orElse(List.of());
    }

    // --- task metadata ---

    private String environmentParameter(SimulatorRequest request) {
        String environment = request.query("environment").orElse("production");
        if (environment.isEmpty() || !ENVIRONMENT.matcher(environment).matches()) {
            throw validation("Illegal environment name '" + environment + "'");
        }
        if (!codeManager.isKnown(environment)) {
            throw unknownEnvironment(environment);
        }
        return environment;
    }

    private SimulatorResponse listTasks(SimulatorRequest request) {
        String environment = environmentParameter(request);
        List<Map<String, Object>> items = new ArrayList<>();
        for (TaskSpec task : tasks.values()) {
            items.add(Map.of("id", taskUrl(task), "name", task.name()));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("environment", environmentJson(environment));
        answer.put("items", items);
        return SimulatorResponse.json(200, answer);
    }

    private SimulatorResponse showTask(SimulatorRequest request) {
        String environment = environmentParameter(request);
        String module = request.pathParameter(0);
        String name = request.pathParameter(1);
        if (!module.matches("[a-z][a-z0-9_]*") || !name.matches("[a-z][a-z0-9_]*")) {
            throw validation("Illegal module or task name '" + module + "/" + name + "'");
        }
        String taskName = TaskSpec.nameFromPath(module, name);
        TaskSpec task = tasks.get(taskName);
        if (task == null) {
            throw unknownTask(taskName, environment);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", taskUrl(task));
        answer.put("name", task.name());
        answer.put("environment", environmentJson(environment));
        answer.put("metadata", task.metadata());
        answer.put("files", List.of());
        return SimulatorResponse.json(200, answer);
    }

    private String taskUrl(TaskSpec task) {
        return baseUrl + "/orchestrator/v1/tasks/" + task.path();
    }

    private static Map<String, Object> environmentJson(String environment) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", environment);
        json.put("code_id", null);
        return json;
    }

    // --- commands ---

    private SimulatorResponse deploy(SimulatorRequest request, SimulatedUser caller) {
        JsonNode body = OrchestratorRequestParts.object(request);
        checkKeys(body, DEPLOY_KEYS);
        JsonNode environmentNode = body.get("environment");
        if (environmentNode == null || !environmentNode.isTextual()) {
            throw validation("environment is required: a code environment name, or \"\" for each node's own");
        }
        String environment = environmentNode.textValue();
        for (Iterator<String> keys = body.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            JsonNode value = body.get(key);
            if (DEPLOY_BOOLEANS.contains(key) && !value.isBoolean()) {
                throw validation(key + " must be a boolean");
            }
            if (DEPLOY_INTEGERS.contains(key) && !(value.isIntegralNumber() && value.longValue() > 0)) {
                throw validation(key + " must be a positive integer");
            }
            if (DEPLOY_STRINGS.contains(key) && !value.isTextual()) {
                throw validation(key + " must be a string");
            }
        }
        boolean noop = body.path("noop").asBoolean(false);
        if (noop && body.path("no_noop").asBoolean(false)) {
            throw validation("noop and no_noop cannot both be true");
        }
        boolean enforce = body.path("enforce_environment").asBoolean(true);
        if (environment.isEmpty() && enforce) {
            throw validation("An empty environment needs enforce_environment: false");
        }
        if (!ENVIRONMENT.matcher(environment).matches()) {
            throw validation("Illegal environment name '" + environment + "'");
        }
        Map<String, Object> userdata = userdata(body);
        if (!environment.isEmpty() && !codeManager.isKnown(environment)) {
            throw unknownEnvironment(environment);
        }
        if (mayNotRunPuppet.contains(caller.login()) && !caller.permissions().administer()) {
            throw notPermitted("User " + caller.login() + " does not have permission to run Puppet on agent nodes");
        }
        List<String> certnames = scope(body, environment, caller);
        if (!environment.isEmpty() && emptyEnvironments.contains(environment)) {
            throw PeError.of(
                    PeService.ORCHESTRATOR,
                    400,
                    "empty-environment",
                    "The environment " + environment + " has no nodes",
                    Map.of("environment", environment));
        }
        Map<String, Object> options = SimulatorJson.toMap(body);
        options.putIfAbsent("noop", false);
        options.putIfAbsent("enforce_environment", true);
        options.put("target", null);
        return start("deploy", null, environment, noop, options, userdata, caller, certnames);
    }

    private SimulatorResponse task(SimulatorRequest request, SimulatedUser caller) {
        JsonNode body = OrchestratorRequestParts.object(request);
        JsonNode taskNode = body.get("task");
        TaskSpec spec = taskNode != null && taskNode.isTextual() ? tasks.get(taskNode.textValue()) : null;
        checkKeys(body, TASK_KEYS);
        if (taskNode == null
                || !taskNode.isTextual()
                || !TaskSpec.NAME.matcher(taskNode.textValue()).matches()) {
            throw validation("task is required: a task name such as \"package\" or \"mymodule::mytask\"");
        }
        JsonNode params = body.get("params");
        if (params == null || !params.isObject()) {
            throw validation("params is required: a JSON object of parameter names to values (may be {})");
        }
        JsonNode environmentNode = body.get("environment");
        if (environmentNode != null && !environmentNode.isTextual()) {
            throw validation("environment must be a string");
        }
        String environment = environmentNode == null ? "production" : environmentNode.textValue();
        if (environment.isEmpty() || !ENVIRONMENT.matcher(environment).matches()) {
            throw validation("Illegal environment name '" + environment + "'");
        }
        JsonNode noopNode = body.get("noop");
        if (noopNode != null && !noopNode.isBoolean()) {
            throw validation("noop must be a boolean");
        }
        JsonNode timeout = body.get("timeout");
        if (timeout != null && !(timeout.isIntegralNumber() && timeout.longValue() > 0)) {
            throw validation("timeout must be a positive integer number of seconds");
        }
        if (body.has("description") && !body.get("description").isTextual()) {
            throw validation("description must be a string");
        }
        Map<String, Object> userdata = userdata(body);
        if (body.has("targets")) {
            throw validation("targets (agentless SSH/WinRM nodes) are not simulated");
        }
        if (!codeManager.isKnown(environment)) {
            throw unknownEnvironment(environment);
        }
        String taskName = taskNode.textValue();
        if (spec == null) {
            throw unknownTask(taskName, environment);
        }
        boolean noop = noopNode != null && noopNode.booleanValue();
        if (noop && !spec.supportsNoop()) {
            throw validation("Task " + taskName + " does not support noop");
        }
        for (Map.Entry<String, TaskSpec.TaskParameter> declared :
                spec.parameters().entrySet()) {
            if (declared.getValue().required()
                    && (!params.has(declared.getKey())
                            || params.get(declared.getKey()).isNull())) {
                throw validation("Task " + taskName + " requires parameter '" + declared.getKey() + "'");
            }
        }
        for (Iterator<String> names = params.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!spec.parameters().containsKey(name)) {
                throw validation("Task " + taskName + " has no parameter '" + name + "'");
            }
        }
        Set<String> granted = taskGrants.get(caller.login());
        if (granted != null
                && !granted.contains(taskName)
                && !caller.permissions().administer()) {
            throw notPermitted("User " + caller.login() + " does not have permission to run task " + taskName
                    + " on the requested nodes");
        }
        List<String> certnames = scope(body, environment, caller);
        List<String> sensitive = spec.parameters().entrySet().stream()
                .filter(e -> e.getValue().hidden())
                .map(Map.Entry::getKey)
                .toList();
        Map<String, Object> shown = SimulatorJson.toMap(params);
        sensitive.forEach(name -> shown.computeIfPresent(name, (k, v) -> SENSITIVE_VALUE));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("task", taskName);
        options.put("params", shown);
        options.put("scope", SimulatorJson.MAPPER.convertValue(body.get("scope"), Object.class));
        options.put("environment", environment);
        options.put("noop", noop);
        options.put(
                "description", body.has("description") ? body.get("description").textValue() : null);
        options.put("sensitive", sensitive);
        return start("task", taskName, environment, noop, options, userdata, caller, certnames);
    }

    private SimulatorResponse start(
            String type,
            String taskName,
            String environment,
            boolean noop,
            Map<String, Object> options,
            Map<String, Object> userdata,
            SimulatedUser caller,
            List<String> certnames) {
        Supplier<JobScript> perRun = type.equals("deploy") ? puppetRunScripts.get(environment) : null;
        JobScript script =
                !nextScripts.isEmpty() ? nextScripts.removeFirst() : perRun != null ? perRun.get() : defaultScript;
        List<OrdinaryJob.Node> nodes = new ArrayList<>();
        for (String certname : certnames) {
            String nodeEnvironment =
                    environment.isEmpty() ? inventory.environmentOf(certname).orElse("production") : environment;
            nodes.add(new OrdinaryJob.Node(certname, nodeEnvironment, script.scriptFor(certname)));
        }
        long id = nextJobId++;
        OrdinaryJob job = new OrdinaryJob(
                id,
                type,
                taskName,
                environment,
                noop,
                options,
                userdata,
                caller,
                context.clock().instant(),
                nodes,
                script.jobState(),
                nextEventId,
                consoleBase);
        nextEventId += OrdinaryJob.eventIdsNeeded(nodes.size()) + 5;
        jobs.put(id, job);
        String url = baseUrl + "/orchestrator/v1/jobs/" + id;
        return SimulatorResponse.json(202, Map.of("job", Map.of("id", url, "name", job.name())));
    }

    /** The certnames of the body's scope, or PE's error for it. */
    private List<String> scope(JsonNode body, String environment, SimulatedUser caller) {
        JsonNode scope = body.get("scope");
        if (scope == null || !scope.isObject()) {
            throw validation("scope is required: an object with exactly one of nodes, query or node_group");
        }
        for (String legacy : List.of("application", "whole_environment")) {
            if (scope.has(legacy)) {
                throw validation("scope." + legacy + " is not supported");
            }
        }
        Set<String> kinds = new LinkedHashSet<>();
        scope.fieldNames().forEachRemaining(kinds::add);
        if (kinds.size() != 1 || !Set.of("nodes", "query", "node_group").containsAll(kinds)) {
            throw validation("scope must have exactly one of nodes, query or node_group; got " + kinds);
        }
        String kind = kinds.iterator().next();
        JsonNode value = scope.get(kind);
        List<String> certnames = new ArrayList<>();
        switch (kind) {
            case "nodes" -> {
                if (!value.isArray()) {
                    throw validation("scope.nodes must be an array of certnames");
                }
                for (JsonNode node : value) {
                    if (!node.isTextual()) {
                        throw validation("scope.nodes must be an array of certnames");
                    }
                    if (!certnames.contains(node.textValue())) {
                        certnames.add(node.textValue());
                    }
                }
            }
            case "query" -> {
                if (!value.isTextual()) {
                    throw validation("The simulator evaluates scope.query in PQL text only");
                }
                if (!caller.permissions().queryPuppetDb()
                        && !caller.permissions().administer()) {
                    throw PeError.of(
                            PeService.ORCHESTRATOR,
                            400,
                            "query-error",
                            "User " + caller.login() + " does not have permission to run PuppetDB queries");
                }
                if (puppetDbDown) {
                    throw PeError.of(
                            PeService.ORCHESTRATOR,
                            400,
                            "puppetdb-error",
                            "Could not query PuppetDB: connection refused");
                }
                certnames.addAll(inventory
                        .query(value.textValue())
                        .orElseThrow(() -> PeError.of(
                                PeService.ORCHESTRATOR,
                                400,
                                "query-error",
                                "PuppetDB query failed: PQL parse error at line 1, column 1: " + value.textValue())));
            }
            default -> {
                if (!value.isTextual()) {
                    throw validation("scope.node_group must be a node group id");
                }
                certnames.addAll(inventory
                        .nodeGroup(value.textValue())
                        .orElseThrow(() -> validation("No node group with id '" + value.textValue() + "'")));
            }
        }
        if (certnames.isEmpty()) {
            throw PeError.of(
                    PeService.ORCHESTRATOR,
                    400,
                    "empty-target",
                    "No nodes were found for the specified target. Nothing to do.",
                    Map.of("environment", environment, "target", kind));
        }
        return certnames;
    }

    private Map<String, Object> userdata(JsonNode body) {
        JsonNode userdata = body.get("userdata");
        if (userdata == null) {
            return Map.of();
        }
        if (!userdata.isObject()) {
            throw validation("userdata must be a JSON object");
        }
        return SimulatorJson.toMap(userdata);
    }

    private void checkKeys(JsonNode body, Set<String> allowed) {
        for (Iterator<String> keys = body.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            boolean known = allowed.contains(key)
                    && !(key.equals("userdata") && !release.userdata())
                    && !(key.equals("timeout") && !release.nodeTimeout());
            if (!known) {
                throw validation("Unknown key '" + key + "' in the request body");
            }
        }
    }

    // --- stop ---

    private SimulatorResponse stop(SimulatorRequest request, SimulatedUser caller) {
        JsonNode body = OrchestratorRequestParts.object(request);
        for (Iterator<String> keys = body.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("job") && !(key.equals("force") && release.stopForce())) {
                throw validation("Unknown key '" + key + "' in the request body");
            }
        }
        JsonNode jobNode = body.get("job");
        if (jobNode == null || !(jobNode.isTextual() || jobNode.isIntegralNumber())) {
            throw validation("job is required: the job id, e.g. {\"job\": \"81\"}");
        }
        JsonNode force = body.get("force");
        if (force != null && !force.isBoolean()) {
            throw validation("force must be a boolean");
        }
        OrdinaryJob job = requireJob(jobNode.asText());
        Instant now = context.clock().instant();
        Map<String, Integer> counts = job.nodeStates(now);
        job.stop(now, force != null && force.booleanValue());
        String url = baseUrl + "/orchestrator/v1/jobs/" + job.name();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", url);
        answer.put("name", job.name());
        answer.put("nodes", counts);
        return SimulatorResponse.json(202, Map.of("job", answer));
    }

    // --- jobs ---

    private SimulatorResponse listJobs(SimulatorRequest request, SimulatedUser caller) {
        if (listForbidden) {
            throw notPermitted("User " + caller.login() + " does not have permission to list jobs");
        }
        Instant now = context.clock().instant();
        int limit = OrchestratorRequestParts.nonNegativeInt(request, "limit", Integer.MAX_VALUE);
        int offset = OrchestratorRequestParts.nonNegativeInt(request, "offset", 0);
        String orderBy = OrchestratorRequestParts.orderBy(request, ORDER_BY);
        String order = OrchestratorRequestParts.order(request);
        String type = request.query("type").orElse(null);
        if (type != null && !Set.of("deploy", "task", "plan_task").contains(type)) {
            throw validation("type must be deploy, task or plan_task");
        }
        String task = request.query("task").orElse(null);
        if (task != null && "deploy".equals(type)) {
            throw validation("task cannot be combined with type=deploy");
        }
        Instant minFinish =
                release.finishFilter() ? OrchestratorRequestParts.timestamp(request, "min_finish_timestamp") : null;
        Instant maxFinish =
                release.finishFilter() ? OrchestratorRequestParts.timestamp(request, "max_finish_timestamp") : null;
        List<OrdinaryJob> selected = new ArrayList<>();
        for (OrdinaryJob job : jobs.values()) {
            if (type != null && !job.type().equals(type)) {
                continue;
            }
            if (task != null && (job.taskName() == null || !job.taskName().contains(task))) {
                continue;
            }
            if (minFinish != null || maxFinish != null) {
                if (!job.finishedAt(now)
                        || (minFinish != null && job.end().isBefore(minFinish))
                        || (maxFinish != null && job.end().isAfter(maxFinish))) {
                    continue;
                }
            }
            selected.add(job);
        }
        Comparator<OrdinaryJob> comparator =
                switch (orderBy == null ? "name" : orderBy) {
                    case "owner" -> Comparator.comparing(j -> j.owner().login());
                    case "timestamp" -> Comparator.comparing(j -> j.lastChange(now));
                    case "environment" -> Comparator.comparing(OrdinaryJob::environment);
                    case "state" -> Comparator.comparing(j -> j.state(now));
                    default -> Comparator.comparingLong(OrdinaryJob::id);
                };
        comparator = comparator.thenComparingLong(OrdinaryJob::id);
        if (order.equals("desc")) {
            comparator = comparator.reversed();
        }
        selected.sort(comparator);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = offset; i < selected.size() && items.size() < limit; i++) {
            items.add(selected.get(i).listItem(now, baseUrl, release.jobTimes()));
        }
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("limit", limit == Integer.MAX_VALUE ? null : limit);
        pagination.put("offset", offset);
        pagination.put("order", order);
        pagination.put("order_by", orderBy == null ? "timestamp" : orderBy);
        pagination.put("total", selected.isEmpty() && !release.zeroTotal() ? null : selected.size());
        pagination.put("type", type);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", items);
        answer.put("pagination", pagination);
        return SimulatorResponse.json(200, answer);
    }

    private SimulatorResponse showJob(SimulatorRequest request) {
        OrdinaryJob job = requireJob(request.pathParameter(0));
        return SimulatorResponse.json(200, job.detail(context.clock().instant(), baseUrl, release.jobTimes()));
    }

    private SimulatorResponse nodes(SimulatorRequest request) {
        OrdinaryJob job = requireJob(request.pathParameter(0));
        Instant now = context.clock().instant();
        List<OrdinaryJob.Node> selected = new ArrayList<>(job.nodes());
        int limit = Integer.MAX_VALUE;
        int offset = 0;
        if (release.nodesPaging()) {
            limit = OrchestratorRequestParts.nonNegativeInt(request, "limit", Integer.MAX_VALUE);
            offset = OrchestratorRequestParts.nonNegativeInt(request, "offset", 0);
            String state = request.query("state").orElse(null);
            if (state != null && !NODE_STATES.contains(state)) {
                throw validation("state must be one of " + NODE_STATES);
            }
            String given = OrchestratorRequestParts.orderBy(request, NODE_ORDER_BY);
            String orderBy = given == null ? "name" : given;
            String order = OrchestratorRequestParts.order(request);
            if (state != null) {
                selected.removeIf(node -> !job.nodeState(node, now).equals(state));
            }
            Comparator<OrdinaryJob.Node> comparator =
                    switch (orderBy) {
                        case "state" -> Comparator.comparing(n -> job.nodeState(n, now));
                        case "start_timestamp" -> Comparator.comparing(job::startOf);
                        case "finish_timestamp", "duration" -> Comparator.comparing(job::finishOf);
                        default -> Comparator.comparing(OrdinaryJob.Node::certname);
                    };
            comparator = comparator.thenComparing(OrdinaryJob.Node::certname);
            selected.sort(order.equals("desc") ? comparator.reversed() : comparator);
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = offset; i < selected.size() && items.size() < limit; i++) {
            items.add(job.nodeItem(selected.get(i), now));
        }
        List<OrdinaryJob.Event> events = job.events(now);
        long next = events.isEmpty() ? 0 : events.get(events.size() - 1).id() + 1;
        Map<String, Object> nextEvents = new LinkedHashMap<>();
        nextEvents.put("id", baseUrl + "/orchestrator/v1/jobs/" + job.name() + "/events?start=" + next);
        nextEvents.put("event", Long.toString(next));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("next-events", nextEvents);
        answer.put("items", items);
        return SimulatorResponse.json(200, answer);
    }

    private SimulatorResponse report(SimulatorRequest request) {
        OrdinaryJob job = requireJob(request.pathParameter(0));
        Instant now = context.clock().instant();
        List<Map<String, Object>> items = new ArrayList<>();
        job.nodes().forEach(node -> items.add(job.reportItem(node, now)));
        return SimulatorResponse.json(200, Map.of(legacyReportKey ? "report" : "items", items));
    }

    private SimulatorResponse events(SimulatorRequest request) {
        OrdinaryJob job = requireJob(request.pathParameter(0));
        long start = OrchestratorRequestParts.eventStart(request);
        Instant now = context.clock().instant();
        List<Map<String, Object>> items = new ArrayList<>();
        String state = job.state(now);
        for (OrdinaryJob.Event event : job.events(now)) {
            if (event.id() >= start) {
                items.add(OrdinaryJob.eventJson(event, state));
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        // Documented with the URL called only; no "event" key here (pe-api-jobs.md 4.9.9).
        answer.put(
                "next-events",
                Map.of("id", baseUrl + "/orchestrator/v1/jobs/" + job.name() + "/events?start=" + start));
        answer.put("items", items);
        return SimulatorResponse.json(200, answer);
    }

    private OrdinaryJob requireJob(String name) {
        long id = OrchestratorRequestParts.id(name, "job id");
        OrdinaryJob job = jobs.get(id);
        if (job == null) {
            throw PeError.of(PeService.ORCHESTRATOR, 404, "unknown-job", "No job found for id " + id);
        }
        return job;
    }

    // --- helpers ---

    private static PeError unknownTask(String task, String environment) {
        return PeError.of(
                PeService.ORCHESTRATOR,
                404,
                "unknown-task",
                "Could not find task " + task + " in environment " + environment,
                Map.of("task", task, "environment", environment));
    }
}
