package io.jenkins.plugins.puppetenterprise.jenkins;

import java.io.Serializable;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of the build page's Puppet Enterprise summary: a deployed environment or a plan run,
 * with its outcome. Saved in build.xml, so it holds only non-secret, plain values.
 */
public final class PeOperationRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String server;
    private final String target;
    private final String status;
    private final String details;
    private final String consoleUrl;
    private final long timestamp;
    /** Puppet runs and tasks: at most {@link #MAX_NODES} nodes, failed first; null for other work. */
    private final ArrayList<PeNodeRecord> nodes;

    private final int nodesOmitted;

    /** How many nodes of one job the build page lists. */
    public static final int MAX_NODES = 20;

    /**
     * @param operation what the step did, as the build page titles it: "Code deploy", "Plan run", "Puppet run", "Task run"
     * @param server the PE installation's name
     * @param target the environment or the plan (with its plan job)
     * @param status PE's status or state, or "unknown"
     * @param details commits, the reason of a failure (after the counts per node state for a Puppet run or task), or null
     * @param consoleUrl a PE console page, or null; anything but an http(s) URL is dropped
     */
    public PeOperationRecord(
            String operation,
            String server,
            String target,
            String status,
            String details,
            String consoleUrl,
            Instant timestamp) {
        this(operation, server, target, status, details, consoleUrl, timestamp, List.of(), 0);
    }

    /**
     * A Puppet run or task with its nodes (failed first); beyond {@link #MAX_NODES} only their number is kept.
     *
     * @param nodeTotal how many nodes the job has; the result map may already hold fewer than that
     */
    public PeOperationRecord(
            String operation,
            String server,
            String target,
            String status,
            String details,
            String consoleUrl,
            Instant timestamp,
            List<PeNodeRecord> nodes,
            int nodeTotal) {
        this.nodes = nodes.isEmpty() ? null : new ArrayList<>(nodes.subList(0, Math.min(MAX_NODES, nodes.size())));
        this.nodesOmitted = Math.max(0, Math.max(nodeTotal, nodes.size()) - MAX_NODES);
        this.operation = operation;
        this.server = server;
        this.target = target;
        this.status = status;
        this.details = details;
        this.consoleUrl = httpUrlOrNull(consoleUrl);
        this.timestamp = timestamp.toEpochMilli();
    }

    public String getOperation() {
        return operation;
    }

    public String getServer() {
        return server;
    }

    public String getTarget() {
        return target;
    }

    public String getStatus() {
        return status;
    }

    public String getDetails() {
        return details;
    }

    /** A link into the PE console; only ever an http(s) URL, so the page never renders another scheme. */
    public String getConsoleUrl() {
        return httpUrlOrNull(consoleUrl);
    }

    /** The nodes listed on the build page (empty for deploys and plans). */
    public List<PeNodeRecord> getNodes() {
        return nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** Nodes of the job not listed on the build page. */
    public int getNodesOmitted() {
        return nodesOmitted;
    }

    public Instant getTimestamp() {
        return Instant.ofEpochMilli(timestamp);
    }

    static String httpUrlOrNull(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null ? url : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
