package io.jenkins.plugins.puppetenterprise.core;

/** How a deploy or plan run ended, as a build should report it. */
public enum Verdict {
    /** Everything asked for was done (a dry run that found its environments counts as done). */
    SUCCESS,
    /** PE reports a failure, or waiting gave up; the outcome's summary says why in words. */
    FAILURE,
    /** Whether PE did the work cannot be known; the outcome's summary says what to check in PE. */
    UNKNOWN
}
