package io.jenkins.plugins.puppetenterprise.jenkins;

import io.jenkins.plugins.puppetenterprise.core.JobReference;
import io.jenkins.plugins.puppetenterprise.core.LogLine;
import io.jenkins.plugins.puppetenterprise.core.NodeProgress;
import io.jenkins.plugins.puppetenterprise.core.WatchReference;
import io.jenkins.plugins.puppetenterprise.core.WatchSink;
import io.jenkins.plugins.puppetenterprise.core.job.JobLinks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Puppet run or task on the build page while it runs: status running, the job link, and each
 * node's latest state as its events arrive. In memory only (the build page's action holds it
 * transient), so an event costs no write of build.xml; the outcome's record takes its place when
 * the job ends. Events arrive on the core's threads while pages render on request threads, so
 * every access is synchronized.
 */
final class RunningJobRecord {
    private final String operation;
    private final String server;
    private final String marker;
    private final String taskName;
    private final JobLinks links;
    private final Instant started;
    /** Null until PE's answer named the job (or the watch found it by the marker). */
    private String job;
    /** Each node's latest state, in the order the nodes were first heard of. */
    private final Map<String, NodeProgress> nodes = new LinkedHashMap<>();

    /** @param operation as the build page titles it ("Puppet run", "Task run") */
    RunningJobRecord(String operation, JobReference reference, JobLinks links, Instant started) {
        this.operation = operation;
        this.server = reference.server();
        this.marker = reference.marker();
        this.taskName = reference.taskName();
        this.links = links;
        this.started = started;
        this.job = reference.job();
    }

    /** The marker of the run; the outcome's result carries the same one. */
    String marker() {
        return marker;
    }

    synchronized void named(JobReference reference) {
        job = reference.job();
    }

    synchronized void node(NodeProgress progress) {
        nodes.put(progress.node(), progress);
    }

    /**
     * The line as the page shows it now: counts per node state, and at most {@link
     * PeOperationRecord#MAX_NODES} nodes, failed ones first, with PE's words for their latest event
     * (masked by the core; task results are not in events), and each node's report link where PE's
     * answer gave it (the node list read after a resume does for ended Puppet runs; events document
     * none, and the outcome's record has them all).
     */
    synchronized PeOperationRecord snapshot() {
        List<PeNodeRecord> failed = new ArrayList<>();
        List<PeNodeRecord> others = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (NodeProgress node : nodes.values()) {
            counts.merge(node.state(), 1, Integer::sum);
            PeNodeRecord line = new PeNodeRecord(
                    node.node(), node.state(), node.message().isEmpty() ? null : node.message(), node.reportUrl());
            boolean fine = node.state().equals("finished") || node.state().equals("running");
            (fine ? others : failed).add(line);
        }
        failed.addAll(others);
        return new PeOperationRecord(
                operation,
                server,
                PeExecution.jobTarget(taskName, job),
                "running",
                counts.isEmpty() ? null : PeExecution.countsText(counts),
                job == null ? null : links.jobPage(job, taskName != null).toString(),
                started,
                failed,
                nodes.size());
    }

    /** The build log's sink that also keeps this record up to date. */
    WatchSink alongside(WatchSink log) {
        return new WatchSink() {
            @Override
            public void log(LogLine line) {
                log.log(line);
            }

            @Override
            public void progressed(WatchReference reference) {
                if (reference instanceof JobReference advanced) {
                    named(advanced);
                }
                log.progressed(reference);
            }

            @Override
            public void nodeProgressed(NodeProgress progress) {
                node(progress);
                log.nodeProgressed(progress);
            }
        };
    }
}
