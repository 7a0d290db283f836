package io.jenkins.plugins.puppetenterprise.core;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * What a front end keeps between submitting work to PE and learning its outcome: small,
 * immutable, serializable and free of secrets, so a Pipeline can persist it and a watch can
 * resume from it after a controller restart. Progress (a plan job name learned late, the last
 * event seen) yields a new reference through the watch's sink.
 */
public abstract sealed class WatchReference implements Serializable
        permits PlanRunReference, CodeDeployReference, JobReference {
    private static final long serialVersionUID = 1L;

    private final String server;
    private final String marker;
    private final Instant submittedAt;
    private final Instant deadline;

    WatchReference(String server, String marker, Instant submittedAt, Instant deadline) {
        this.server = Objects.requireNonNull(server, "server");
        this.marker = Objects.requireNonNull(marker, "marker");
        this.submittedAt = Objects.requireNonNull(submittedAt, "submittedAt");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
    }

    /** The name of the PE installation the work was sent to. */
    public String server() {
        return server;
    }

    /** The per-run marker sent with the work (see {@link RunMarker}). */
    public String marker() {
        return marker;
    }

    /** When the work was submitted, by the core's clock. */
    public Instant submittedAt() {
        return submittedAt;
    }

    /** When waiting gives up; absolute, so a resumed watch keeps the original limit. */
    public Instant deadline() {
        return deadline;
    }

    /** One phrase naming the work for log lines and status, for example {@code plan job 42 (mymodule::deploy)}. */
    public abstract String describe();
}
