package io.jenkins.plugins.puppetenterprise.client;

import com.fasterxml.jackson.databind.JsonNode;

/** The credentials are valid but their PE user lacks a permission (HTTP 403); the message names it. */
public class PePermissionException extends PeApiException {
    private static final long serialVersionUID = 1L;

    public PePermissionException(
            String message, int status, String kind, String peMessage, JsonNode details, String fix) {
        super(message, status, kind, peMessage, details, fix);
    }

    public PePermissionException(
            String message, int status, String kind, String peMessage, JsonNode details, String fix, Throwable cause) {
        super(message, status, kind, peMessage, details, fix, cause);
    }
}
