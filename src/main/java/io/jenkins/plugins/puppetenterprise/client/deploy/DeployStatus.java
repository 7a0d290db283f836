package io.jenkins.plugins.puppetenterprise.client.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import io.jenkins.plugins.puppetenterprise.client.PeError;
import java.time.Instant;

/**
 * One deploy as {@code GET /deploys/status?id=} reports it: {@code new}, {@code queued},
 * {@code deploying}, {@code syncing}, then {@code synced} (success) or {@code failed}.
 *
 * @param deploySignature the control-repository commit, when the status said it (only a status
 *     read from the whole status object, {@link FullDeployStatus})
 * @param unclear when Code Manager's answer did not say where the deploy is: why, in words, and
 *     {@code status} is null (the caller keeps waiting)
 */
public record DeployStatus(
        String environment,
        Long id,
        String status,
        Instant queuedAt,
        PeError error,
        String deploySignature,
        String unclear) {

    public static DeployStatus from(JsonNode node) {
        return new DeployStatus(
                LenientJson.firstText(node, "environment", "project"),
                LenientJson.longValue(node, "id"),
                LenientJson.text(node, "status"),
                LenientJson.instant(node, "queued-at"),
                PeError.from(node.get("error")),
                null,
                null);
    }

    public boolean isSynced() {
        return "synced".equals(status) || "complete".equals(status);
    }

    public boolean isFailed() {
        return "failed".equals(status);
    }

    public boolean isTerminal() {
        return isSynced() || isFailed();
    }
}
