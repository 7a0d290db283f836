package io.jenkins.plugins.puppetenterprise.simulator.plan;

import io.jenkins.plugins.puppetenterprise.simulator.SimulatedUser;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatorJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One plan job. Its state, result and emitted events are functions of the clock and its script, so
 * thousands of jobs cost no thread and a fake clock needs no background work. Guarded by the
 * simulator's lock.
 */
public final class PlanJob {
    /** PE truncates {@code out_message} text to this many bytes in the events list. */
    static final int OUT_MESSAGE_LIST_LIMIT = 1024;

    private final long id;
    private final String planName;
    private final String environment;
    private final String description;
    private final Object displayedParameters;
    private final List<String> sensitive;
    private final Map<String, Object> userdata;
    private final SimulatedUser owner;
    private final Instant created;
    private final Instant start;
    private final Instant plannedFinish;
    private final boolean succeeds;
    private final Object scriptedResult;
    private final List<Event> scriptedEvents;
    private final long terminalEventId;
    private Instant interruptedAt;
    private Object interruptionResult;
    private Instant firstSeenFinished;

    record Event(long id, Instant time, String type, Map<String, Object> details) {}

    PlanJob(
            long id,
            String planName,
            String environment,
            String description,
            Object displayedParameters,
            List<String> sensitive,
            Map<String, Object> userdata,
            SimulatedUser owner,
            Instant created,
            Instant start,
            PlanJobScript script,
            long firstEventId) {
        this.id = id;
        this.planName = planName;
        this.environment = environment;
        this.description = description;
        this.displayedParameters = displayedParameters;
        this.sensitive = List.copyOf(sensitive);
        this.userdata = userdata;
        this.owner = owner;
        this.created = created;
        this.start = start;
        this.plannedFinish = start.plus(script.runFor());
        this.succeeds = script.succeeds();
        this.scriptedResult = script.result();
        List<ScriptedEvent> ordered = new ArrayList<>(script.events());
        ordered.sort(Comparator.comparing(ScriptedEvent::at));
        List<Event> events = new ArrayList<>();
        // Event ids are global and, as in PE, not contiguous within one job.
        long nextEventId = firstEventId;
        for (ScriptedEvent scripted : ordered) {
            Duration at = scripted.at().compareTo(script.runFor()) > 0 ? script.runFor() : scripted.at();
            events.add(new Event(nextEventId, start.plus(at), scripted.type(), scripted.details()));
            nextEventId += 2;
        }
        this.scriptedEvents = events;
        this.terminalEventId = nextEventId;
    }

    /** How many event ids a job with this script reserves. */
    static long eventIdsNeeded(PlanJobScript script) {
        return 2L * (script.events().size() + 1);
    }

    long id() {
        return id;
    }

    public String name() {
        return Long.toString(id);
    }

    public String planName() {
        return planName;
    }

    public String environment() {
        return environment;
    }

    public SimulatedUser owner() {
        return owner;
    }

    public Instant created() {
        return created;
    }

    public Instant finish() {
        return interruptedAt != null ? interruptedAt : plannedFinish;
    }

    boolean finishedAt(Instant now) {
        return !now.isBefore(finish());
    }

    /**
     * Ends the job early as a failure (stop_plan, timeout). No effect once it has ended.
     *
     * @return whether the job was still going at {@code at}
     */
    boolean interrupt(Instant at, Object result) {
        if (!at.isBefore(finish())) {
            return false;
        }
        interruptedAt = at;
        interruptionResult = result;
        return true;
    }

    private boolean succeeded() {
        return interruptedAt == null && succeeds;
    }

    /** {@code pending}, {@code running}, {@code success} or {@code failure}. */
    public String state(Instant now) {
        if (finishedAt(now)) {
            return succeeded() ? "success" : "failure";
        }
        return now.isBefore(start) ? "pending" : "running";
    }

