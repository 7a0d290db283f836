package io.jenkins.plugins.puppetenterprise.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Hides tokens, passwords and sensitive plan parameters before anything reaches the journal. */
public final class SecretRedactor {
    static final String REDACTED = "<redacted>";
    private static final Set<String> SECRET_KEYS = Set.of("password", "token", "revoke_tokens");
    private static final Pattern SECRET_QUERY = Pattern.compile("(?i)(^|&)(token|revoke_tokens|password)=[^&]*");
    private static final Pattern SECRET_JSON_MEMBER =
            Pattern.compile("(?i)(\"(?:password|token|revoke_tokens)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"?");

    private SecretRedactor() {}

    /** A copy of a JSON value with secret members and the named plan parameters hidden. */
    public static JsonNode redact(JsonNode node, Set<String> sensitiveParameters) {
        JsonNode copy = node.deepCopy();
        redactInPlace(copy, sensitiveParameters);
        return copy;
    }

    private static void redactInPlace(JsonNode node, Set<String> sensitiveParameters) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String key = field.getKey().toLowerCase(Locale.ROOT);
                if (SECRET_KEYS.contains(key)) {
                    field.setValue(object.textNode(REDACTED));
                } else if (key.equals("params") && field.getValue().isObject()) {
                    ObjectNode params = (ObjectNode) field.getValue();
                    for (String name : sensitiveParameters) {
                        if (params.has(name)) {
                            params.put(name, REDACTED);
                        }
                    }
                    redactInPlace(params, sensitiveParameters);
                } else {
                    redactInPlace(field.getValue(), sensitiveParameters);
                }
            }
        } else if (node.isArray()) {
            node.forEach(item -> redactInPlace(item, sensitiveParameters));
        }
    }

    static String redactQuery(String rawQuery) {
        return rawQuery == null ? null : SECRET_QUERY.matcher(rawQuery).replaceAll("$1$2=" + REDACTED);
    }

    static String redactPath(PeEndpoint endpoint, String path) {
        return endpoint == PeEndpoint.REVOKE_TOKEN ? "/rbac-api/v2/tokens/" + REDACTED : path;
    }

    /** Text that may not be JSON at all: hide secret-looking members and every known secret. */
    static String redactText(String text, Iterable<String> knownSecrets) {
        String result = SECRET_JSON_MEMBER.matcher(text).replaceAll("$1\"" + REDACTED + "\"");
        for (String secret : knownSecrets) {
            if (!secret.isEmpty() && result.contains(secret)) {
                result = result.replace(secret, REDACTED);
            }
        }
        return result;
    }
}
