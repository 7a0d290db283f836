package io.jenkins.plugins.puppetenterprise.client;

import com.fasterxml.jackson.databind.JsonNode;

/** PE (or a proxy in front of it) answered with something that is not what the API documents: a non-JSON body, or JSON of the wrong shape. The message carries the status and a short, safe excerpt. */
public class PeUnexpectedResponseException extends PeApiException {
    private static final long serialVersionUID = 1L;

    public PeUnexpectedResponseException(
            String message, int status, String kind, String peMessage, JsonNode details, String fix) {
        super(message, status, kind, peMessage, details, fix);
    }

    public PeUnexpectedResponseException(
            String message, int status, String kind, String peMessage, JsonNode details, String fix, Throwable cause) {
        super(message, status, kind, peMessage, details, fix, cause);
    }
}
