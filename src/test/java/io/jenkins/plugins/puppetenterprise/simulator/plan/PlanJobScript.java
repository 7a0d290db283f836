package io.jenkins.plugins.puppetenterprise.simulator.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a plan job goes: {@code pending} for {@code pendingFor}, {@code running} for {@code runFor}
 * while emitting {@code events}, then {@code success} with {@code result} or {@code failure} with
 * {@code result} as its error object. {@code userdata} is added to the userdata the request sent.
 */
public record PlanJobScript(
        Duration pendingFor,
        Duration runFor,
        boolean succeeds,
        Object result,
        List<ScriptedEvent> events,
        Map<String, Object> userdata) {

    public PlanJobScript {
        if (pendingFor == null || pendingFor.isNegative() || runFor == null || runFor.isNegative()) {
            throw new IllegalArgumentException("A plan job's pending and running times must be zero or more");
        }
        events = List.copyOf(events);
        userdata = Collections.unmodifiableMap(new LinkedHashMap<>(userdata));
    }

    /** Runs for {@code runFor} and succeeds with a {@code null} result. */
    public static PlanJobScript succeeding(Duration runFor) {
        return new PlanJobScript(Duration.ZERO, runFor, true, null, List.of(), Map.of());
    }

    /** Runs for {@code runFor} and fails with a {@code bolt/run-failure} error as result. */
    public static PlanJobScript failing(Duration runFor) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("kind", "bolt/run-failure");
        error.put("msg", "Plan aborted: run_command 'whoami' failed on 1 target");
        error.put("details", Map.of("action", "run_command", "object", "whoami", "result_set", List.of()));
        return new PlanJobScript(Duration.ZERO, runFor, false, error, List.of(), Map.of());
    }

    public PlanJobScript pendingFor(Duration pending) {
        return new PlanJobScript(pending, runFor, succeeds, result, events, userdata);
    }

    /** The plan's return value on success, or its error object on failure. */
    public PlanJobScript withResult(Object planResult) {
        return new PlanJobScript(pendingFor, runFor, succeeds, planResult, events, userdata);
    }

    public PlanJobScript withEvents(ScriptedEvent... more) {
        List<ScriptedEvent> all = new ArrayList<>(events);
        all.addAll(List.of(more));
        return new PlanJobScript(pendingFor, runFor, succeeds, result, all, userdata);
    }

    public PlanJobScript withUserdata(Map<String, Object> extra) {
        Map<String, Object> all = new LinkedHashMap<>(userdata);
        all.putAll(Objects.requireNonNull(extra));
        return new PlanJobScript(pendingFor, runFor, succeeds, result, events, all);
    }
}
