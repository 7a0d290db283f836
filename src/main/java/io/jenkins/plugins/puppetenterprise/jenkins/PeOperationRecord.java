package io.jenkins.plugins.puppetenterprise.jenkins;

import java.io.Serializable;
import java.net.URI;
import java.time.Instant;
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

    /**
     * @param operation "Code deploy" or "Plan run"
     * @param server the PE installation's name
     * @param target the environment or the plan (with its plan job)
     * @param status PE's status or state, or "unknown"
     * @param details commits, the reason of a failure, or null
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
