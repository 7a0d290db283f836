package io.jenkins.plugins.puppetenterprise.client;

import com.fasterxml.jackson.databind.JsonNode;

/** PE did not accept the credentials: a wrong user name or password, or a token that is missing, expired, revoked or unknown (HTTP 401, or an RBAC token kind). */
public class PeCredentialsException extends PeApiException {
    private static final long serialVersionUID = 1L;

    public PeCredentialsException(
            String message, int status, String kind, String peMessage, JsonNode details, String fix) {
        super(message, status, kind, peMessage, details, fix);
    }

    public PeCredentialsException(
            String message, int status, String kind, String peMessage, JsonNode details, String fix, Throwable cause) {
        super(message, status, kind, peMessage, details, fix, cause);
    }
}
