package io.jenkins.plugins.puppetenterprise.simulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RBAC's users and tokens, and the token check every service makes on every request. Guarded by
 * the simulator's lock.
 */
public final class RbacDirectory {
    /** PE's {@code rbac_token_auth_lifetime} default. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    /** PE's {@code rbac_token_maximum_lifetime} default. */
    public static final Duration MAXIMUM_LIFETIME = Duration.ofDays(3650);

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, SimulatedUser> users = new LinkedHashMap<>();
    private final Map<String, IssuedToken> tokens = new HashMap<>();
    private Duration idleTimeout;
    private boolean authenticateEndpoint = true;

    RbacDirectory(Clock clock) {
        this.clock = clock;
    }

    SimulatedUser addUser(String login, String password, UserPermissions permissions) {
        if (login == null || login.isBlank() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("A simulated user needs a non-blank login and a non-empty password");
        }
        if (users.containsKey(login)) {
            throw new IllegalArgumentException(
                    "A simulated user named '" + login + "' exists already; use setPermissions to change it");
        }
        SimulatedUser user = new SimulatedUser(login, password, permissions);
        users.put(login, user);
        return user;
    }

    public Optional<SimulatedUser> user(String login) {
        return Optional.ofNullable(users.get(login));
    }

    SimulatedUser requireUser(String login) {
        return user(login)
                .orElseThrow(() -> new IllegalArgumentException(
                        "No simulated user named '" + login + "': add it first with addUser(...)"));
    }

    public Optional<SimulatedUser> userById(String id) {
        return users.values().stream().filter(u -> u.id().equals(id)).findFirst();
    }

    /**
     * Issues a token. A label must be unique among the user's tokens that are still usable.
     *
     * @throws PeError 409 {@code conflict} for a duplicate label
     */
    public IssuedToken issue(SimulatedUser user, Duration lifetime, String label, String description, String client) {
        Instant now = clock.instant();
        if (label != null) {
            boolean taken = tokens.values().stream()
                    .anyMatch(t -> t.user() == user && label.equals(t.label()) && !t.revoked() && !t.expiredAt(now));
            if (taken) {
                throw PeError.of(
                        PeService.RBAC,
                        409,
                        "conflict",
                        "The label '" + label + "' is already used by another token of user " + user.login()
                                + "; choose a unique label");
            }
        }
        byte[] bytes = new byte[33];
        random.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        IssuedToken token = new IssuedToken(secret, user, now, now.plus(lifetime), label, description, client);
        tokens.put(secret, token);
        user.loggedIn(now);
        return token;
    }

    /**
     * The check Orchestrator and Code Manager make with RBAC: the token's user, or the 401 that
     * PE answers for a missing, unknown, expired or revoked token or a revoked user.
     */
    SimulatedUser authenticate(Optional<String> secret) {
        if (secret.isEmpty() || secret.get().isEmpty()) {
            throw PeError.of(PeService.RBAC, 401, "user-unauthenticated", "Route requires authentication");
        }
        IssuedToken token = tokens.get(secret.get());
        if (token == null) {
            throw PeError.of(
                    PeService.RBAC, 401, "invalid-token", "The provided token was either tampered with or invalid.");
        }
        if (token.revoked()) {
            throw PeError.of(PeService.RBAC, 401, "token-revoked", "Authentication token has been revoked.");
        }
        Instant now = clock.instant();
        if (token.expiredAt(now)) {
            throw PeError.of(PeService.RBAC, 401, "token-expired", "The provided token has expired.");
        }
        requireNotIdle(token, now);
        if (token.user().revoked()) {
            throw PeError.of(
                    PeService.RBAC, 401, "user-revoked", "User " + token.user().login() + " has been revoked.");
        }
        token.active(now);
        return token.user();
    }

    /** RBAC's idle timeout: a token unused this long is refused ({@code token-timed-out}); null for none. */
    void idleTimeout(Duration timeout) {
        this.idleTimeout = timeout;
    }

    public void requireNotIdle(IssuedToken token, Instant now) {
        if (idleTimeout != null && !now.isBefore(token.lastActive().plus(idleTimeout))) {
            throw PeError.of(
                    PeService.RBAC, 401, "token-timed-out", "The provided token has timed out due to inactivity.");
        }
    }

    /** Whether {@code POST /rbac-api/v2/auth/token/authenticate} exists; older releases answer 404. */
    void authenticateEndpoint(boolean present) {
        this.authenticateEndpoint = present;
    }

    public boolean authenticateEndpoint() {
        return authenticateEndpoint;
    }

    public Optional<IssuedToken> token(String secret) {
        return Optional.ofNullable(tokens.get(secret));
    }

    public List<IssuedToken> tokensOf(SimulatedUser user) {
        List<IssuedToken> result = new ArrayList<>();
        for (IssuedToken token : tokens.values()) {
            if (token.user() == user) {
                result.add(token);
            }
        }
        return result;
    }

    Iterable<String> tokenSecrets() {
        return List.copyOf(tokens.keySet());
    }

    Iterable<String> tokenSecretsAndPasswords() {
        List<String> secrets = new ArrayList<>(tokens.keySet());
        users.values().forEach(user -> secrets.add(user.password()));
        return secrets;
    }
}
