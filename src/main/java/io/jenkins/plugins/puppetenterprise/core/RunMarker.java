package io.jenkins.plugins.puppetenterprise.core;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A random tag that identifies one submission. It goes into the plan job's {@code userdata} and
 * description, so a watch that lost the job name (the process stopped right after the POST) can
 * find the job again instead of running the plan a second time.
 */
public final class RunMarker {
    /** The userdata key that carries the marker; users cannot set it themselves. */
    public static final String USERDATA_KEY = "jenkins_run_marker";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORMAT = Pattern.compile("pe-[0-9a-f]{20}");

    private RunMarker() {}

    /** A new marker such as {@code pe-3f9c0a51d2e4b6a7c8d9}. */
    public static String create() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return "pe-" + HexFormat.of().formatHex(bytes);
    }

    static boolean isMarker(String s) {
        return s != null && FORMAT.matcher(s).matches();
    }

    /** The description sent to PE: the user's (or the front end's default) followed by the marker. */
    public static String describe(String description, String marker) {
        String base = description == null || description.isBlank() ? "Jenkins" : description.trim();
        return base + " [" + marker + "]";
    }
}
