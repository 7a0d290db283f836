package io.jenkins.plugins.puppetenterprise.client.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The deploys Code Manager lists under {@code deploys-status} of {@code GET /deploys/status}
 * without an id (pe-api.md 3.2): those not finished yet ({@code new}, {@code queued}, {@code
 * deploying}) and those that failed. Deploys that succeeded are in none of them.
 *
 * @param syncShown whether the listing shows file sync per server ({@code file-sync-client-status}
 *     with {@code all-synced} or {@code file-sync-clients}); without it nothing can be told of sync
 * @param syncedEverywhere the environments whose newest staged code ({@code
 *     file-sync-storage-status.deployed}) every file-sync client has, all staged ones when {@code
 *     all-synced}; empty unless {@code syncShown}
 */
public record DeployQueue(List<Entry> unfinished, List<Entry> failed, boolean syncShown, Set<String> syncedEverywhere) {
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
        syncedEverywhere = Set.copyOf(syncedEverywhere);
    }

    /** Whether file sync may have brought the environment's code to every server: unless the listing shows it has not. */
    public boolean mayBeSyncedEverywhere(String environment) {
        return !syncShown || syncedEverywhere.contains(environment);
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
        JsonNode clients = whole.path("file-sync-client-status");
        boolean syncShown = clients.path("all-synced").isBoolean()
                || clients.path("file-sync-clients").isObject();
        return Optional.of(new DeployQueue(
                unfinished,
                entries(queues.path("failed")),
                syncShown,
                syncShown ? syncedEverywhere(whole, clients) : Set.of()));
    }

    private static Set<String> syncedEverywhere(JsonNode whole, JsonNode clients) {
        Map<String, JsonNode> newestStaged = new LinkedHashMap<>();
        for (JsonNode entry : whole.path("file-sync-storage-status").path("deployed")) {
            String environment = LenientJson.firstText(entry, "environment", "project");
            JsonNode before = environment == null ? null : newestStaged.get(environment);
            Instant date = LenientJson.instant(entry, "date");
            if (environment != null
                    && (before == null
                            || date == null
                            || LenientJson.instant(before, "date") == null
                            || !date.isBefore(LenientJson.instant(before, "date")))) {
                newestStaged.put(environment, entry);
            }
        }
        Set<String> synced = new HashSet<>();
        newestStaged.forEach((environment, staged) -> {
            if (FullDeployStatus.isSyncedEverywhere(
                    clients, environment, LenientJson.text(staged, "deploy-signature"))) {
                synced.add(environment);
            }
        });
        return synced;
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
