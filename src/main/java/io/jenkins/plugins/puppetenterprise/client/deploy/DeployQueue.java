package io.jenkins.plugins.puppetenterprise.client.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The deploys Code Manager lists under {@code deploys-status} of {@code GET /deploys/status}
 * without an id (pe-api.md 3.2): those not finished yet ({@code new}, {@code queued}, {@code
 * deploying}) and those that failed. Deploys that succeeded are in none of them.
 */
public record DeployQueue(List<Entry> unfinished, List<Entry> failed) {
    private static final List<String> UNFINISHED = List.of("new", "queued", "deploying");

    /**
     * One listed deploy.
     *
     * @param id null where Code Manager lists no ids (older releases)
     * @param queuedAt on PE's clock; null when not listed
     */
    public record Entry(String environment, Long id, Instant queuedAt) {}

    public DeployQueue {
        unfinished = List.copyOf(unfinished);
        failed = List.copyOf(failed);
    }

    /** The queue of a whole status object; empty when it lacks any of the four arrays. */
    static Optional<DeployQueue> from(JsonNode whole) {
        JsonNode queues = whole.path("deploys-status");
        for (String array : List.of("new", "queued", "deploying", "failed")) {
            if (!queues.path(array).isArray()) {
                return Optional.empty();
            }
        }
        List<Entry> unfinished = new ArrayList<>();
        for (String array : UNFINISHED) {
            unfinished.addAll(entries(queues.path(array)));
        }
        return Optional.of(new DeployQueue(unfinished, entries(queues.path("failed"))));
    }

    private static List<Entry> entries(JsonNode array) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode item : array) {
            if (item.isObject()) {
                entries.add(new Entry(
                        LenientJson.firstText(item, "environment", "project"),
                        LenientJson.longValue(item, "id"),
                        LenientJson.instant(item, "queued-at")));
            }
        }
        return entries;
    }
}
