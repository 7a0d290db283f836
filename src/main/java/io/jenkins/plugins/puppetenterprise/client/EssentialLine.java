package io.jenkins.plugins.puppetenterprise.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line of PE's error text that says what went wrong, safe to show: for r10k's output the cause
 * after "Original exception:" when there is one (the {@code ERROR ->} line above it only says which
 * step failed), else the last {@code ERROR ->} line without its prefix, else the first line; masked
 * and bounded like every {@link BodyExcerpt}.
 */
public final class EssentialLine {
    private static final Pattern R10K_ERROR = Pattern.compile("ERROR\\s*->\\s*(.*)");
    private static final String ORIGINAL_EXCEPTION = "original exception:";

    private EssentialLine() {}

    /** The essential line of {@code text}, or "" when it has none. */
    public static String of(String text, Collection<String> secrets) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String masked = BodyExcerpt.message(text, secrets);
        return BodyExcerpt.of(pick(masked), List.of());
    }

    /**
     * The essential line of a PE error: from {@code details} when it is a string (Code Manager's
     * {@code collect-failed} puts r10k's output there), else from {@code msg}; null when PE sent
     * neither.
     */
    public static String of(PeApiException error) {
        JsonNode details = error.details();
        String text =
                details != null && details.isTextual() && !details.asText().isBlank()
                        ? details.asText()
                        : error.peMessage();
        String line = of(text, List.of());
        return line.isEmpty() ? null : line;
    }

    private static String pick(String text) {
        List<String> lines = text.strip().lines().map(String::strip).toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.toLowerCase(Locale.ROOT).startsWith(ORIGINAL_EXCEPTION)) {
                String rest = line.substring(ORIGINAL_EXCEPTION.length()).strip();
                if (!rest.isEmpty()) {
                    return rest;
                }
                for (int j = i + 1; j < lines.size(); j++) {
                    if (!lines.get(j).isEmpty()) {
                        return lines.get(j);
                    }
                }
            }
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher error = R10K_ERROR.matcher(lines.get(i));
            if (error.matches() && !error.group(1).isEmpty()) {
                return error.group(1);
            }
        }
        return lines.isEmpty() ? "" : lines.get(0);
    }
}
