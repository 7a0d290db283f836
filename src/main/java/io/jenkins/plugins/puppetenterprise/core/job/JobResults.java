package io.jenkins.plugins.puppetenterprise.core.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a job's result map bounded: at most {@value #MAX_NODES} node entries (the failed ones come
 * first, so a cut drops succeeded nodes before failed ones) and task results of at most
 * {@value #MAX_RESULT_CHARS} characters each, so a job on thousands of nodes cannot bloat a
 * Pipeline's program or a build record.
 */
public final class JobResults {
    public static final int MAX_NODES = 200;
    public static final int MAX_RESULT_CHARS = 4096;

    private JobResults() {}

    /** Puts {@code nodes} (and {@code nodesOmitted} when cut) into {@code result}. */
    public static void putNodes(Map<String, Object> result, List<Map<String, Object>> nodes) {
        List<Map<String, Object>> kept = new ArrayList<>();
        for (Map<String, Object> node : nodes.subList(0, Math.min(MAX_NODES, nodes.size()))) {
            Map<String, Object> copy = new LinkedHashMap<>(node);
            Object value = copy.get("result");
            if (value != null) {
                String text = String.valueOf(value);
                if (text.length() > MAX_RESULT_CHARS) {
                    copy.put(
                            "result",
                            text.substring(0, MAX_RESULT_CHARS) + "… (cut at " + MAX_RESULT_CHARS
                                    + " characters; the whole result is in the PE console)");
                }
            }
            kept.add(copy);
        }
        result.put("nodes", kept);
        if (nodes.size() > MAX_NODES) {
            result.put("nodesOmitted", nodes.size() - MAX_NODES);
        }
    }
}
