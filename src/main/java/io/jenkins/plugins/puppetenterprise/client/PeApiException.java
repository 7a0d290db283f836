package io.jenkins.plugins.puppetenterprise.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A PE service refused, failed or could not be reached. The message is a complete sentence for a
 * build log: what was attempted, what PE said, and the likely fix. It never contains a token or
 * password. Subclasses say what kind of problem it is; {@link #kind()} carries PE's own error kind.
 */
public class PeApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String kind;
    private final String peMessage;
    private final transient JsonNode details;
    private final String fix;

    public PeApiException(String message, int status, String kind, String peMessage, JsonNode details, String fix) {
        this(message, status, kind, peMessage, details, fix, null);
    }

    public PeApiException(
            String message, int status, String kind, String peMessage, JsonNode details, String fix, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.kind = kind;
        this.peMessage = peMessage;
        this.details = details;
        this.fix = fix;
    }

    /** HTTP status of PE's answer, or 0 when there was none (connection or TLS failure). */
    public int status() {
        return status;
    }

    /** PE's error kind as sent, e.g. {@code puppetlabs.orchestrator/not-permitted}, or null. */
    public String kind() {
        return kind;
    }

    /** PE's own {@code msg} (secrets masked), or a safe excerpt of a non-JSON body, or null. */
    public String peMessage() {
        return peMessage;
    }

    /** PE's {@code details}: usually an object, sometimes a string, often null. */
    public JsonNode details() {
        return details;
    }

    /** The likely fix, one sentence, or null when there is nothing the user can do. */
    public String fix() {
        return fix;
    }
}
