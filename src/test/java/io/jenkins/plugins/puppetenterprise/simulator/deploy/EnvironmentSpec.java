package io.jenkins.plugins.puppetenterprise.simulator.deploy;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A code environment the simulated control repository knows, with how a deploy of it goes: it is
 * {@code new} for {@code newFor}, {@code queued} for {@code queuedFor}, {@code deploying} for
 * {@code deployFor}, then either {@code failed} (when {@code failure} is set) or {@code syncing}
 * for {@code syncFor} and finally {@code synced}.
 *
 * @param failure the r10k error line a deploy of it fails with, or null when deploys succeed
 */
public record EnvironmentSpec(
        String name, Duration newFor, Duration queuedFor, Duration deployFor, Duration syncFor, String failure) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

    public EnvironmentSpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "Environment name '" + name + "' is not valid: use letters, digits and underscores only");
        }
        for (Duration d : new Duration[] {newFor, queuedFor, deployFor, syncFor}) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("Deploy phase durations of '" + name + "' must be zero or more");
            }
        }
    }

    /** An environment whose deploys succeed after 1 s of deploying and 250 ms of syncing. */
    public static EnvironmentSpec named(String name) {
        return new EnvironmentSpec(
                name, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), Duration.ofMillis(250), null);
    }

    public EnvironmentSpec withDeployDuration(Duration deployFor) {
        return new EnvironmentSpec(name, newFor, queuedFor, deployFor, syncFor, failure);
    }

    public EnvironmentSpec withSyncDuration(Duration syncFor) {
        return new EnvironmentSpec(name, newFor, queuedFor, deployFor, syncFor, failure);
    }

    /** Time spent {@code new} and then {@code queued} before deploying starts. */
    public EnvironmentSpec withQueueDurations(Duration newFor, Duration queuedFor) {
        return new EnvironmentSpec(name, newFor, queuedFor, deployFor, syncFor, failure);
    }

    /** Deploys of this environment fail with this r10k error line, e.g. a Git authentication failure. */
    public EnvironmentSpec failingWith(String r10kError) {
        return new EnvironmentSpec(name, newFor, queuedFor, deployFor, syncFor, Objects.requireNonNull(r10kError));
    }

    /** No time in any phase: a deploy is {@code synced} (or {@code failed}) the moment it is made. */
    public EnvironmentSpec instant() {
        return new EnvironmentSpec(name, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, failure);
    }
}
