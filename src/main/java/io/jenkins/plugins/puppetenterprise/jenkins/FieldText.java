package io.jenkins.plugins.puppetenterprise.jenkins;

/**
 * Normalises text from forms, JCasC and Pipeline arguments. Plain Java (rather than Jenkins'
 * {@code Util.fixEmptyAndTrim}) so that the configuration objects can be built in offline tests.
 */
public final class FieldText {
    private FieldText() {}

    /** The trimmed text, or null when it is null or only whitespace. */
    public static String trimToNull(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
