package io.jenkins.plugins.puppetenterprise.client.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import io.jenkins.plugins.puppetenterprise.client.PeError;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One deploy found in the whole {@code GET /deploys/status} object (pe-api.md 3.2), which some
 * Code Manager releases and proxies send in answer to {@code ?id=}: by its id in {@code new},
 * {@code queued}, {@code deploying} or {@code failed}, or, where entries have no id, by its
 * environment queued no earlier than the submission. A deploy in none of them is deployed when file
 * sync staged its environment no earlier than the submission, and synced once {@code all-synced}
 * or every file-sync client has that signature. Times are PE's own: the submission's is the
 * {@code Date} of PE's answer to the deploy request (or the deploy's {@code queued-at} when an
 * earlier status listed it), never Jenkins' clock.
 */
public final class FullDeployStatus {
    private static final List<String> QUEUES = List.of("new", "queued", "deploying", "failed");

    private FullDeployStatus() {}

    /** Whether {@code json} is the whole status object rather than one deploy's. */
    static boolean isFull(JsonNode json) {
        return json.has("deploys-status") || json.has("file-sync-storage-status");
    }

    /**
     * @param notBefore the earliest time, on PE's clock, at which the deploy can have been queued or
     *     staged, or null when unknown (then only its id can find it)
     */
    static DeployStatus find(JsonNode whole, long id, String environment, Instant notBefore) {
        JsonNode queues = whole.path("deploys-status");
        for (String queue : QUEUES) {
            for (JsonNode entry : queues.path(queue)) {
                Long entryId = LenientJson.longValue(entry, "id");
                boolean ours = entryId != null
                        ? entryId == id
                        : environment != null
                                && environment.equals(LenientJson.firstText(entry, "environment", "project"))
                                && notBefore != null
                                && isAtOrAfter(LenientJson.instant(entry, "queued-at"), notBefore);
                if (ours) {
                    return new DeployStatus(
                            environment,
                            id,
                            queue,
                            LenientJson.instant(entry, "queued-at"),
                            PeError.from(entry.get("error")),
                            null,
                            null);
                }
            }
        }
        String unlisted = "Code Manager answered GET /deploys/status?id=" + id + " with the status of all deploys"
                + " (it ignored the id), which does not list deploy " + id + " of " + environment
                + " as new, queued, deploying or failed";
        if (notBefore == null || environment == null) {
            return unclear(
                    environment,
                    id,
                    unlisted + ", and PE's time of the deploy request is not known, so"
                            + " whether file sync staged this deploy cannot be told.");
        }
        JsonNode staged = null;
        for (JsonNode entry : whole.path("file-sync-storage-status").path("deployed")) {
            if (environment.equals(LenientJson.firstText(entry, "environment", "project"))
                    && isAtOrAfter(LenientJson.instant(entry, "date"), notBefore)) {
                staged = entry;
            }
        }
        if (staged == null) {
            return unclear(
                    environment,
                    id,
                    unlisted + ", nor has file sync staged " + environment + " since " + notBefore + " (PE's clock).");
        }
        String signature = LenientJson.text(staged, "deploy-signature");
        String status = isSyncedEverywhere(whole.path("file-sync-client-status"), environment, signature)
                ? "synced"
                : "syncing";
        return new DeployStatus(environment, id, status, null, null, signature, null);
    }

    private static boolean isSyncedEverywhere(JsonNode clientStatus, String environment, String signature) {
        if (LenientJson.bool(clientStatus, "all-synced")) {
            return true;
        }
        JsonNode clients = clientStatus.path("file-sync-clients");
        if (signature == null || !clients.isObject() || clients.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> client : clients.properties()) {
            boolean has = false;
            for (JsonNode entry : client.getValue().path("deployed")) {
                has |= environment.equals(LenientJson.firstText(entry, "environment", "project"))
                        && signature.equals(LenientJson.text(entry, "deploy-signature"));
            }
            if (!has) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAtOrAfter(Instant time, Instant notBefore) {
        return time != null && !time.isBefore(notBefore);
    }

    private static DeployStatus unclear(String environment, long id, String words) {
        return new DeployStatus(environment, id, null, null, null, null, words);
    }
}
