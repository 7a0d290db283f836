package io.jenkins.plugins.puppetenterprise.core;

import java.time.Duration;

/** Durations in the words a build log uses: {@code 45 s}, {@code 3 min 5 s}, {@code 2 h 10 min}. */
final class Durations {
    private Durations() {}

    static String words(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        long minutes = (s % 3600) / 60;
        return (s / 3600) + " h" + (minutes == 0 ? "" : " " + minutes + " min");
    }
}
