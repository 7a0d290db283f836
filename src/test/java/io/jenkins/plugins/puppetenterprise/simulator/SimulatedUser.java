package io.jenkins.plugins.puppetenterprise.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A PE console user. Guarded by the simulator's lock. */
public final class SimulatedUser {
    private final String id = UUID.randomUUID().toString();
    private final String login;
    private final String password;
    private UserPermissions permissions;
    private boolean revoked;
    private Instant lastLogin;

    SimulatedUser(String login, String password, UserPermissions permissions) {
        this.login = login;
        this.password = password;
        this.permissions = permissions;
    }

    public String id() {
        return id;
    }

    public String login() {
        return login;
    }

    public boolean passwordMatches(String candidate) {
        return password.equals(candidate);
    }

    String password() {
        return password;
    }

    public UserPermissions permissions() {
        return permissions;
    }

    void permissions(UserPermissions permissions) {
        this.permissions = permissions;
    }

    public boolean revoked() {
        return revoked;
    }

    void revoked(boolean revoked) {
        this.revoked = revoked;
    }

    void loggedIn(Instant at) {
        lastLogin = at;
    }

    /** The user object PE embeds as a job's {@code owner} and in token checks. */
    public Map<String, Object> describe() {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", id);
        user.put("login", login);
        user.put("display_name", login);
        user.put("email", login + "@example.com");
        user.put("is_superuser", permissions.administer());
        user.put("is_remote", false);
        user.put("is_group", false);
        user.put("is_revoked", revoked);
        user.put("role_ids", permissions.administer() ? List.of(1) : List.of(4));
        user.put("last_login", SimulatorJson.timestamp(lastLogin));
        return user;
    }

    @Override
    public String toString() {
        return "SimulatedUser[" + login + "]";
    }
}
