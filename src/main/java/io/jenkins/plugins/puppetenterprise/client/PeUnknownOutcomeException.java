package io.jenkins.plugins.puppetenterprise.client;

/**
 * A request that must not be sent twice (a plan run, a deploy once it may have arrived) was sent,
 * but no answer came back: the connection was reset or timed out after the request left, or a
 * proxy answered 5xx. The work may or may not have started on PE; the client does not send it
 * again. {@link #howToCheck()} says where to look in PE.
 */
public class PeUnknownOutcomeException extends PeApiException {
    private static final long serialVersionUID = 1L;

    private final String howToCheck;

    public PeUnknownOutcomeException(String message, int status, String howToCheck, Throwable cause) {
        super(message, status, null, null, null, howToCheck, cause);
        this.howToCheck = howToCheck;
    }

    /** Where in PE to find out whether the work started, e.g. the plan jobs list and the marker to look for. */
    public String howToCheck() {
        return howToCheck;
    }
}
