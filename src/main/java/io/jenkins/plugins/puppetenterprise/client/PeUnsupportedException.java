package io.jenkins.plugins.puppetenterprise.client;

import com.fasterxml.jackson.databind.JsonNode;

/** The PE server is too old for the requested call (for example stopping a plan needs PE 2021.7.1). */
public class PeUnsupportedException extends PeApiException {
    private static final long serialVersionUID = 1L;

    public PeUnsupportedException(
            String message, int status, String kind, String peMessage, JsonNode details, String fix) {
        super(message, status, kind, peMessage, details, fix);
    }

    public PeUnsupportedException(
            String message, int status, String kind, String peMessage, JsonNode details, String fix, Throwable cause) {
        super(message, status, kind, peMessage, details, fix, cause);
    }
}
