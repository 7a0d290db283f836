package io.jenkins.plugins.puppetenterprise.client;

import java.util.Arrays;

/**
 * A token or password. Its {@code toString()} is redacted, it has no getter outside this package,
 * and it is never part of a URL, a log line, an exception message or the request journal.
 */
public final class PeSecret {
    private final char[] value;

    private PeSecret(char[] value) {
        this.value = value;
    }

    /** Copies the characters; the caller may clear its array afterwards. */
    public static PeSecret of(char[] value) {
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException("The secret is empty: fill in the token or password in the credential");
        }
        return new PeSecret(value.clone());
    }

    public static PeSecret of(String value) {
        return of(value == null ? null : value.toCharArray());
    }

    /** The plain text, for the HTTP header or JSON body that must carry it. */
    String plainText() {
        return new String(value);
    }

    boolean sameAs(PeSecret other) {
        return other != null && Arrays.equals(value, other.value);
    }

    @Override
    public String toString() {
        return "****";
    }
}
