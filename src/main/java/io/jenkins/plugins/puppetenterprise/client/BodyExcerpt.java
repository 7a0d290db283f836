package io.jenkins.plugins.puppetenterprise.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes text from PE (or from a proxy in front of it) safe to show: known secrets and anything
 * labelled password or token masked, HTML tags and control characters removed, length capped.
 */
final class BodyExcerpt {
    static final int MAX_LENGTH = 300;
    static final String MASK = "****";

    private static final Set<String> SECRET_KEYS =
            Set.of("password", "token", "revoke_tokens", "x-authentication", "new_password", "reset_token");
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(?i)(\"?(?:password|token|revoke_tokens|x-authentication)\"?\\s*[:=]\\s*)(\"[^\"]*\"|[^\\s,&}\\]]+)");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Cf}&&[^\\n\\t]]");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private BodyExcerpt() {}

    /** A one-line excerpt of at most {@link #MAX_LENGTH} characters, or {@code (empty body)}. */
    static String of(String body, Collection<String> secrets) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String text = mask(body, secrets);
        text = TAG.matcher(text).replaceAll(" ");
        text = CONTROL.matcher(text).replaceAll("");
        text = SPACE.matcher(text).replaceAll(" ").trim();
        if (text.isEmpty()) {
            return "(no text in body)";
        }
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "…" : text;
    }

    /** PE's {@code msg}: secrets masked, control characters other than newlines removed, length capped. */
    static String message(String msg, Collection<String> secrets) {
        if (msg == null) {
            return null;
        }
        String text = CONTROL.matcher(mask(msg, secrets)).replaceAll("").strip();
        return text.length() > 4 * MAX_LENGTH ? text.substring(0, 4 * MAX_LENGTH) + "…" : text;
    }

    /** A copy of {@code details} with secret-looking fields and known secret values masked. */
    static JsonNode details(JsonNode details, Collection<String> secrets) {
        if (details == null) {
            return null;
        }
        JsonNode copy = details.deepCopy();
        return maskNode(copy, secrets);
    }

    private static JsonNode maskNode(JsonNode node, Collection<String> secrets) {
        if (node.isTextual()) {
            return LenientJson.MAPPER.getNodeFactory().textNode(mask(node.asText(), secrets));
        }
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (SECRET_KEYS.contains(field.getKey().toLowerCase(Locale.ROOT))) {
                    field.setValue(LenientJson.MAPPER.getNodeFactory().textNode(MASK));
                } else {
                    field.setValue(maskNode(field.getValue(), secrets));
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, maskNode(array.get(i), secrets));
            }
        }
        return node;
    }

    private static String mask(String text, Collection<String> secrets) {
        String masked = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                masked = masked.replace(secret, MASK);
            }
        }
        return SECRET_FIELD.matcher(masked).replaceAll("$1" + MASK);
    }
}
