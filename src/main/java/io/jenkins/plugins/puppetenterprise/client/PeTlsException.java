package io.jenkins.plugins.puppetenterprise.client;

import com.fasterxml.jackson.databind.JsonNode;

/** The TLS connection to a PE service failed: its certificate is not signed by the configured CA bundle, or it does not carry the host name the client connected to. */
public class PeTlsException extends PeApiException {
    private static final long serialVersionUID = 1L;

    public PeTlsException(String message, int status, String kind, String peMessage, JsonNode details, String fix) {
        super(message, status, kind, peMessage, details, fix);
    }

    public PeTlsException(
            String message, int status, String kind, String peMessage, JsonNode details, String fix, Throwable cause) {
        super(message, status, kind, peMessage, details, fix, cause);
    }
}
