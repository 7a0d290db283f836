package io.jenkins.plugins.puppetenterprise.core;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether one PE installation answers, shared by every watch of it in the JVM (keyed by its service
 * URLs, so an installation pointed elsewhere starts afresh). When a poll gets no answer, or a
 * gateway's 502, 503 or 504 without PE's error object, the installation counts as unreachable: the other watches then skip
 * their polls (keeping their own schedule, so they resume spread out, never at once) and only one
 * watch at a time probes, at most once per {@link #PROBE_INTERVAL}, until an answer comes again.
 * Without it a thousand watches would each discover an outage with requests of their own.
 */
final class ServerReachability {
    /** How often, at most, one watch tries an unreachable installation. */
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);

    private boolean unreachable;
    private Instant nextProbe;

    /**
     * Whether a watch may poll now. While the installation is unreachable, only the first watch
     * asking after the probe interval may: it becomes the probe.
     */
    synchronized boolean mayPoll(Instant now) {
        if (!unreachable) {
            return true;
        }
        if (now.isBefore(nextProbe)) {
            return false;
        }
        nextProbe = now.plus(PROBE_INTERVAL);
        return true;
    }

    /** A poll got an answer. */
    synchronized void answered() {
        unreachable = false;
    }

    /** A poll got no answer (an answer could come later). */
    synchronized void failed(Instant now) {
        if (!unreachable) {
            unreachable = true;
            nextProbe = now.plus(PROBE_INTERVAL);
        }
    }
}
