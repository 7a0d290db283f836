package io.jenkins.plugins.puppetenterprise.client;

import com.fasterxml.jackson.databind.JsonNode;

/** PE was unreachable or temporarily unavailable (connection refused or timed out, HTTP 502/503/504, RBAC starting up) and stayed so through every retry the call allowed. */
public class PeTransientException extends PeApiException {
    private static final long serialVersionUID = 1L;

    public PeTransientException(
            String message, int status, String kind, String peMessage, JsonNode details, String fix) {
        super(message, status, kind, peMessage, details, fix);
    }

    public PeTransientException(
            String message, int status, String kind, String peMessage, JsonNode details, String fix, Throwable cause) {
        super(message, status, kind, peMessage, details, fix, cause);
    }
}
