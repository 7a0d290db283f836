package io.jenkins.plugins.puppetenterprise.client;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The {@code label} of a minted token: the work it is for (job and build) plus a random suffix
 * per login, since PE refuses a label the user already has. No commas, no control characters,
 * at most 200 characters (pe-api.md 2.1).
 */
final class TokenLabel {
    static final int MAX_LENGTH = 200;
    private static final int SUFFIX_BYTES = 6;

    private TokenLabel() {}

    static String create(String base, RandomGenerator random) {
        String cleaned = base == null ? "" : base.replace(',', ' ').replaceAll("[\\p{Cntrl}\\p{Cf}]", " ");
        cleaned = cleaned.replaceAll("\\s+", " ").trim();
        if (cleaned.isEmpty()) {
            cleaned = "jenkins";
        }
        byte[] bytes = new byte[SUFFIX_BYTES];
        random.nextBytes(bytes);
        String suffix = " " + HexFormat.of().formatHex(bytes);
        int room = MAX_LENGTH - suffix.length();
        if (cleaned.length() > room) {
            cleaned = cleaned.substring(0, room).trim();
        }
        return cleaned + suffix;
    }

    /** PE's lifetime syntax: the largest whole unit of d, h, m or s. */
    static String lifetime(java.time.Duration lifetime) {
        long seconds = lifetime.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
