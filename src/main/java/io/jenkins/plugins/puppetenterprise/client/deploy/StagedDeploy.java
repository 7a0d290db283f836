package io.jenkins.plugins.puppetenterprise.client.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import java.time.Instant;

/**
 * One environment's code that file sync has staged on the primary, as listed under
 * {@code file-sync-storage-status.deployed} of {@code GET /deploys/status} (pe-api.md 3.2): when
 * it was staged and the control-repository commit deployed ({@code deploy-signature}).
 */
public record StagedDeploy(String environment, Instant date, String deploySignature) {

    static StagedDeploy from(JsonNode node) {
        return new StagedDeploy(
                LenientJson.firstText(node, "environment", "project"),
                LenientJson.instant(node, "date"),
                LenientJson.text(node, "deploy-signature"));
    }
}
