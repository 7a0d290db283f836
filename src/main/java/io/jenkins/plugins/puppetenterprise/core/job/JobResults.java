package io.jenkins.plugins.puppetenterprise.core.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a job's result map bounded: at most {@value #MAX_NODES} node entries and
 * {@value #MAX_NODES_JSON_BYTES} bytes of their JSON, the bound of a plan's result (the failed
 * nodes come first, so a cut drops succeeded nodes before failed ones), and task results and
 * error texts of at most {@value #MAX_RESULT_CHARS} characters each, so a job on thousands of
 * nodes cannot bloat a Pipeline's program or a build record.
 */
public final class JobResults {
    public static final int MAX_NODES = 200;
    public static final int MAX_RESULT_CHARS = 4096;
    /** As {@code PlanRunWatch.MAX_RESULT_JSON_BYTES}: the most a step returns into the Pipeline's saved state. */
    public static final int MAX_NODES_JSON_BYTES = 1024 * 1024;

    private JobResults() {}

    /** Puts {@code nodes} (and {@code nodesOmitted} when cut) into {@code result}. */
    public static void putNodes(Map<String, Object> result, List<Map<String, Object>> nodes) {
        List<Map<String, Object>> kept = new ArrayList<>();
        long bytes = 2;
        for (Map<String, Object> node : nodes) {
            if (kept.size() == MAX_NODES) {
                break;
            }
            Map<String, Object> copy = new LinkedHashMap<>(node);
            cut(copy, "result", "result");
            cut(copy, "error", "message");
            long size = jsonBytes(copy) + 1;
            if (bytes + size > MAX_NODES_JSON_BYTES) {
                break;
            }
            bytes += size;
            kept.add(copy);
        }
        result.put("nodes", kept);
        if (kept.size() < nodes.size()) {
            result.put("nodesOmitted", nodes.size() - kept.size());
        }
    }

    private static void cut(Map<String, Object> node, String key, String what) {
        Object value = node.get(key);
        if (value == null) {
            return;
        }
        String text = String.valueOf(value);
        if (text.length() > MAX_RESULT_CHARS) {
            node.put(
                    key,
                    text.substring(0, MAX_RESULT_CHARS) + "… (cut at " + MAX_RESULT_CHARS + " characters; the whole "
                            + what + " is in the PE console)");
        }
    }

    private static long jsonBytes(Map<String, Object> node) {
        try {
            return LenientJson.MAPPER.writeValueAsBytes(node).length;
        } catch (JsonProcessingException e) {
            // Plain values always serialise; should one not, its text stands in for its size.
            return node.toString().getBytes(StandardCharsets.UTF_8).length;
        }
    }
}
