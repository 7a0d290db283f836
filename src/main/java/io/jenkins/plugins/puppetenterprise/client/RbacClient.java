package io.jenkins.plugins.puppetenterprise.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** RBAC token calls (pe-api.md section 2): log in, inspect a token, revoke a token. */
public final class RbacClient {
    private final PeHttpTransport transport;
    private final Duration timeout;

    RbacClient(PeHttpTransport transport, Duration timeout) {
        this.transport = transport;
        this.timeout = timeout;
    }

    /**
     * Mints a token ({@code POST /rbac-api/v1/auth/token}). Repeated on RBAC's start-up answers
     * and on connection failures; the label must already be unique (see {@link PeSession}).
     *
     * @param lifetime the token's lifetime, or null for PE's default
     */
    public CompletableFuture<PeSecret> login(String login, PeSecret password, Duration lifetime, String label) {
        ObjectNode body = LenientJson.MAPPER.createObjectNode();
        body.put("login", login);
        body.put("password", password.plainText());
        if (lifetime != null) {
            body.put("lifetime", TokenLabel.lifetime(lifetime));
        }
        if (label != null) {
            body.put("label", label);
        }
        body.put("client", "Jenkins Puppet Enterprise plugin");
        PeRequest request = new PeRequest(
                PeService.RBAC,
                "POST",
                "/rbac-api/v1/auth/token",
                Map.of(),
                body,
                null,
                timeout,
                PeRequest.Repeat.LOGIN,
                "log in to PE as '" + login + "'",
                null,
                null);
        return transport.send(request).thenApply(json -> {
            String token = LenientJson.text(json, "token");
            if (token == null || token.isBlank()) {
                throw PeErrorTranslator.unexpectedShape(request, 200, json, "a token", java.util.List.of());
            }
            return PeSecret.of(token);
        });
    }

    /**
     * Who a token belongs to and when it expires ({@code POST /rbac-api/v2/auth/token/authenticate},
     * without counting as activity). An expired, revoked or unknown token fails with
     * {@link PeCredentialsException}.
     */
    public CompletableFuture<TokenInfo> authenticate(PeSecret token) {
        ObjectNode body = LenientJson.MAPPER.createObjectNode();
        body.put("token", token.plainText());
        body.put("update_last_activity?", false);
        PeRequest request = new PeRequest(
                PeService.RBAC,
                "POST",
                "/rbac-api/v2/auth/token/authenticate",
                Map.of(),
                body,
                null,
                timeout,
                PeRequest.Repeat.SAFE,
                "check the RBAC token",
                null,
                null);
        return transport.send(request).thenApply(json -> {
            if (!json.isObject() || LenientJson.isErrorObject(json) || LenientJson.text(json, "login") == null) {
                throw PeErrorTranslator.unexpectedShape(request, 200, json, "the token's user", java.util.List.of());
            }
            return TokenInfo.from(json);
        });
    }

    /**
     * Revokes a token ({@code DELETE /rbac-api/v2/tokens} with {@code revoke_tokens} in the JSON
     * body, so the token is not in a URL), authenticated by the token itself. Idempotent.
     */
    public CompletableFuture<Void> revoke(PeSecret token) {
        ObjectNode body = LenientJson.MAPPER.createObjectNode();
        body.putArray("revoke_tokens").add(token.plainText());
        PeRequest request = new PeRequest(
                PeService.RBAC,
                "DELETE",
                "/rbac-api/v2/tokens",
                Map.of(),
                body,
                token,
                timeout,
                PeRequest.Repeat.SAFE,
                "revoke the RBAC token made for this build",
                null,
                null);
        return transport.send(request).thenApply(json -> null);
    }

    /**
     * Revokes the caller's own token that bears {@code label} ({@code revoke_tokens_by_labels}),
     * authenticated by {@code caller}: for a token PE minted whose answer was lost, so that nobody
     * holds it. Idempotent.
     */
    public CompletableFuture<Void> revokeByLabel(PeSecret caller, String label) {
        ObjectNode body = LenientJson.MAPPER.createObjectNode();
        body.putArray("revoke_tokens_by_labels").add(label);
        PeRequest request = new PeRequest(
                PeService.RBAC,
                "DELETE",
                "/rbac-api/v2/tokens",
                Map.of(),
                body,
                caller,
                timeout,
                PeRequest.Repeat.SAFE,
                "revoke the RBAC token whose login answer was lost",
                null,
                null);
        return transport.send(request).thenApply(json -> null);
    }
}
