package io.jenkins.plugins.puppetenterprise.client.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * @param liveEverywhereSince per environment, the earliest among the file-sync clients of the newest
 *     time code of it went live there ({@code file-sync-clients.<server>.deployed}); when {@code
 *     all-synced}, the time its newest code was staged; environments some client lacks are
 *     missing; empty unless {@code syncShown}
 * @param newestLiveEverywhere the environments whose newest staged code is live on every server:
 *     every staged one when {@code all-synced}, else those whose newest {@code
 *     file-sync-storage-status.deployed} entry's {@code deploy-signature} every file-sync client has
 *     live; empty unless {@code syncShown}
 * @param staged what file sync staged on the primary, with the deploy signatures
 */
public record DeployQueue(
        List<Entry> unfinished,
        List<Entry> failed,
        boolean syncShown,
        Map<String, Instant> liveEverywhereSince,
        Set<String> newestLiveEverywhere,
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
        liveEverywhereSince = Map.copyOf(liveEverywhereSince);
        newestLiveEverywhere = Set.copyOf(newestLiveEverywhere);
        staged = List.copyOf(staged);
    }

    /**
     * Whether file sync may have brought a deploy of the environment queued at {@code queuedSince}
     * (PE's clock; null when unknown) to every server: unless the listing shows a server whose code
     * of it went live before then (or none).
     */
    public boolean mayBeSyncedEverywhere(String environment, Instant queuedSince) {
        if (!syncShown) {
            return true;
        }
        Instant live = liveEverywhereSince.get(environment);
        return live != null && (queuedSince == null || !live.isBefore(queuedSince.truncatedTo(ChronoUnit.SECONDS)));
    }

    /**
     * Whether file sync surely brought a deploy of the environment that has left the queue to every
     * server: its newest staged code, ours or a later deploy's since ours left the queue, is live
     * on all of them. A live date no earlier than the deploy was queued ({@link
     * #mayBeSyncedEverywhere}) is only a guess: an earlier deploy's code can go live after ours was
     * queued.
     */
    public boolean surelySyncedEverywhere(String environment) {
        return newestLiveEverywhere.contains(environment);
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
                syncShown ? liveEverywhereSince(staged, clients) : Map.of(),
                syncShown ? newestLiveEverywhere(staged, clients) : Set.of(),
                staged));
    }

    private static Set<String> newestLiveEverywhere(List<StagedDeploy> staged, JsonNode clients) {
        Map<String, StagedDeploy> newest = new HashMap<>();
        for (StagedDeploy entry : staged) {
            if (entry.environment() != null && entry.date() != null) {
                newest.merge(entry.environment(), entry, (a, b) -> a.date().isAfter(b.date()) ? a : b);
            }
        }
        if (LenientJson.bool(clients, "all-synced")) {
            return newest.keySet();
        }
        JsonNode servers = clients.path("file-sync-clients");
        Set<String> everywhere = new HashSet<>();
        if (!servers.isObject() || servers.isEmpty()) {
            return everywhere;
        }
        newest.forEach((environment, entry) -> {
            if (entry.deploySignature() != null
                    && servers.properties().stream()
                            .allMatch(server -> hasLive(server.getValue().path("deployed"), entry))) {
                everywhere.add(environment);
            }
        });
        return everywhere;
    }

    /** Whether a server's live code ({@code deployed}) is the staged code of its environment, by signature. */
    private static boolean hasLive(JsonNode deployed, StagedDeploy staged) {
        for (JsonNode entry : deployed) {
            if (staged.environment().equals(LenientJson.firstText(entry, "environment", "project"))
                    && staged.deploySignature().equals(LenientJson.text(entry, "deploy-signature"))) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Instant> liveEverywhereSince(List<StagedDeploy> staged, JsonNode clients) {
        Map<String, Instant> newestStaged = new HashMap<>();
        for (StagedDeploy entry : staged) {
            if (entry.environment() != null && entry.date() != null) {
                newestStaged.merge(entry.environment(), entry.date(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        if (LenientJson.bool(clients, "all-synced")) {
            return newestStaged;
        }
        JsonNode servers = clients.path("file-sync-clients");
        if (!servers.isObject() || servers.isEmpty()) {
            return Map.of();
        }
        Map<String, Instant> everywhere = null;
        for (Map.Entry<String, JsonNode> server : servers.properties()) {
            Map<String, Instant> here = new HashMap<>();
            for (JsonNode entry : server.getValue().path("deployed")) {
                String environment = LenientJson.firstText(entry, "environment", "project");
                Instant date = LenientJson.instant(entry, "date");
                if (environment != null && date != null) {
                    here.merge(environment, date, (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            if (everywhere == null) {
                everywhere = here;
            } else {
                everywhere.keySet().retainAll(here.keySet());
                everywhere.replaceAll(
                        (environment, date) -> date.isBefore(here.get(environment)) ? date : here.get(environment));
            }
        }
        return everywhere;
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
