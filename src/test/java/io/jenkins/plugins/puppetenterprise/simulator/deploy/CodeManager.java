package io.jenkins.plugins.puppetenterprise.simulator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.simulator.EndpointHandler;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeError;
import io.jenkins.plugins.puppetenterprise.simulator.PeService;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatedUser;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatorContext;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatorJson;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatorRequest;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatorResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Code Manager (pe-api.md section 3): the control repository's environments and the deploy queue.
 * Deploys run in parallel, each on its environment's timetable; their statuses come from the clock.
 * Guarded by the simulator's lock.
 */
public final class CodeManager {
    /** Code Manager's {@code deploy_ttl} default: finished deploys vanish from the status after it. */
    static final Duration DEPLOY_TTL = Duration.ofHours(1);

    private static final Set<String> KEYS =
            Set.of("environments", "deploy-all", "wait", "dry-run", "deploy-modules", "modules");
    /** How often a {@code wait: true} request looks at the clock again. */
    private static final long WAIT_POLL_MILLIS = 20;

    private final SimulatorContext context;
    private final Map<String, EnvironmentSpec> environments = new TreeMap<>();
    private final List<Deploy> deploys = new ArrayList<>();
    private int nextId = 1;
    private String collectFailure;
    private String invalidBranches = "error";
    private boolean ignoresIdFilter;
    private boolean listForbidden;
    private boolean listsWithoutIds;
    private boolean listsNoQueue;
    private boolean listsNoClientSync;
    /** Per environment: the timing of each new deploy of it, made from the environment's. */
    private final Map<String, UnaryOperator<EnvironmentSpec>> deployScripts = new HashMap<>();

    public CodeManager(SimulatorContext context) {
        this.context = context;
    }

    public void putEnvironment(EnvironmentSpec spec) {
        environments.put(spec.name(), spec);
    }

    /**
     * Adds a control-repository branch as r10k maps it under the source's {@code invalid_branches}:
     * a branch with characters outside {@code [A-Za-z0-9_]} is skipped under {@code error} (Code
     * Manager's default) and renamed with {@code _} for each of them, keeping case, otherwise.
     *
     * @return the environment it deploys as, or empty when skipped
     */
    public Optional<String> addBranch(String branch) {
        String environment = branch.replaceAll("[^A-Za-z0-9_]", "_");
        if (!environment.equals(branch) && "error".equals(invalidBranches)) {
            return Optional.empty();
        }
        environments.putIfAbsent(environment, EnvironmentSpec.named(environment));
        return Optional.of(environment);
    }

    /** The source's {@code invalid_branches}: {@code error}, {@code correct} or {@code correct_and_warn}. */
    public void invalidBranches(String setting) {
        if (!Set.of("error", "correct", "correct_and_warn").contains(setting)) {
            throw new IllegalArgumentException(
                    "invalid_branches is error, correct or correct_and_warn, not " + setting);
        }
        this.invalidBranches = setting;
    }

    public void removeEnvironment(String name) {
        environments.remove(name);
    }

    public boolean isKnown(String environment) {
        return environments.containsKey(environment);
    }

    Set<String> environmentNames() {
        return environments.keySet();
    }

    /** r10k output that listing the environments fails with ({@code collect-failed}), or null. */
    public void collectFailure(String r10kOutput) {
        this.collectFailure = r10kOutput;
    }

    /** Whether {@code GET /deploys/status?id=} answers with the whole status, as some releases and proxies do. */
    public void ignoreIdFilter(boolean ignore) {
        this.ignoresIdFilter = ignore;
    }

    /** Each new deploy of {@code environment} goes as {@code perDeploy} makes it from the environment's spec. */
    public void scriptDeploys(String environment, UnaryOperator<EnvironmentSpec> perDeploy) {
        deployScripts.put(environment, perDeploy);
    }

    /** All deploys not yet dropped after {@link #DEPLOY_TTL}, oldest first. */
    public List<Deploy> deploys() {
        return List.copyOf(deploys);
    }

    /** Whether the whole status (no id) answers 403, as for a credential that may not list deploys. */
    public void listForbidden(boolean forbidden) {
        this.listForbidden = forbidden;
    }

    /** Whether the whole status lists deploys without {@code id}, as older releases do. */
    public void listWithoutIds(boolean withoutIds) {
        this.listsWithoutIds = withoutIds;
    }

