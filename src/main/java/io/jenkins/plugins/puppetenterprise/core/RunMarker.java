package io.jenkins.plugins.puppetenterprise.core;

import io.jenkins.plugins.puppetenterprise.client.PeBadRequestException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A random tag that identifies one submission. It goes into the job's {@code userdata} and
 * description, so a watch that lost the job name (the process stopped right after the POST) can
 * find the job again instead of running the work a second time. Releases before 2019.8.5 refuse
 * {@code userdata} with a 400, which proves PE created no job: the command is then sent once more
 * without it when only the marker was in it, and the marker lives in the description alone.
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

    /**
     * Whether a 400 is about the {@code userdata} key. How PE words an unknown key is unconfirmed
     * (the simulator: "Unknown key 'userdata'", PE's schema checks: "{:userdata disallowed-key}"),
     * so the key's name in the message or the details decides.
     */
    static boolean userdataRefused(PeBadRequestException refused) {
        if (refused.status() != 400) {
            return false;
        }
        String said = refused.peMessage() + " " + refused.details();
        return said.toLowerCase(Locale.ROOT).contains("userdata");
    }

    /** The outcome's words when PE refused userdata the user set: nothing was started. */
    static String userdataRefusal(String what, String said) {
        return "PE refused the userdata of " + what + ", so nothing was started: " + said + " PE releases before"
                + " 2019.8.5 do not store userdata. Remove userdata from the step, or upgrade PE to 2019.8.5 or later.";
    }

    /** The log line before the command is sent once more without the marker's userdata. */
    static String sentAgainWithoutUserdata(String what, String marker) {
        return "This PE does not store userdata (it needs 2019.8.5 or later) and refused it, so it started nothing;"
                + " sending " + what + " once more without userdata. The run's marker " + marker + " is then only"
                + " in its description.";
    }

    /** The description sent to PE: the user's (or the front end's default) followed by the marker. */
    public static String describe(String description, String marker) {
        String base = description == null || description.isBlank() ? "Jenkins" : description.trim();
        return base + " [" + marker + "]";
    }
}
