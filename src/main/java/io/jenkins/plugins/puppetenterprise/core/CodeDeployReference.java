package io.jenkins.plugins.puppetenterprise.core;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Submitted Code Manager deploys: one queue entry per environment. */
public final class CodeDeployReference extends WatchReference {
    private static final long serialVersionUID = 1L;

    /** One environment's deploy as Code Manager queued it. */
    public static final class Deploy implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String environment;
        private final Long id;
        /** Null in references saved before it was kept, and when no branch name was corrected. */
        private final String correctedBranch;

        /** @param id Code Manager's deploy id, or null when PE returned none (dry runs, old releases) */
        public Deploy(String environment, Long id) {
            this(environment, id, null);
        }

        /** @param correctedBranch the branch whose corrected name {@code environment} is, or null */
        public Deploy(String environment, Long id, String correctedBranch) {
            this.environment = Objects.requireNonNull(environment, "environment");
            this.id = id;
            this.correctedBranch = correctedBranch;
        }

        public String environment() {
            return environment;
        }

        public Long id() {
            return id;
        }

        /** The branch whose name Code Manager must correct to deploy this environment, or null. */
        public String correctedBranch() {
            return correctedBranch;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Deploy other
                    && environment.equals(other.environment)
                    && Objects.equals(id, other.id)
                    && Objects.equals(correctedBranch, other.correctedBranch);
        }

        @Override
        public int hashCode() {
            return Objects.hash(environment, id, correctedBranch);
        }

        @Override
        public String toString() {
            return environment + (id == null ? "" : "#" + id);
        }
    }

    private final List<Deploy> deploys;
    private final boolean dryRun;
    /** Null in references saved before it was kept, and when PE's answer had no Date header. */
    private final Instant acceptedOnPeClock;

    public CodeDeployReference(
            String server, String marker, Instant submittedAt, Instant deadline, List<Deploy> deploys, boolean dryRun) {
        this(server, marker, submittedAt, deadline, deploys, dryRun, null);
    }

    /**
     * @param acceptedOnPeClock when PE answered the deploy request, on PE's clock (its {@code Date}
     *     header), or null when unknown
     */
    public CodeDeployReference(
            String server,
            String marker,
            Instant submittedAt,
            Instant deadline,
            List<Deploy> deploys,
            boolean dryRun,
            Instant acceptedOnPeClock) {
        super(server, marker, submittedAt, deadline);
        this.deploys = List.copyOf(deploys);
        this.dryRun = dryRun;
        this.acceptedOnPeClock = acceptedOnPeClock;
    }

    /**
     * When PE answered the deploy request, on PE's clock, or null when unknown: deploys found only
     * in a whole status answer are compared with it, never with Jenkins' clock.
     */
    public Instant acceptedOnPeClock() {
        return acceptedOnPeClock;
    }

    /** The environments Code Manager accepted, in its order. */
    public List<Deploy> deploys() {
        return deploys;
    }

    /** A dry run: the environments would be deployed; nothing is queued and nothing to wait for. */
    public boolean dryRun() {
        return dryRun;
    }

    @Override
    public String describe() {
        return (dryRun ? "code deploy dry run of " : "code deploy of ")
                + String.join(", ", deploys.stream().map(Deploy::environment).toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodeDeployReference other
                && server().equals(other.server())
                && marker().equals(other.marker())
                && submittedAt().equals(other.submittedAt())
                && deadline().equals(other.deadline())
                && deploys.equals(other.deploys)
                && dryRun == other.dryRun
                && Objects.equals(acceptedOnPeClock, other.acceptedOnPeClock);
    }

    @Override
    public int hashCode() {
        return Objects.hash(server(), marker(), deploys);
    }

    @Override
    public String toString() {
        return "CodeDeployReference[server=" + server() + ", deploys=" + deploys + ", dryRun=" + dryRun + ", marker="
                + marker() + ", deadline=" + deadline() + "]";
    }
}
