package io.jenkins.plugins.puppetenterprise.simulator.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.simulator.EndpointHandler;
import io.jenkins.plugins.puppetenterprise.simulator.IssuedToken;
import io.jenkins.plugins.puppetenterprise.simulator.PeEndpoint;
import io.jenkins.plugins.puppetenterprise.simulator.PeError;
import io.jenkins.plugins.puppetenterprise.simulator.PeService;
import io.jenkins.plugins.puppetenterprise.simulator.RbacDirectory;
import io.jenkins.plugins.puppetenterprise.simulator.SecretRedactor;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatedUser;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatorJson;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatorRequest;
import io.jenkins.plugins.puppetenterprise.simulator.SimulatorResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RBAC's token endpoints (pe-api.md section 2). */
public final class RbacApi {
    private static final Pattern LIFETIME = Pattern.compile("(\\d{1,12})([ydhms]?)");
    private static final List<String> REVOKE_PARAMETERS =
            List.of("revoke_tokens", "revoke_tokens_by_labels", "revoke_tokens_by_usernames", "revoke_tokens_by_ids");

    private final Clock clock;
    private final RbacDirectory directory;

    public RbacApi(Clock clock, RbacDirectory directory) {
        this.clock = clock;
        this.directory = directory;
    }

    public Map<PeEndpoint, EndpointHandler> handlers() {
        Map<PeEndpoint, EndpointHandler> handlers = new LinkedHashMap<>();
        handlers.put(PeEndpoint.LOGIN, (request, caller) -> login(request));
        handlers.put(PeEndpoint.MINT_TOKEN, this::mintToken);
        handlers.put(PeEndpoint.AUTHENTICATE_TOKEN, (request, caller) -> authenticateToken(request));
        handlers.put(PeEndpoint.REVOKE_TOKENS, this::revokeTokens);
        handlers.put(PeEndpoint.REVOKE_TOKEN, this::revokeToken);
        return handlers;
    }

    private SimulatorResponse login(SimulatorRequest request) {
        JsonNode body = object(request.body());
        String login = requiredString(body, "login");
        String password = requiredString(body, "password");
        TokenOptions options = tokenOptions(body);
        SimulatedUser user = directory.user(login).orElse(null);
        if (user == null || !user.passwordMatches(password)) {
            throw PeError.of(PeService.RBAC, 401, "user-unauthenticated", "The username or password is incorrect.");
        }
        if (user.revoked()) {
            throw PeError.of(PeService.RBAC, 401, "user-revoked", "User " + login + " has been revoked.");
        }
        return issued(user, options);
    }

    private SimulatorResponse mintToken(SimulatorRequest request, SimulatedUser caller) {
        JsonNode body = request.hasBody() ? object(request.body()) : SimulatorJson.object();
        return issued(caller, tokenOptions(body));
    }

    private SimulatorResponse issued(SimulatedUser user, TokenOptions options) {
        IssuedToken token = directory.issue(user, options.lifetime, options.label, options.description, options.client);
        return SimulatorResponse.json(200, Map.of("token", token.secret()));
    }

