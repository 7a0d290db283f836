package io.jenkins.plugins.puppetenterprise.simulator.plan;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An event a scripted plan job emits {@code at} this long after it starts running. The final
 * {@code plan_finished} or {@code plan_failed} event is added by the simulator.
 */
public record ScriptedEvent(Duration at, String type, Map<String, Object> details) {
    private static final Set<String> TERMINAL = Set.of("plan_finished", "plan_failed");

    public ScriptedEvent {
        Objects.requireNonNull(type, "type");
        if (at == null || at.isNegative()) {
            throw new IllegalArgumentException("An event's offset must be zero or more");
        }
        if (TERMINAL.contains(type)) {
            throw new IllegalArgumentException(
                    type + " is emitted by the simulator when the job ends; script success or failure instead");
        }
        details = Map.copyOf(details);
    }

    public static ScriptedEvent of(Duration at, String type, Map<String, Object> details) {
        return new ScriptedEvent(at, type, details);
    }

    /** {@code out::message}: a line of text. */
    public static ScriptedEvent outMessage(Duration at, String message) {
        return new ScriptedEvent(at, "out_message", Map.of("message", message));
    }

    /** A task started on nodes, as ordinary job {@code jobId}. */
    public static ScriptedEvent taskStart(Duration at, String jobId) {
        return new ScriptedEvent(at, "task_start", Map.of("job-id", jobId));
    }

    /** A sub-plan started with {@code run_plan()}. */
    public static ScriptedEvent planStart(Duration at, String plan) {
        return new ScriptedEvent(at, "plan_start", Map.of("plan", plan));
    }

    /** A sub-plan ended after {@code seconds}. */
    public static ScriptedEvent planEnd(Duration at, String plan, double seconds) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("plan", plan);
        details.put("duration", seconds);
        return new ScriptedEvent(at, "plan_end", details);
    }
}
