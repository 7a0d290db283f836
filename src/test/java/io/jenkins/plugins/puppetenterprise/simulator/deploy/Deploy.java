package io.jenkins.plugins.puppetenterprise.simulator.deploy;

import io.jenkins.plugins.puppetenterprise.simulator.SimulatorJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One environment deploy in Code Manager's queue. Its status is a function of the clock, so no
 * thread moves it along.
 */
public final class Deploy {
    private final int id;
    private final String environment;
    private final Instant queuedAt;
    private final Instant queuedFrom;
    private final Instant deployingFrom;
    private final Instant endOfDeploying;
    private final Instant doneAt;
    private final Map<String, Object> error;

    Deploy(int id, String environment, EnvironmentSpec spec, Instant now) {
        this.id = id;
        this.environment = environment;
        this.queuedAt = now;
        this.queuedFrom = now.plus(spec.newFor());
        this.deployingFrom = queuedFrom.plus(spec.queuedFor());
        this.endOfDeploying = deployingFrom.plus(spec.deployFor());
        this.doneAt = spec.failure() == null ? endOfDeploying.plus(spec.syncFor()) : endOfDeploying;
        this.error = spec.failure() == null ? null : error(environment, spec.failure());
    }

    private static Map<String, Object> error(String environment, String r10kError) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("kind", "puppetlabs.code-manager/deploy-failure");
        error.put(
                "msg",
                "Errors while deploying environment '" + environment + "' (exit code: 1):\nERROR\t -> " + r10kError
                        + "\n");
        error.put("details", Map.of("corrected-name", environment));
        return error;
    }

    public int id() {
        return id;
    }

    public String environment() {
        return environment;
    }

    public Instant doneAt() {
        return doneAt;
    }

    Instant syncStart() {
        return endOfDeploying;
    }

    boolean fails() {
        return error != null;
    }

    /** {@code new}, {@code queued}, {@code deploying}, {@code syncing}, {@code synced} or {@code failed}. */
    public String status(Instant now) {
        if (now.isBefore(queuedFrom)) {
            return "new";
        }
        if (now.isBefore(deployingFrom)) {
            return "queued";
        }
        if (now.isBefore(endOfDeploying)) {
            return "deploying";
        }
        if (error != null) {
            return "failed";
        }
        return now.isBefore(doneAt) ? "syncing" : "synced";
    }

    boolean syncingAt(Instant now) {
        return "syncing".equals(status(now));
    }

    boolean finishedAt(Instant now) {
        return !now.isBefore(doneAt);
    }

    /** The control-repo commit deployed; stable per deploy. */
    String signature() {
        return sha1("signature " + environment + " " + id);
    }

    /** The answer of {@code GET /deploys/status?id=}. */
    Map<String, Object> condensed(Instant now) {
        Map<String, Object> entry = queueEntry();
        entry.put("status", status(now));
        if (error != null && "failed".equals(status(now))) {
            entry.put("error", error);
        }
        return entry;
    }

    /** An entry of the {@code deploys-status} arrays. */
    Map<String, Object> queueEntry() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("environment", environment);
        entry.put("id", id);
        entry.put("queued-at", SimulatorJson.timestamp(queuedAt));
        return entry;
    }

    Map<String, Object> failedEntry() {
        Map<String, Object> entry = queueEntry();
        entry.put("error", error);
        return entry;
    }

    /** The entry of a {@code wait: true} answer, once finished. */
    Map<String, Object> waitResult() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("environment", environment);
        entry.put("id", id);
        if (error != null) {
            entry.put("status", "failed");
            entry.put("error", error);
        } else {
            entry.put("status", "complete");
            entry.put("deploy-signature", signature());
            entry.put(
                    "file-sync",
                    Map.of(
                            "environment-commit", sha1("environment " + environment + " " + id),
                            "code-commit", sha1("code " + environment + " " + id)));
        }
        return entry;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