    /** Whether the whole status leaves out {@code deploys-status}, keeping the file-sync parts. */
    public void listNoQueue(boolean noQueue) {
        this.listsNoQueue = noQueue;
    }

    /** Whether the whole status leaves out {@code file-sync-client-status}, as a proxy or an old release may. */
    public void listNoClientSync(boolean noClientSync) {
        this.listsNoClientSync = noClientSync;
    }

    /** When the latest deploy that is syncing at {@code now} ends its sync, if any is syncing. */
    public Optional<Instant> syncingUntil(Instant now) {
        return deploys.stream()
                .filter(d -> d.syncingAt(now))
                .map(Deploy::doneAt)
                .max(Instant::compareTo);
    }

    public Map<PeEndpoint, EndpointHandler> handlers() {
        Map<PeEndpoint, EndpointHandler> handlers = new LinkedHashMap<>();
        handlers.put(PeEndpoint.DEPLOYS, this::deploy);
        handlers.put(PeEndpoint.DEPLOYS_STATUS, this::status);
        return handlers;
    }

    private SimulatorResponse deploy(SimulatorRequest request, SimulatedUser caller) throws InterruptedException {
        if (!caller.permissions().deployCode()) {
            throw PeError.of(
                    PeService.RBAC,
                    403,
                    "permission-denied",
                    "User " + caller.login() + " does not have permission to deploy code (Code Manager: deploy code)");
        }
        JsonNode body = parseObject(request.body());
        body.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw badRequest("Unknown key '" + key + "'; Code Manager accepts " + KEYS);
            }
        });
        List<String> requested = stringList(body, "environments");
        boolean deployAll = flag(body, "deploy-all", false);
        boolean wait = flag(body, "wait", false);
        boolean dryRun = flag(body, "dry-run", false);
        flag(body, "deploy-modules", true);
        JsonNode modules = body.get("modules");
        if (modules != null && !modules.isTextual() && !isStringArray(modules)) {
            throw badRequest("modules must be a string or an array of strings");
        }

        if ((deployAll || dryRun) && collectFailure != null) {
            throw PeError.of(
                    PeService.CODE_MANAGER,
                    500,
                    "collect-failed",
                    "Errors while collecting a list of environments to deploy (exit code: 1)",
                    collectFailure);
        }
        Set<String> names = new LinkedHashSet<>(deployAll ? environments.keySet() : requested);
        if (dryRun) {
            List<Map<String, Object>> wouldDeploy = new ArrayList<>();
            for (String name : names) {
                if (environments.containsKey(name)) {
                    wouldDeploy.add(Map.of("environment", name));
                }
            }
            return SimulatorResponse.json(200, wouldDeploy);
        }

        Instant now = context.clock().instant();
        List<Deploy> started = new ArrayList<>();
        for (String name : names) {
            EnvironmentSpec spec = environments.get(name);
            if (spec == null) {
                EnvironmentSpec timing = environments.getOrDefault("production", EnvironmentSpec.named("production"));
                spec = new EnvironmentSpec(
                        name,
                        timing.newFor(),
                        timing.queuedFor(),
                        timing.deployFor(),
                        timing.syncFor(),
                        "Environment(s) '" + name + "' cannot be found in any source and will not be deployed.");
            }
            spec = deployScripts.getOrDefault(name, UnaryOperator.identity()).apply(spec);
            Deploy deploy = new Deploy(nextId++, name, spec, now);
            deploys.add(deploy);
            started.add(deploy);
        }
        if (!wait) {
            List<Map<String, Object>> queued = new ArrayList<>();
            for (Deploy deploy : started) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("environment", deploy.environment());
                entry.put("id", deploy.id());
                entry.put("status", "new".equals(deploy.status(now)) ? "new" : "queued");
                queued.add(entry);
            }
            return SimulatorResponse.json(200, queued);
        }
        Instant allDone =
                started.stream().map(Deploy::doneAt).max(Instant::compareTo).orElse(now);
        while (context.clock().instant().isBefore(allDone)) {
            // Releases the lock while waiting, so other requests are served meanwhile.
            context.lock().wait(WAIT_POLL_MILLIS);
        }
        return SimulatorResponse.json(
                200, started.stream().map(Deploy::waitResult).toList());
    }

    private SimulatorResponse status(SimulatorRequest request, SimulatedUser caller) {
        Instant now = context.clock().instant();
        deploys.removeIf(d -> d.finishedAt(now.minus(DEPLOY_TTL)));
        Optional<String> idText = request.query("id");
        if (idText.isPresent() && !ignoresIdFilter) {
            int id;
            try {
                id = Integer.parseInt(idText.get());
            } catch (NumberFormatException e) {
                throw badRequest("id must be an integer deploy id; got '" + idText.get() + "'");
            }
            return deploys.stream()
                    .filter(d -> d.id() == id)
                    .findFirst()
                    .map(d -> SimulatorResponse.json(200, d.condensed(now)))
                    .orElseThrow(() -> PeError.of(
                            PeService.CODE_MANAGER,
                            404,
                            "not-found",
                            "No deploy with id " + id + " (unknown, or removed after the deploy_ttl of 1 hour)"));
        }
        if (listForbidden) {
            throw PeError.of(
                    PeService.RBAC,
                    403,
                    "permission-denied",
                    "User " + caller.login() + " does not have permission to list the deploys");
        }
        Map<String, List<Map<String, Object>>> queue = new LinkedHashMap<>();
        for (String state : List.of("new", "queued", "deploying", "failed")) {
            queue.put(state, new ArrayList<>());
        }
        Map<String, Deploy> staged = new TreeMap<>();
        Map<String, Deploy> live = new TreeMap<>();
        boolean allSynced = true;
        for (Deploy deploy : deploys) {
            String status = deploy.status(now);
            switch (status) {
                case "failed" -> queue.get("failed").add(listed(deploy.failedEntry()));
                case "syncing" -> {
                    staged.put(deploy.environment(), deploy);
                    allSynced = false;
                }
                case "synced" -> {
                    staged.put(deploy.environment(), deploy);
                    live.put(deploy.environment(), deploy);
                }
                default -> queue.get(status).add(listed(deploy.queueEntry()));
            }
        }
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("last_check_in_time", SimulatorJson.timestamp(now));
        server.put("synced-with-file-sync-storage", allSynced);
        server.put(
                "deployed",
                live.values().stream().map(d -> deployed(d, d.doneAt())).toList());
        Map<String, Object> clients = new LinkedHashMap<>();
        clients.put("all-synced", allSynced);
        clients.put("file-sync-clients", Map.of("localhost", server));
        Map<String, Object> answer = new LinkedHashMap<>();
        if (!listsNoQueue) {
            answer.put("deploys-status", queue);
        }
        answer.put(
                "file-sync-storage-status",
                Map.of(
                        "deployed",
                        staged.values().stream()
                                .map(d -> deployed(d, d.syncStart()))
                                .toList()));
        if (!listsNoClientSync) {
            answer.put("file-sync-client-status", clients);
        }
        return SimulatorResponse.json(200, answer);
    }

    private Map<String, Object> listed(Map<String, Object> entry) {
        if (listsWithoutIds) {
            entry.remove("id");
        }
        return entry;
    }

    private static Map<String, Object> deployed(Deploy deploy, Instant date) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("environment", deploy.environment());
        entry.put("date", SimulatorJson.timestamp(date));
        entry.put("deploy-signature", deploy.signature());
        return entry;
    }

    private static JsonNode parseObject(byte[] bytes) {
        JsonNode body;
        try {
            body = SimulatorJson.parse(bytes);
        } catch (IOException e) {
            throw PeError.of(
                    PeService.CODE_MANAGER,
                    400,
                    "malformed-request",
                    "The request body is not valid JSON: " + e.getMessage());
        }
        if (!body.isObject()) {
            throw badRequest("The request body must be a JSON object");
        }
        return body;
    }

    private static List<String> stringList(JsonNode body, String key) {
        JsonNode value = body.get(key);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!isStringArray(value)) {
            throw badRequest(key + " must be an array of environment names (strings)");
        }
        List<String> result = new ArrayList<>();
        value.forEach(item -> result.add(item.textValue()));
        return result;
    }

    private static boolean isStringArray(JsonNode value) {
        if (!value.isArray()) {
            return false;
        }
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static boolean flag(JsonNode body, String key, boolean defaultValue) {
        JsonNode value = body.get(key);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw badRequest(key + " must be true or false");
        }
        return value.booleanValue();
    }

    private static PeError badRequest(String msg) {
        return PeError.of(PeService.CODE_MANAGER, 400, "schema-violation", msg);
    }
}
