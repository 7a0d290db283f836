package io.jenkins.plugins.puppetenterprise.simulator;

import java.time.Instant;
import java.util.UUID;

/** An RBAC token and its metadata. Guarded by the simulator's lock; never printed. */
public final class IssuedToken {
    private final String secret;
    private final String id = UUID.randomUUID().toString();
    private final SimulatedUser user;
    private final Instant creation;
    private final Instant expiration;
    private final String label;
    private final String description;
    private final String client;
    private boolean revoked;
    private Instant lastActive;

    IssuedToken(
            String secret,
            SimulatedUser user,
            Instant creation,
            Instant expiration,
            String label,
            String description,
            String client) {
        this.secret = secret;
        this.user = user;
        this.creation = creation;
        this.expiration = expiration;
        this.label = label;
        this.description = description;
        this.client = client;
        this.lastActive = creation;
    }

    public String secret() {
        return secret;
    }

    String id() {
        return id;
    }

    public SimulatedUser user() {
        return user;
    }

    public Instant creation() {
        return creation;
    }

    public Instant expiration() {
        return expiration;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public String client() {
        return client;
    }

    public boolean revoked() {
        return revoked;
    }

    public void revoke() {
        revoked = true;
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiration);
    }

    public Instant lastActive() {
        return lastActive;
    }

    public void active(Instant at) {
        lastActive = at;
    }

    @Override
    public String toString() {
        return "IssuedToken[id=" + id + ", user=" + user.login() + ", label=" + label + "]";
    }
}
