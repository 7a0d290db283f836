package io.jenkins.plugins.puppetenterprise.client;

import com.fasterxml.jackson.databind.JsonNode;

/** PE refused the request as invalid (HTTP 400, 409, 422): bad input, or a request this PE version does not understand. Not retried. */
public class PeBadRequestException extends PeApiException {
    private static final long serialVersionUID = 1L;

    public PeBadRequestException(
            String message, int status, String kind, String peMessage, JsonNode details, String fix) {
        super(message, status, kind, peMessage, details, fix);
    }

    public PeBadRequestException(
            String message, int status, String kind, String peMessage, JsonNode details, String fix, Throwable cause) {
        super(message, status, kind, peMessage, details, fix, cause);
    }
}
