package io.jenkins.plugins.puppetenterprise.client.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import io.jenkins.plugins.puppetenterprise.client.PeError;
import java.time.Instant;

/**
 * One environment's entry in the answer to {@code POST /deploys}: {@code new}/{@code queued}
 * (without wait), {@code complete}/{@code failed} (with wait), or just the environment for a dry
 * run. {@code id} is null for dry runs and very old servers.
 *
 * @param answeredAt when PE answered the deploy request (its {@code Date} header), on PE's clock,
 *     or null when unknown: deploys listed in the whole status are matched against it
 */
public record DeployResult(
        String environment,
        Long id,
        String status,
        String deploySignature,
        String environmentCommit,
        String codeCommit,
        PeError error,
        Instant answeredAt) {

    public static DeployResult from(JsonNode node, Instant answeredAt) {
        JsonNode fileSync = node.path("file-sync");
        return new DeployResult(
                LenientJson.firstText(node, "environment", "project"),
                LenientJson.longValue(node, "id"),
                LenientJson.text(node, "status"),
                LenientJson.text(node, "deploy-signature"),
                LenientJson.text(fileSync, "environment-commit"),
                LenientJson.text(fileSync, "code-commit"),
                PeError.from(node.get("error")),
                answeredAt);
    }

    public boolean isComplete() {
        return "complete".equals(status);
    }

    public boolean isFailed() {
        return "failed".equals(status) || error != null;
    }
}
