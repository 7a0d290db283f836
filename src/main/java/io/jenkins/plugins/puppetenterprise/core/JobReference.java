package io.jenkins.plugins.puppetenterprise.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A submitted Puppet run or task: its job name once known, how far its events have been read, and
 * what the verdict needs (nodes asked for, noop, failOnPendingChanges). Small and free of secrets,
 * like every reference; task parameter values are not in it.
 */
public final class JobReference extends WatchReference {
    private static final long serialVersionUID = 1L;

    /** {@link #lastEventId()} before any event was seen. */
    public static final long NO_EVENT = -1;

    private final String taskName;
    private final String environment;
    private final String job;
    private final long lastEventId;
    private final Integer requestedNodes;
    private final boolean noop;
    private final boolean failOnPendingChanges;
    private final boolean stopWhenAbandoned;
    private final boolean forceStop;

    /**
     * @param taskName the task, or null for a Puppet run
     * @param job the job name PE returned, or null when not known (the answer was lost, or the
     *     process stopped right after the POST): the watch then looks it up by the marker
     * @param requestedNodes how many certnames were asked for, or null for a query or node group
     */
    public JobReference(
            String server,
            String marker,
            Instant submittedAt,
            Instant deadline,
            String taskName,
            String environment,
            String job,
            long lastEventId,
            Integer requestedNodes,
            boolean noop,
            boolean failOnPendingChanges,
            boolean stopWhenAbandoned,
            boolean forceStop) {
        super(server, marker, submittedAt, deadline);
        this.taskName = taskName;
        this.environment = Objects.requireNonNull(environment, "environment");
        this.job = job;
        this.lastEventId = lastEventId;
        this.requestedNodes = requestedNodes;
        this.noop = noop;
        this.failOnPendingChanges = failOnPendingChanges;
        this.stopWhenAbandoned = stopWhenAbandoned;
        this.forceStop = forceStop;
    }

    public boolean isTask() {
        return taskName != null;
    }

    public String taskName() {
        return taskName;
    }

    /** The environment sent ({@code ""}: each node's own). */
    public String environment() {
        return environment;
    }

    /** The job name (a stringified integer), or null when not known yet. */
    public String job() {
        return job;
    }

    public long lastEventId() {
        return lastEventId;
    }

    public Integer requestedNodes() {
        return requestedNodes;
    }

    public boolean noop() {
        return noop;
    }

    public boolean failOnPendingChanges() {
        return failOnPendingChanges;
    }

    /** Stop the job in PE when waiting is cancelled or reaches its deadline. */
    public boolean stopWhenAbandoned() {
        return stopWhenAbandoned;
    }

    public boolean forceStop() {
        return forceStop;
    }

    public JobReference withJob(String name) {
        return new JobReference(
                server(),
                marker(),
                submittedAt(),
                deadline(),
                taskName,
                environment,
                name,
                lastEventId,
                requestedNodes,
                noop,
                failOnPendingChanges,
                stopWhenAbandoned,
                forceStop);
    }

    public JobReference withLastEventId(long id) {
        return new JobReference(
                server(),
                marker(),
                submittedAt(),
                deadline(),
                taskName,
                environment,
                job,
                id,
                requestedNodes,
                noop,
                failOnPendingChanges,
                stopWhenAbandoned,
                forceStop);
    }

    /** The job type PE lists it under ({@code deploy} or {@code task}). */
    public String jobType() {
        return isTask() ? "task" : "deploy";
    }

    @Override
    public String describe() {
        if (isTask()) {
            return (job == null ? "task run" : "task job " + job) + " (" + taskName + ")";
        }
        return job == null ? "Puppet run" : "Puppet run job " + job;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobReference other
                && server().equals(other.server())
                && marker().equals(other.marker())
                && submittedAt().equals(other.submittedAt())
                && deadline().equals(other.deadline())
                && Objects.equals(taskName, other.taskName)
                && environment.equals(other.environment)
                && Objects.equals(job, other.job)
                && lastEventId == other.lastEventId
                && Objects.equals(requestedNodes, other.requestedNodes)
                && noop == other.noop
                && failOnPendingChanges == other.failOnPendingChanges
                && stopWhenAbandoned == other.stopWhenAbandoned
                && forceStop == other.forceStop;
    }

    @Override
    public int hashCode() {
        return Objects.hash(server(), marker(), taskName, job, lastEventId);
    }

    @Override
    public String toString() {
        return "JobReference[server=" + server() + ", task=" + taskName + ", environment=" + environment + ", job="
                + job + ", lastEventId=" + lastEventId + ", marker=" + marker() + ", deadline=" + deadline() + "]";
    }
}