    Object result(Instant now) {
        if (!finishedAt(now)) {
            return null;
        }
        return interruptedAt != null ? interruptionResult : scriptedResult;
    }

    /** The first time a client was told the job had ended (for detection-delay measurements). */
    public Instant firstSeenFinished() {
        return firstSeenFinished;
    }

    void seenAt(Instant now) {
        if (firstSeenFinished == null && finishedAt(now)) {
            firstSeenFinished = now;
        }
    }

    /** The events emitted by {@code now}, oldest first. */
    List<Event> events(Instant now) {
        List<Event> emitted = new ArrayList<>();
        for (Event event : scriptedEvents) {
            boolean beforeEnd = interruptedAt == null
                    ? !event.time().isAfter(plannedFinish)
                    : event.time().isBefore(interruptedAt);
            if (beforeEnd && !event.time().isAfter(now)) {
                emitted.add(event);
            }
        }
        if (finishedAt(now)) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("plan-id", name());
            details.put("result", result(now));
            emitted.add(new Event(terminalEventId, finish(), succeeded() ? "plan_finished" : "plan_failed", details));
        }
        return emitted;
    }

    static Map<String, Object> eventJson(Event event, boolean truncateMessages) {
        Map<String, Object> details = event.details();
        if (truncateMessages && "out_message".equals(event.type()) && details.get("message") instanceof String text) {
            details = new LinkedHashMap<>(details);
            details.put("message", truncateUtf8(text, OUT_MESSAGE_LIST_LIMIT));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toString(event.id()));
        json.put("type", event.type());
        json.put("timestamp", SimulatorJson.timestamp(event.time()));
        json.put("details", details);
        return json;
    }

    private static String truncateUtf8(String text, int maxBytes) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return text;
        }
        StringBuilder kept = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes) {
                break;
            }
            kept.appendCodePoint(codePoint);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return kept.toString();
    }

    /** PE's {@code timestamp}: the last state change. */
    Instant lastChange(Instant now) {
        if (finishedAt(now)) {
            return finish();
        }
        return now.isBefore(start) ? created : start;
    }

    private Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("description", description);
        options.put("plan_name", planName);
        options.put("parameters", displayedParameters);
        options.put("environment", environment);
        options.put("scheduled_job_id", null);
        options.put("sensitive", sensitive);
        return options;
    }

    /** {@code GET /plan_jobs/<id>}. */
    Map<String, Object> detail(Instant now, String baseUrl) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", baseUrl + "/orchestrator/v1/plan_jobs/" + id);
        json.put("name", name());
        json.put("state", state(now));
        json.put("options", options());
        json.put("result", result(now));
        json.put("owner", owner.describe());
        json.put("timestamp", SimulatorJson.timestamp(lastChange(now)));
        json.put("status", Map.of());
        json.put("events", Map.of("id", baseUrl + "/orchestrator/v1/plan_jobs/" + id + "/events"));
        json.put("userdata", userdata);
        return json;
    }

    /** An item of {@code GET /plan_jobs}. */
    Map<String, Object> listItem(Instant now, String baseUrl, boolean withResult) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", baseUrl + "/orchestrator/v1/plan_jobs/" + id);
        json.put("name", name());
        json.put("state", state(now));
        json.put("created_timestamp", SimulatorJson.timestamp(created));
        boolean finished = finishedAt(now);
        json.put("finished_timestamp", finished ? SimulatorJson.timestamp(finish()) : null);
        Instant end = finished ? finish() : now;
        json.put("duration", Duration.between(created, end).toMillis() / 1000.0);
        json.put("options", options());
        json.put("owner", owner.describe());
        json.put("timestamp", SimulatorJson.timestamp(lastChange(now)));
        json.put("events", Map.of("id", baseUrl + "/orchestrator/v1/plan_jobs/" + id + "/events"));
        if (withResult) {
            json.put("result", result(now));
        }
        json.put("userdata", userdata);
        return json;
    }
}
