package io.jenkins.plugins.puppetenterprise.simulator.job;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How one node of a Puppet-run or task job goes (pe-api-jobs.md 4.9.7, 4.9.11): it waits
 * {@code queuedFor} as {@code new} (a node behind a concurrency limit), runs for {@code runFor},
 * then ends in {@code outcome}. {@code errored} and {@code skipped} nodes never run: they end at
 * {@code queuedFor} without start or finish timestamps.
 *
 * @param outcome the node's final state: {@code finished}, {@code failed}, {@code errored} or {@code skipped}
 * @param message {@code details.message} of the node (and the text of its final event), or null for PE's usual text
 * @param taskResult a task node's {@code result} (structured, raw or with {@code _error}), or null for a default
 * @param changed Puppet runs: resources changed (0 in noop runs)
 * @param outOfSync Puppet runs: resources out of sync (in noop runs: the pending changes)
 * @param failedResources Puppet runs: resources that failed
 */
public record NodeScript(
        String outcome,
        Duration queuedFor,
        Duration runFor,
        String message,
        Object taskResult,
        int changed,
        int outOfSync,
        int failedResources) {

    public NodeScript {
        Objects.requireNonNull(outcome, "outcome");
        if (!outcome.equals("finished")
                && !outcome.equals("failed")
                && !outcome.equals("errored")
                && !outcome.equals("skipped")) {
            throw new IllegalArgumentException("A node ends finished, failed, errored or skipped; not " + outcome);
        }
        if (queuedFor.isNegative() || runFor.isNegative()) {
            throw new IllegalArgumentException("Durations must be zero or more");
        }
        taskResult = copied(taskResult);
    }

    /** Runs from the job's start for {@code runFor} and succeeds (a Puppet run with no changes). */
    public static NodeScript finishing(Duration runFor) {
        return new NodeScript("finished", Duration.ZERO, runFor, null, null, 0, 0, 0);
    }

    /** Runs for {@code runFor} and fails (a Puppet run with one failed resource, or a task exiting 1). */
    public static NodeScript failing(Duration runFor) {
        return new NodeScript("failed", Duration.ZERO, runFor, null, null, 0, 1, 1);
    }

    /** Never runs: at {@code at} the orchestrator says the node is not connected to the PCP broker. */
    public static NodeScript notConnected(Duration at) {
        return new NodeScript("errored", at, Duration.ZERO, null, null, 0, 0, 0);
    }

    /** Never runs: skipped at {@code at}. */
    public static NodeScript skipped(Duration at) {
        return new NodeScript("skipped", at, Duration.ZERO, null, null, 0, 0, 0);
    }

    /** Waits this long as {@code new} before it starts (queued behind a concurrency limit). */
    public NodeScript queuedFor(Duration queued) {
        return new NodeScript(outcome, queued, runFor, message, taskResult, changed, outOfSync, failedResources);
    }

    public NodeScript withMessage(String text) {
        return new NodeScript(outcome, queuedFor, runFor, text, taskResult, changed, outOfSync, failedResources);
    }

    /** A task node's result, for example {@code Map.of("status", "up to date")}, {@code Map.of("output", "text")}
     * or a map with {@code _error}. */
    public NodeScript withTaskResult(Object result) {
        return new NodeScript(outcome, queuedFor, runFor, message, result, changed, outOfSync, failedResources);
    }

    /** Puppet-run metrics: in a noop run {@code changed} is forced to 0 and {@code outOfSync} are pending changes. */
    public NodeScript withResources(int changedResources, int outOfSyncResources, int failed) {
        return new NodeScript(
                outcome, queuedFor, runFor, message, taskResult, changedResources, outOfSyncResources, failed);
    }

    boolean runs() {
        return outcome.equals("finished") || outcome.equals("failed");
    }

    private static Object copied(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, copied(v)));
            return java.util.Collections.unmodifiableMap(copy);
        }
        return value;
    }
}