    private SimulatorResponse authenticateToken(SimulatorRequest request) {
        if (!directory.authenticateEndpoint()) {
            throw PeError.of(PeService.RBAC, 404, "not-found", "Not found: " + request.path());
        }
        JsonNode body = object(request.body());
        String secret = requiredString(body, "token");
        JsonNode update = body.get("update_last_activity?");
        if (update != null && !update.isBoolean()) {
            throw schemaViolation(body, "update_last_activity? must be a boolean");
        }
        IssuedToken token = directory
                .token(secret)
                .orElseThrow(() -> PeError.of(
                        PeService.RBAC,
                        400,
                        "invalid-token",
                        "The provided token was either tampered with or invalid."));
        Instant now = clock.instant();
        if (token.revoked()) {
            throw PeError.of(PeService.RBAC, 403, "token-revoked", "Authentication token has been revoked.");
        }
        if (token.expiredAt(now)) {
            throw PeError.of(PeService.RBAC, 403, "token-expired", "The provided token has expired.");
        }
        directory.requireNotIdle(token, now);
        if (update == null || update.booleanValue()) {
            token.active(now);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        Map<String, Object> user = token.user().describe();
        answer.put("id", token.user().id());
        answer.put("user_id", token.user().id());
        answer.putAll(user);
        answer.put("creation", SimulatorJson.timestamp(token.creation()));
        answer.put("expiration", SimulatorJson.timestamp(token.expiration()));
        answer.put("last_active", SimulatorJson.timestamp(token.lastActive()));
        answer.put("timeout", null);
        answer.put("label", token.label());
        answer.put("description", token.description());
        answer.put("client", token.client());
        return SimulatorResponse.json(200, answer);
    }

    private SimulatorResponse revokeTokens(SimulatorRequest request, SimulatedUser caller) {
        Map<String, Set<String>> selected = new LinkedHashMap<>();
        REVOKE_PARAMETERS.forEach(name -> selected.put(name, new LinkedHashSet<>()));
        List<String> unrecognized = new ArrayList<>();
        for (String name : request.queryNames()) {
            if (selected.containsKey(name)) {
                for (String item : request.query(name).orElse("").split(",")) {
                    if (!item.isBlank()) {
                        selected.get(name).add(item.trim());
                    }
                }
            } else if (!name.equals("token")) {
                unrecognized.add(name);
            }
        }
        if (request.hasBody()) {
            JsonNode body = object(request.body());
            body.fieldNames().forEachRemaining(name -> {
                if (!selected.containsKey(name)) {
                    unrecognized.add(name);
                    return;
                }
                JsonNode value = body.get(name);
                if (value.isTextual()) {
                    selected.get(name).add(value.textValue());
                } else if (value.isArray()) {
                    value.forEach(item -> selected.get(name).add(item.asText()));
                } else {
                    throw schemaViolation(body, name + " must be an array of strings");
                }
            });
        }
        if (selected.values().stream().allMatch(Set::isEmpty) && unrecognized.isEmpty()) {
            throw PeError.of(
                    PeService.RBAC,
                    400,
                    "malformed-request",
                    "No tokens were selected: pass revoke_tokens, revoke_tokens_by_labels,"
                            + " revoke_tokens_by_usernames or revoke_tokens_by_ids. No tokens were revoked");
        }

        List<String> malformedTokens = new ArrayList<>();
        List<String> malformedIds = new ArrayList<>();
        List<String> nonexistentUsernames = new ArrayList<>();
        List<String> deniedUsernames = new ArrayList<>();
        List<String> deniedIds = new ArrayList<>();
        int revoked = 0;
        for (String secret : selected.get("revoke_tokens")) {
            var token = directory.token(secret);
            if (token.isEmpty()) {
                malformedTokens.add("<redacted>");
            } else {
                token.get().revoke();
                revoked++;
            }
        }
        for (String label : selected.get("revoke_tokens_by_labels")) {
            for (IssuedToken token : directory.tokensOf(caller)) {
                if (label.equals(token.label())) {
                    token.revoke();
                    revoked++;
                }
            }
        }
        for (String login : selected.get("revoke_tokens_by_usernames")) {
            var user = directory.user(login);
            if (user.isEmpty()) {
                nonexistentUsernames.add(login);
            } else if (user.get() != caller && !caller.permissions().administer()) {
                deniedUsernames.add(login);
            } else {
                revoked += revokeAll(user.get());
            }
        }
        for (String id : selected.get("revoke_tokens_by_ids")) {
            var user = directory.userById(id);
            if (user.isEmpty()) {
                malformedIds.add(id);
            } else if (user.get() != caller && !caller.permissions().administer()) {
                deniedIds.add(id);
            } else {
                revoked += revokeAll(user.get());
            }
        }
        boolean malformed = !malformedTokens.isEmpty()
                || !malformedIds.isEmpty()
                || !nonexistentUsernames.isEmpty()
                || !unrecognized.isEmpty();
        boolean denied = !deniedUsernames.isEmpty() || !deniedIds.isEmpty();
        if (!malformed && !denied) {
            return SimulatorResponse.noContent();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("malformed_tokens", malformedTokens);
        details.put("malformed_labels", List.of());
        details.put("malformed_usernames", List.of());
        details.put("malformed_ids", malformedIds);
        details.put("nonexistent_usernames", nonexistentUsernames);
        details.put("permission_denied_usernames", deniedUsernames);
        details.put("permission_denied_ids", deniedIds);
        details.put("unrecognized_parameters", unrecognized);
        details.put("other_tokens_revoked", revoked > 0);
        String problems = malformed
                ? "Some of the selected tokens, users or parameters do not exist or are malformed."
                : "You may not revoke the tokens of some of the selected users.";
        String outcome = revoked > 0 ? " All other tokens were successfully revoked." : " No tokens were revoked.";
        throw new PeError(
                malformed ? 400 : 403,
                PeService.RBAC.kindNamespace() + (malformed ? "/malformed-request" : "/permission-denied"),
                problems + outcome,
                details);
    }

    private int revokeAll(SimulatedUser user) {
        int count = 0;
        for (IssuedToken token : directory.tokensOf(user)) {
            token.revoke();
            count++;
        }
        return count;
    }

    private SimulatorResponse revokeToken(SimulatorRequest request, SimulatedUser caller) {
        if (!caller.permissions().administer()) {
            throw PeError.of(
                    PeService.RBAC,
                    403,
                    "permission-denied",
                    "Only administrators may revoke a token by path; use DELETE /rbac-api/v2/tokens?revoke_tokens=");
        }
        directory.token(request.pathParameter(0)).ifPresent(IssuedToken::revoke);
        return SimulatorResponse.noContent();
    }

    private record TokenOptions(Duration lifetime, String label, String description, String client) {}

    private static TokenOptions tokenOptions(JsonNode body) {
        Duration lifetime = RbacDirectory.DEFAULT_LIFETIME;
        String lifetimeText = optionalString(body, "lifetime");
        if (lifetimeText != null) {
            lifetime = parseLifetime(body, lifetimeText);
        }
        String label = optionalString(body, "label");
        if (label != null) {
            label = label.trim();
            if (label.isEmpty() || label.length() > 200 || label.contains(",")) {
                throw schemaViolation(
                        body, "label must be 1 to 200 characters, not only whitespace, and contain no comma");
            }
        }
        return new TokenOptions(lifetime, label, optionalString(body, "description"), optionalString(body, "client"));
    }

    static Duration parseLifetime(JsonNode body, String text) {
        Matcher matcher = LIFETIME.matcher(text);
        if (!matcher.matches()) {
            throw schemaViolation(
                    body, "lifetime must be a number followed by y, d, h, m or s, without a space, e.g. \"4h\"");
        }
        long amount = Long.parseLong(matcher.group(1));
        if (amount == 0) {
            return RbacDirectory.MAXIMUM_LIFETIME;
        }
        Duration lifetime =
                switch (matcher.group(2)) {
                    case "y" -> Duration.ofDays(365 * amount);
                    case "d" -> Duration.ofDays(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofSeconds(amount);
                };
        if (lifetime.compareTo(RbacDirectory.MAXIMUM_LIFETIME) > 0) {
            throw schemaViolation(body, "lifetime " + text + " exceeds the maximum token lifetime of 3650 days");
        }
        return lifetime;
    }

    private static JsonNode object(byte[] bytes) {
        JsonNode body;
        try {
            body = SimulatorJson.parse(bytes);
        } catch (IOException e) {
            throw PeError.of(
                    PeService.RBAC,
                    400,
                    "malformed-request",
                    "The request body is not valid JSON.",
                    Map.of("error", String.valueOf(e.getMessage())));
        }
        if (!body.isObject()) {
            throw schemaViolation(body, "the body must be a JSON object");
        }
        return body;
    }

    private static String requiredString(JsonNode body, String key) {
        JsonNode value = body.get(key);
        if (value == null || !value.isTextual()) {
            throw schemaViolation(body, key + " is required and must be a string");
        }
        return value.textValue();
    }

    private static String optionalString(JsonNode body, String key) {
        JsonNode value = body.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw schemaViolation(body, key + " must be a string");
        }
        return value.textValue();
    }

    private static PeError schemaViolation(JsonNode submitted, String error) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("submitted", SecretRedactor.redact(submitted, Set.of()));
        details.put("schema", "{login, password, lifetime?, label?, description?, client?} or as documented");
        details.put("error", error);
        return PeError.of(
                PeService.RBAC, 400, "schema-violation", "The request does not match the schema: " + error, details);
    }
}
