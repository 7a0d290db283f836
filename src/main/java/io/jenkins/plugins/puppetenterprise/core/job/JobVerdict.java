package io.jenkins.plugins.puppetenterprise.core.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import io.jenkins.plugins.puppetenterprise.client.job.Job;
import io.jenkins.plugins.puppetenterprise.client.job.JobNode;
import io.jenkins.plugins.puppetenterprise.core.PlainJson;
import io.jenkins.plugins.puppetenterprise.core.TextMask;
import io.jenkins.plugins.puppetenterprise.core.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdict on a job that reached a terminal state, from its state and all its node items
 * (pe-api-jobs.md 4.9.11): success only when the job {@code finished}, every node asked for is
 * there and {@code finished}, Puppet runs report no failed resources and task results carry no
 * error marker ({@code _error}, a {@code kind}/{@code msg} of an {@code execution-failure}, a legacy
 * {@code error}). A noop run with pending changes says "N resources would change on M nodes" and
 * fails only with {@code failOnPendingChanges}.
 *
 * @param summary one sentence for the log and the result's message
 * @param nodes one plain map per node: failed nodes first, then the others, in PE's order
 * @param counts nodes per state
 * @param pendingChanges noop runs: resources that would change (0 otherwise)
 */
public record JobVerdict(
        Verdict verdict,
        String summary,
        List<Map<String, Object>> nodes,
        Map<String, Integer> counts,
        int failedNodes,
        int pendingChanges) {

    /**
     * @param what the job for sentences, such as {@code Puppet run job 81}
     * @param requested how many nodes were asked for by name, or null for a query or node group
     */
    public static JobVerdict of(
            String what,
            Job job,
            List<JobNode> items,
            boolean task,
            Integer requested,
            boolean noop,
            boolean failOnPendingChanges,
            TextMask mask,
            JobLinks links) {
        List<Map<String, Object>> failed = new ArrayList<>();
        List<Map<String, Object>> fine = new ArrayList<>();
        List<String> failedNames = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        int pending = 0;
        int pendingNodes = 0;
        for (JobNode node : items) {
            counts.merge(node.state() == null ? "unknown" : node.state(), 1, Integer::sum);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("name", node.name());
            line.put("state", node.state());
            String error = task ? taskError(node) : runError(node);
            JsonNode result = node.result();
            if (!task && result.isObject()) {
                JsonNode metrics = LenientJson.node(result, "metrics");
                putIfPresent(line, "status", LenientJson.text(result, "status"));
                putIfPresent(line, "changed", LenientJson.longValue(metrics, "changed"));
                putIfPresent(line, "failed", LenientJson.longValue(metrics, "failed"));
                putIfPresent(line, "outOfSync", LenientJson.longValue(metrics, "out_of_sync"));
                putIfPresent(line, "correctiveChange", LenientJson.longValue(metrics, "corrective_change"));
                Long outOfSync = LenientJson.longValue(metrics, "out_of_sync");
                if (noop && outOfSync != null && outOfSync > 0) {
                    pending += outOfSync.intValue();
                    pendingNodes++;
                }
            } else if (task && !result.isNull() && !result.isMissingNode()) {
                line.put("result", mask.applyToPlain(PlainJson.toPlain(result)));
            }
            if (error != null) {
                line.put("error", mask.apply(error));
            }
            String report = links.reportLink(node, task);
            putIfPresent(line, "report", report);
            if (error != null) {
                failed.add(line);
                failedNames.add(node.name() + " (" + node.state() + ")");
            } else {
                fine.add(line);
            }
        }
        List<Map<String, Object>> nodes = new ArrayList<>(failed);
        nodes.addAll(fine);
        String state = job.state();
        long expected = Math.max(requested == null ? 0 : requested, job.nodeCount() == null ? 0 : job.nodeCount());
        String pendingWords = pending + " resource" + (pending == 1 ? "" : "s") + " would change on " + pendingNodes
                + " node" + (pendingNodes == 1 ? "" : "s");
        Verdict verdict;
        String summary;
        if ("stopped".equals(state)) {
            verdict = Verdict.FAILURE;
            summary = what + " was stopped before it completed" + nodeWords(failedNames, " ");
        } else if (!"finished".equals(state)) {
            verdict = Verdict.FAILURE;
            summary = what + " ended " + state + nodeWords(failedNames, " ");
        } else if (items.size() < expected) {
            verdict = Verdict.FAILURE;
            summary = what + " finished, but PE reported " + items.size() + " of " + expected + " nodes (nodes the PE"
                    + " user may not run on are left out)" + nodeWords(failedNames, "; ");
        } else if (!failedNames.isEmpty()) {
            verdict = Verdict.FAILURE;
            summary = what + " finished with " + failedNames.size() + " of " + items.size() + " nodes failing: "
                    + String.join(", ", cut(failedNames));
        } else if (pending > 0) {
            verdict = failOnPendingChanges ? Verdict.FAILURE : Verdict.SUCCESS;
            summary = what + " finished in noop mode: " + pendingWords
                    + (failOnPendingChanges ? " (failOnPendingChanges is set)" : "");
        } else {
            verdict = Verdict.SUCCESS;
            summary = what + " succeeded on " + items.size() + " node" + (items.size() == 1 ? "" : "s")
                    + (noop ? (task ? " in noop mode" : " in noop mode with no pending changes") : "");
        }
        return new JobVerdict(verdict, summary + ".", nodes, counts, failedNames.size(), pending);
    }

    private static String nodeWords(List<String> failedNames, String separator) {
        return failedNames.isEmpty()
                ? ""
                : separator + "(" + failedNames.size() + " node" + (failedNames.size() == 1 ? "" : "s")
                        + " not finished: " + String.join(", ", cut(failedNames)) + ")";
    }

    /** At most ten names in a sentence; the result map has them all (within its bound). */
    private static List<String> cut(List<String> names) {
        if (names.size() <= 10) {
            return names;
        }
        List<String> shown = new ArrayList<>(names.subList(0, 10));
        shown.add("and " + (names.size() - 10) + " more");
        return shown;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** Why a Puppet-run node failed, or null when it succeeded. */
    static String runError(JobNode node) {
        if (!"finished".equals(node.state())) {
            return message(node, "the node ended " + node.state());
        }
        JsonNode result = node.result();
        Long failedResources = LenientJson.longValue(LenientJson.node(result, "metrics"), "failed");
        if ("failed".equals(LenientJson.text(result, "status")) || (failedResources != null && failedResources > 0)) {
            return message(node, "the Puppet run failed")
                    + (failedResources != null && failedResources > 0
                            ? " (" + failedResources + " failed resources)"
                            : "");
        }
        return null;
    }

    /** Why a task node failed, or null when it succeeded. */
    static String taskError(JobNode node) {
        JsonNode result = node.result();
        if (!"finished".equals(node.state())) {
            String msg = LenientJson.text(result, "msg");
            JsonNode error = result.get("_error");
            if (msg == null && error != null) {
                msg = error.isObject() ? LenientJson.text(error, "msg") : error.asText(null);
            }
            return message(node, msg != null ? msg : "the node ended " + node.state());
        }
        JsonNode error = result.get("_error");
        if (error != null && !error.isNull()) {
            String msg = error.isObject() ? LenientJson.text(error, "msg") : error.asText();
            return msg == null || msg.isBlank() ? "the task reported an error" : msg;
        }
        String kind = LenientJson.text(result, "kind");
        String msg = LenientJson.text(result, "msg");
        if (kind != null && msg != null && kind.endsWith("execution-failure")) {
            return msg;
        }
        // 4.9.11: any legacy error key fails the node; old releases put text there, a task may put more
        JsonNode legacy = result.get("error");
        if (legacy != null && !legacy.isNull()) {
            String legacyMsg =
                    legacy.isObject() ? LenientJson.text(legacy, "msg") : legacy.isTextual() ? legacy.asText() : null;
            return legacyMsg == null || legacyMsg.isBlank() ? "the task reported an error" : legacyMsg;
        }
        return null;
    }

    private static String message(JobNode node, String fallback) {
        return node.message() != null && !node.message().isBlank()
                ? node.message().trim()
                : fallback;
    }
}
