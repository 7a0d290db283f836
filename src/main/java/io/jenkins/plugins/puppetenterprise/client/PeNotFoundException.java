package io.jenkins.plugins.puppetenterprise.client;

import com.fasterxml.jackson.databind.JsonNode;

/** PE does not know a named thing: environment, plan, job, event (HTTP 404 with an {@code unknown-*} kind). */
public class PeNotFoundException extends PeApiException {
    private static final long serialVersionUID = 1L;

    public PeNotFoundException(
            String message, int status, String kind, String peMessage, JsonNode details, String fix) {
        super(message, status, kind, peMessage, details, fix);
    }

    public PeNotFoundException(
            String message, int status, String kind, String peMessage, JsonNode details, String fix, Throwable cause) {
        super(message, status, kind, peMessage, details, fix, cause);
    }
}
