package io.jenkins.plugins.puppetenterprise.client;

import com.fasterxml.jackson.databind.JsonNode;

/** A PE service failed with an unexpected server error (HTTP 500 and other 5xx not known to be transient). */
public class PeServerException extends PeApiException {
    private static final long serialVersionUID = 1L;

    public PeServerException(String message, int status, String kind, String peMessage, JsonNode details, String fix) {
        super(message, status, kind, peMessage, details, fix);
    }

    public PeServerException(
            String message, int status, String kind, String peMessage, JsonNode details, String fix, Throwable cause) {
        super(message, status, kind, peMessage, details, fix, cause);
    }
}
