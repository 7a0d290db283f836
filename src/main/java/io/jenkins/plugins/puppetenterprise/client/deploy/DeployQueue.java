package io.jenkins.plugins.puppetenterprise.client.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deploys Code Manager lists under {@code deploys-status} of {@code GET /deploys/status}
 * without an id (pe-api.md 3.2): those not finished yet ({@code new}, {@code queued}, {@code
 * deploying}) and those that failed. Deploys that succeeded are in none of them.
 *
 * @param syncShown whether the listing shows file sync per server ({@code file-sync-client-status}
 *     with {@code all-synced} or {@code file-sync-clients}); without it nothing can be told of sync
 * @param syncedEverywhere per environment, when its newest staged code ({@code
 *     file-sync-storage-status.deployed}) was staged, if every file-sync client has that code live
 *     ({@code file-sync-clients.<server>.deployed}: the same {@code deploy-signature}, or without
 *     signatures a live date no earlier than the staging); every staged environment when {@code
 *     all-synced}; other environments are missing; empty unless {@code syncShown}
 * @param staged what file sync staged on the primary, with the deploy signatures
 */
public record DeployQueue(
        List<Entry> unfinished,
        List<Entry> failed,
        boolean syncShown,
        Map<String, Instant> syncedEverywhere,
        List<StagedDeploy> staged) {
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
        syncedEverywhere = Map.copyOf(syncedEverywhere);
        staged = List.copyOf(staged);
    }

    /**
     * Whether file sync may have brought a deploy of the environment queued at {@code queuedSince}
     * (PE's clock; null when unknown) that has left the queue to every server: unless the listing
     * shows a server without the environment's newest staged code, or that code staged before the
     * deploy was queued. Deploys of one environment run one after another, so once ours left the
     * queue the newest staged code is ours or newer. A server's live date alone does not tell: an
     * earlier deploy's code can go live after ours was queued.
     */
    public boolean mayBeSyncedEverywhere(String environment, Instant queuedSince) {
        if (!syncShown) {
            return true;
        }
        Instant staged = syncedEverywhere.get(environment);
        return staged != null && (queuedSince == null || !staged.isBefore(queuedSince.truncatedTo(ChronoUnit.SECONDS)));
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
        List<StagedDeploy> staged = new ArrayList<>();
        for (JsonNode item : whole.path("file-sync-storage-status").path("deployed")) {
            if (item.isObject()) {
                staged.add(StagedDeploy.from(item));
            }
        }
        JsonNode clients = whole.path("file-sync-client-status");
        boolean syncShown = clients.path("all-synced").isBoolean()
                || clients.path("file-sync-clients").isObject();
        return Optional.of(new DeployQueue(
                unfinished,
                entries(queues.path("failed")),
                syncShown,
                syncShown ? syncedEverywhere(staged, clients) : Map.of(),
                staged));
    }

    private static Map<String, Instant> syncedEverywhere(List<StagedDeploy> staged, JsonNode clients) {
        Map<String, StagedDeploy> newestStaged = new HashMap<>();
        for (StagedDeploy entry : staged) {
            if (entry.environment() != null && entry.date() != null) {
                newestStaged.merge(
                        entry.environment(), entry, (a, b) -> a.date().isAfter(b.date()) ? a : b);
            }
        }
        Map<String, Instant> synced = new HashMap<>();
        if (LenientJson.bool(clients, "all-synced")) {
            newestStaged.forEach((environment, entry) -> synced.put(environment, entry.date()));
            return synced;
        }
        JsonNode servers = clients.path("file-sync-clients");
        if (!servers.isObject() || servers.isEmpty()) {
            return Map.of();
        }
        newestStaged.forEach((environment, entry) -> {
            boolean everywhere = true;
            for (Map.Entry<String, JsonNode> server : servers.properties()) {
                everywhere &= hasLive(server.getValue().path("deployed"), entry);
            }
            if (everywhere) {
                synced.put(environment, entry.date());
            }
        });
        return synced;
    }

    /** Whether a server's live code ({@code deployed}) holds the staged code of its environment. */
    private static boolean hasLive(JsonNode deployed, StagedDeploy staged) {
        for (JsonNode entry : deployed) {
            if (!staged.environment().equals(LenientJson.firstText(entry, "environment", "project"))) {
                continue;
            }
            String signature = LenientJson.text(entry, "deploy-signature");
            Instant date = LenientJson.instant(entry, "date");
            if (signature != null && staged.deploySignature() != null
                    ? signature.equals(staged.deploySignature())
                    : date != null && !date.isBefore(staged.date())) {
                return true;
            }
        }
        return false;
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
