package io.jenkins.plugins.puppetenterprise.simulator.job;

import io.jenkins.plugins.puppetenterprise.simulator.SimulatedUser;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatorJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Puppet-run ({@code deploy}) or task job (pe-api-jobs.md 4.9). Its state, its nodes and its
 * events are functions of the clock, its node scripts and a stop, so a fake clock needs no
 * background work. Guarded by the simulator's lock.
 */
public final class OrdinaryJob {
    /** A node of the job and how it goes. */
    record Node(String certname, String environment, NodeScript script) {}

    record Event(long id, Instant time, String type, String node, String message) {}

    private final long id;
    private final String type;
    private final String taskName;
    private final String environment;
    private final boolean noop;
    private final Map<String, Object> options;
    private final Map<String, Object> userdata;
    private final SimulatedUser owner;
    private final Instant created;
    private final List<Node> nodes;
    private final String endState;
    private final long firstEventId;
    private final String consoleBase;
    private Instant stoppedAt;
    private Instant forcedAt;
    /** {@link #end()}, kept until a stop changes it: lists sort thousands of jobs by it. */
    private Instant knownEnd;

    OrdinaryJob(
            long id,
            String type,
            String taskName,
            String environment,
            boolean noop,
            Map<String, Object> options,
            Map<String, Object> userdata,
            SimulatedUser owner,
            Instant created,
            List<Node> nodes,
            String endState,
            long firstEventId,
            String consoleBase) {
        this.id = id;
        this.type = type;
        this.taskName = taskName;
        this.environment = environment;
        this.noop = noop;
        this.options = options;
        this.userdata = userdata;
        this.owner = owner;
        this.created = created;
        this.nodes = List.copyOf(nodes);
        this.endState = endState;
        this.firstEventId = firstEventId;
        this.consoleBase = consoleBase;
    }

    /** Event ids one job may use, so that ids stay global and increasing. */
    static long eventIdsNeeded(int nodeCount) {
        return 2L * (2L * nodeCount + 3);
    }

    long id() {
        return id;
    }

    public String name() {
        return Long.toString(id);
    }

    public String type() {
        return type;
    }

    String taskName() {
        return taskName;
    }

    SimulatedUser owner() {
        return owner;
    }

    Instant created() {
        return created;
    }

    public String environment() {
        return environment;
    }

    int nodeCount() {
        return nodes.size();
    }

    /**
     * Stops the job at {@code at}: nodes not started are not started; with {@code force} running
     * ones end too (also after an earlier stop without force). A job that ended is unchanged.
     */
    void stop(Instant at, boolean force) {
        if (!at.isBefore(end())) {
            return;
        }
        if (stoppedAt == null) {
            stoppedAt = at;
        }
        if (force && forcedAt == null) {
            forcedAt = at;
        }
        knownEnd = null;
    }

    // --- timing ---

    private Instant start(Node node) {
        return created.plus(node.script().queuedFor());
    }

    private boolean stoppedBeforeStart(Node node) {
        return stoppedAt != null && start(node).isAfter(stoppedAt);
    }

    private boolean forcedDuringRun(Node node) {
        return forcedAt != null
                && !stoppedBeforeStart(node)
                && node.script().runs()
                && !start(node).isAfter(forcedAt)
                && naturalEnd(node).isAfter(forcedAt);
    }

    private Instant naturalEnd(Node node) {
        return start(node).plus(node.script().runs() ? node.script().runFor() : Duration.ZERO);
    }

    private Instant end(Node node) {
        if (stoppedBeforeStart(node)) {
            return stoppedAt;
        }
        return forcedDuringRun(node) ? forcedAt : naturalEnd(node);
    }

    private String finalState(Node node) {
        return stoppedBeforeStart(node) || forcedDuringRun(node)
                ? "stopped"
                : node.script().outcome();
    }

    /** When the last node ends. */
    public Instant end() {
        if (knownEnd == null) {
            Instant last = created;
            for (Node node : nodes) {
                Instant nodeEnd = end(node);
                if (nodeEnd.isAfter(last)) {
                    last = nodeEnd;
                }
            }
            knownEnd = last;
        }
        return knownEnd;
    }

    boolean finishedAt(Instant now) {
        return !now.isBefore(end());
    }

    public String state(Instant now) {
        if (finishedAt(now)) {
            return stoppedAt != null ? "stopped" : endState;
        }
        return stoppedAt != null && !now.isBefore(stoppedAt) ? "stopping" : "running";
    }

    String nodeState(Node node, Instant now) {
        if (!now.isBefore(end(node))) {
            return finalState(node);
        }
        boolean started = !stoppedBeforeStart(node) && node.script().runs() && !now.isBefore(start(node));
        return started ? "running" : "new";
    }

