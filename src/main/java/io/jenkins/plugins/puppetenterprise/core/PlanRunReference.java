package io.jenkins.plugins.puppetenterprise.core;

import java.time.Instant;
import java.util.Objects;

/** A submitted plan run: its plan job name once known, and how far its events have been read. */
public final class PlanRunReference extends WatchReference {
    private static final long serialVersionUID = 1L;

    /** {@link #lastEventId()} before any event was seen. */
    public static final long NO_EVENT = -1;

    private final String plan;
    private final String environment;
    private final String planJob;
    private final long lastEventId;
    private final boolean stopPlanWhenAbandoned;

    /**
     * @param planJob the plan job name PE returned, or null when it is not known (the process
     *     stopped right after the POST, or PE's answer was lost): the watch then looks the job up
     *     by the marker
     */
    public PlanRunReference(
            String server,
            String marker,
            Instant submittedAt,
            Instant deadline,
            String plan,
            String environment,
            String planJob,
            long lastEventId,
            boolean stopPlanWhenAbandoned) {
        super(server, marker, submittedAt, deadline);
        this.plan = Objects.requireNonNull(plan, "plan");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.planJob = planJob;
        this.lastEventId = lastEventId;
        this.stopPlanWhenAbandoned = stopPlanWhenAbandoned;
    }

    public String plan() {
        return plan;
    }

    public String environment() {
        return environment;
    }

    /** The plan job name (a stringified integer), or null when not known yet. */
    public String planJob() {
        return planJob;
    }

    /** The highest event id already handed to the sink, or {@link #NO_EVENT}. */
    public long lastEventId() {
        return lastEventId;
    }

    /** Stop the plan in PE when waiting is cancelled or reaches its deadline. */
    public boolean stopPlanWhenAbandoned() {
        return stopPlanWhenAbandoned;
    }

    public PlanRunReference withPlanJob(String planJob) {
        return new PlanRunReference(
                server(),
                marker(),
                submittedAt(),
                deadline(),
                plan,
                environment,
                planJob,
                lastEventId,
                stopPlanWhenAbandoned);
    }

    public PlanRunReference withLastEventId(long lastEventId) {
        return new PlanRunReference(
                server(),
                marker(),
                submittedAt(),
                deadline(),
                plan,
                environment,
                planJob,
                lastEventId,
                stopPlanWhenAbandoned);
    }

    @Override
    public String describe() {
        return (planJob == null ? "plan run" : "plan job " + planJob) + " (" + plan + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlanRunReference other
                && server().equals(other.server())
                && marker().equals(other.marker())
                && submittedAt().equals(other.submittedAt())
                && deadline().equals(other.deadline())
                && plan.equals(other.plan)
                && environment.equals(other.environment)
                && Objects.equals(planJob, other.planJob)
                && lastEventId == other.lastEventId
                && stopPlanWhenAbandoned == other.stopPlanWhenAbandoned;
    }

    @Override
    public int hashCode() {
        return Objects.hash(server(), marker(), plan, planJob, lastEventId);
    }

    @Override
    public String toString() {
        return "PlanRunReference[server=" + server() + ", plan=" + plan + ", environment=" + environment
                + ", planJob=" + planJob + ", lastEventId=" + lastEventId + ", marker=" + marker() + ", deadline="
                + deadline() + "]";
    }
}
