package io.jenkins.plugins.puppetenterprise.client.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Puppet-run or task job ({@code GET /jobs/<id>} or an item of {@code GET /jobs}, pe-api-jobs.md
 * 4.9.5 and 4.9.6). Terminal states are {@code finished}, {@code failed} and {@code stopped}; any
 * other or unknown state is still running. {@code nodeStates} is empty when PE sent none (the
 * single-job endpoint does not document it; {@code null} for jobs without nodes). {@code timestamp}
 * is PE's last state change of the job (its own clock), null where PE sent none.
 */
public record Job(
        String name,
        String state,
        String type,
        Long nodeCount,
        Map<String, Long> nodeStates,
        String environment,
        String description,
        JsonNode userdata,
        List<String> sensitive,
        Instant startedTimestamp,
        Instant finishedTimestamp,
        Instant timestamp) {

    private static final Set<String> TERMINAL = Set.of("finished", "failed", "stopped");

    public Job {
        nodeStates = Collections.unmodifiableMap(new LinkedHashMap<>(nodeStates));
        sensitive = List.copyOf(sensitive);
    }

    public static Job from(JsonNode node) {
        JsonNode options = LenientJson.node(node, "options");
        Map<String, Long> counts = new LinkedHashMap<>();
        JsonNode states = LenientJson.node(node, "node_states");
        if (states.isObject()) {
            states.properties().forEach(e -> {
                Long count = LenientJson.longValue(states, e.getKey());
                if (count != null) {
                    counts.put(e.getKey(), count);
                }
            });
        }
        String environment = LenientJson.text(options, "environment");
        JsonNode environmentNode = node.get("environment");
        if (environment == null && environmentNode != null) {
            environment = environmentNode.isObject()
                    ? LenientJson.text(environmentNode, "name")
                    : LenientJson.text(node, "environment");
        }
        String description = LenientJson.text(options, "description");
        Instant started = LenientJson.instant(node, "started_timestamp");
        return new Job(
                LenientJson.text(node, "name"),
                LenientJson.text(node, "state"),
                LenientJson.firstText(node, "type", "command"),
                LenientJson.longValue(node, "node_count"),
                counts,
                environment,
                description != null ? description : LenientJson.text(node, "description"),
                LenientJson.node(node, "userdata"),
                LenientJson.texts(options, "sensitive"),
                started != null ? started : LenientJson.instant(node, "created_timestamp"),
                LenientJson.instant(node, "finished_timestamp"),
                LenientJson.instant(node, "timestamp"));
    }

    public boolean isTerminal() {
        return state != null && TERMINAL.contains(state);
    }

    @Override
    public String toString() {
        return "Job[name=" + name + ", type=" + type + ", state=" + state + ", nodeCount=" + nodeCount + "]";
    }
}