    Map<String, Integer> nodeStates(Instant now) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Node node : nodes) {
            counts.merge(nodeState(node, now), 1, Integer::sum);
        }
        return counts;
    }

    // --- events ---

    List<Event> events(Instant now) {
        record Candidate(Instant time, int rank, String type, String node, String message) {}
        List<Candidate> all = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            boolean ran = node.script().runs() && !stoppedBeforeStart(node);
            if (ran) {
                all.add(new Candidate(start(node), 2 * i, "node_running", node.certname(), startMessage(node)));
            }
            String state = finalState(node);
            if (!state.equals("stopped")) {
                all.add(new Candidate(end(node), 2 * i + 1, "node_" + state, node.certname(), message(node)));
            }
        }
        int last = 2 * nodes.size();
        if (stoppedAt != null) {
            all.add(new Candidate(stoppedAt, last, "job_stopping", null, "Stopping job " + id));
        }
        Instant end = end();
        all.add(new Candidate(end, last + 1, "job_finished", null, "Job " + id + " is " + state(end)));
        all.sort(Comparator.comparing(Candidate::time).thenComparingInt(Candidate::rank));
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Candidate c = all.get(i);
            if (!c.time().isAfter(now)) {
                // Ids are global and, as in PE, not contiguous within one job.
                events.add(new Event(firstEventId + 2L * i, c.time(), c.type(), c.node(), c.message()));
            }
        }
        return events;
    }

    static Map<String, Object> eventJson(Event event, String finalState) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toString(event.id()));
        json.put("type", event.type());
        json.put("timestamp", SimulatorJson.timestamp(event.time()));
        Map<String, Object> details = new LinkedHashMap<>();
        if (event.node() != null) {
            details.put("node", event.node());
        }
        if (event.type().equals("job_finished")) {
            details.put("state", finalState);
        }
        json.put("details", details);
        json.put("message", event.message());
        return json;
    }

    private String what() {
        return type.equals("task") ? "task " + taskName : "puppet";
    }

    private String startMessage(Node node) {
        return "Started " + (type.equals("task") ? "task " + taskName : "puppet run") + " on " + node.certname()
                + " ...";
    }

    private String message(Node node) {
        if (node.script().message() != null) {
            return node.script().message();
        }
        String certname = node.certname();
        return switch (finalState(node)) {
            case "finished" ->
                "Finished " + (type.equals("task") ? "task " + taskName : "puppet run") + " on " + certname
                        + " - Success! ";
            case "failed" ->
                "Finished " + (type.equals("task") ? "task " + taskName : "puppet run") + " on " + certname
                        + " - Failed! ";
            case "errored" ->
                "Error running " + what() + " on " + certname + ": " + certname + " is not connected to the PCP broker";
            case "skipped" -> "Skipped " + what() + " on " + certname;
            default -> "Stopped " + what() + " on " + certname;
        };
    }

    // --- JSON ---

    List<Node> nodes() {
        return nodes;
    }

    Map<String, Object> nodeItem(Node node, Instant now) {
        String state = nodeState(node, now);
        boolean ran = node.script().runs() && !stoppedBeforeStart(node) && !now.isBefore(start(node));
        boolean ended = !now.isBefore(end(node));
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", node.certname());
        item.put("state", state);
        item.put("transport", "pcp");
        item.put("timestamp", SimulatorJson.timestamp(ended ? end(node) : ran ? start(node) : created));
        item.put("start_timestamp", ran ? SimulatorJson.timestamp(start(node)) : null);
        item.put("finish_timestamp", ran && ended ? SimulatorJson.timestamp(end(node)) : null);
        item.put(
                "duration",
                ran ? (Duration.between(start(node), ended ? end(node) : now).toMillis()) / 1000.0 : null);
        Map<String, Object> details = new LinkedHashMap<>();
        String hash = ran && ended && type.equals("deploy") ? reportHash(node) : null;
        if (ended) {
            details.put("message", message(node));
            if (hash != null) {
                details.put("report-url", consoleBase + "/#/cm/report/" + hash);
            }
        } else if (ran) {
            details.put("message", startMessage(node));
            details.put("run-time", Duration.between(start(node), now).toSeconds());
        }
        item.put("transaction_uuid", hash == null ? null : "9ffbbbfe-0337-4610-a9d7-" + hash.substring(0, 12));
        item.put("details", details);
        if (ended && ran && (state.equals("finished") || state.equals("failed"))) {
            item.put("result", type.equals("task") ? taskResult(node) : runResult(node, hash));
        }
        return item;
    }

    private Object taskResult(Node node) {
        if (node.script().taskResult() != null) {
            return node.script().taskResult();
        }
        if (node.script().outcome().equals("failed")) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("kind", "puppetlabs.tasks/task-error");
            error.put("msg", "The task failed with exit code 1");
            error.put("details", Map.of("exit_code", 1));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("_error", error);
            result.put("_output", "");
            return result;
        }
        return Map.of("status", "success");
    }

    private Map<String, Object> runResult(Node node, String hash) {
        NodeScript script = node.script();
        boolean failed = script.outcome().equals("failed");
        int changed = noop ? 0 : script.changed();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("total", 200 + script.outOfSync());
        metrics.put("changed", changed);
        metrics.put("out_of_sync", script.outOfSync());
        metrics.put("corrective_change", 0);
        metrics.put("failed", script.failedResources());
        metrics.put("failed_to_restart", 0);
        metrics.put("restarted", 0);
        metrics.put("scheduled", 0);
        metrics.put("skipped", 0);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("hash", hash);
        result.put("status", failed ? "failed" : changed > 0 ? "changed" : "unchanged");
        result.put("noop", Map.of("noop", noop, "no_noop", Boolean.TRUE.equals(options.get("no_noop"))));
        result.put("environment", node.environment());
        result.put("configuration_version", Long.toString(created.getEpochSecond()));
        result.put("metrics", metrics);
        return result;
    }

    private String reportHash(Node node) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((id + "/" + node.certname()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @param times whether to show {@code type} and the job's times, as PE 2019.8.5 and later do */
    Map<String, Object> listItem(Instant now, String baseUrl, boolean times) {
        Map<String, Object> json = common(now, baseUrl, times);
        Map<String, Integer> counts = nodeStates(now);
        json.put("node_states", counts.isEmpty() ? null : counts);
        return json;
    }

    Map<String, Object> detail(Instant now, String baseUrl, boolean times) {
        Map<String, Object> json = common(now, baseUrl, times);
        List<Map<String, Object>> status = new ArrayList<>();
        Instant end = end();
        status.add(stateEntry("new", created, created));
        status.add(stateEntry("ready", created, created));
        Instant runningUntil = stoppedAt != null ? stoppedAt : end;
        status.add(stateEntry("running", created, now.isBefore(runningUntil) ? null : runningUntil));
        if (stoppedAt != null && !now.isBefore(stoppedAt)) {
            status.add(stateEntry("stopping", stoppedAt, now.isBefore(end) ? null : end));
        }
        if (finishedAt(now)) {
            status.add(stateEntry(state(now), end, null));
        }
        json.put("status", status);
        return json;
    }

    private static Map<String, Object> stateEntry(String state, Instant enter, Instant exit) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("state", state);
        entry.put("enter_time", SimulatorJson.timestamp(enter));
        entry.put("exit_time", SimulatorJson.timestamp(exit));
        return entry;
    }

    private Map<String, Object> common(Instant now, String baseUrl, boolean times) {
        String url = baseUrl + "/orchestrator/v1/jobs/" + id;
        boolean finished = finishedAt(now);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", url);
        json.put("name", name());
        json.put("state", state(now));
        json.put("command", type);
        if (times) {
            json.put("type", type);
        }
        json.put("options", options);
        json.put("node_count", nodes.size());
        json.put("owner", owner.describe());
        json.put("description", options.get("description"));
        json.put("environment", Map.of("name", environment));
        json.put("timestamp", SimulatorJson.timestamp(lastChange(now)));
        if (times) {
            json.put("started_timestamp", SimulatorJson.timestamp(created));
            json.put("finished_timestamp", finished ? SimulatorJson.timestamp(end()) : null);
            // PE sends duration as a number on some releases and a numeric string on others.
            json.put(
                    "duration",
                    Double.toString(
                            Duration.between(created, finished ? end() : now).toMillis() / 1000.0));
        }
        json.put("nodes", Map.of("id", url + "/nodes"));
        json.put("report", Map.of("id", url + "/report"));
        json.put("events", Map.of("id", url + "/events"));
        json.put("userdata", userdata);
        return json;
    }

    /** PE's {@code timestamp}: the last state change. */
    Instant lastChange(Instant now) {
        if (finishedAt(now)) {
            return end();
        }
        return stoppedAt != null && !now.isBefore(stoppedAt) ? stoppedAt : created;
    }

    Map<String, Object> reportItem(Node node, Instant now) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("node", node.certname());
        item.put("state", nodeState(node, now));
        item.put("timestamp", SimulatorJson.timestamp(now.isBefore(end(node)) ? created : end(node)));
        item.put("events", List.of());
        return item;
    }

    Instant finishOf(Node node) {
        return end(node);
    }

    Instant startOf(Node node) {
        return start(node);
    }
}
