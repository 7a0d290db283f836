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
 * Makes text from PE (or from a proxy in front of it) safe to show: known secrets, the user
 * information of URLs and anything labelled password or token masked, HTML tags and control characters removed, length capped.
 * Known secrets are replaced in the whole text (a plain search); every regular expression then
 * sees at most {@link #SCAN_LIMIT} characters, and each runs in time linear in its input, so a
 * hostile or huge body (80,000 {@code <}) costs little.
 */
public final class BodyExcerpt {
    static final int MAX_LENGTH = 300;
    static final String MASK = "****";
    /** How much of a text the regular expressions see; more than any excerpt or message keeps. */
    static final int SCAN_LIMIT = 16 * MAX_LENGTH;

    private static final Set<String> SECRET_KEYS =
            Set.of("password", "token", "revoke_tokens", "x-authentication", "new_password", "reset_token");
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(?i)(\"?(?:password|token|revoke_tokens|x-authentication)\"?\\s*[:=]\\s*)(\"[^\"]*\"|[^\\s,&}\\]]+)");
    /**
     * A tag, without {@code <} inside and at most 200 characters long: a match attempt stops at the
     * next {@code <}, so the attempts at all positions together read each character about once.
     */
    private static final Pattern TAG = Pattern.compile("<[^<>]{0,200}>");

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Cf}&&[^\\n\\t]]");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    /**
     * The user information of a URL ({@code https://user:token@host}), as r10k prints Git remotes:
     * at most 256 characters after each {@code ://}, so the work stays linear.
     */
    private static final Pattern URL_USER_INFO = Pattern.compile("://[^/\\s@\"'<>]{1,256}@");

    private BodyExcerpt() {}

    /** A one-line excerpt of at most {@link #MAX_LENGTH} characters, or {@code (empty body)}. */
    public static String of(String body, Collection<String> secrets) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String text = clean(mask(body, secrets));
        if (text.isEmpty()) {
            return "(no text in body)";
        }
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "…" : text;
    }

    /** Tags and control characters removed, white space collapsed. */
    static String clean(CharSequence text) {
        String cleaned = TAG.matcher(text).replaceAll(" ");
        cleaned = CONTROL.matcher(cleaned).replaceAll("");
        return SPACE.matcher(cleaned).replaceAll(" ").trim();
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
        if (masked.length() > SCAN_LIMIT) {
            masked = masked.substring(0, SCAN_LIMIT);
        }
        masked = URL_USER_INFO.matcher(masked).replaceAll("://");
        return SECRET_FIELD.matcher(masked).replaceAll("$1" + MASK);
    }
}
