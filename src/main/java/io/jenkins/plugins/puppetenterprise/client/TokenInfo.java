package io.jenkins.plugins.puppetenterprise.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * What {@code POST /rbac-api/v2/auth/token/authenticate} says about a token: whose it is and
 * when it expires. Never holds the token itself.
 */
public record TokenInfo(
        String login,
        String userId,
        String displayName,
        boolean superuser,
        boolean revoked,
        Instant creation,
        Instant expiration,
        Instant lastActive,
        String label) {

    static TokenInfo from(JsonNode node) {
        return new TokenInfo(
                LenientJson.text(node, "login"),
                LenientJson.firstText(node, "user_id", "id"),
                LenientJson.text(node, "display_name"),
                LenientJson.bool(node, "is_superuser"),
                LenientJson.bool(node, "is_revoked"),
                LenientJson.instant(node, "creation"),
                LenientJson.instant(node, "expiration"),
                LenientJson.instant(node, "last_active"),
                LenientJson.text(node, "label"));
    }
}
