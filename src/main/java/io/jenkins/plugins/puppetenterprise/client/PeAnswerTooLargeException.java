package io.jenkins.plugins.puppetenterprise.client;

/**
 * PE's answer was larger than the client reads ({@link PeClient.Builder#maxAnswerBytes}): the rest
 * was not read and the request failed. Not repeated (the answer would be as large again).
 */
public class PeAnswerTooLargeException extends PeApiException {
    private static final long serialVersionUID = 1L;

    /** The installation setting that sets the limit, as the configuration form and JCasC name it. */
    public static final String SETTING = "maxAnswerMegabytes (Advanced » Largest answer in MB)";

    private final long limitBytes;

    public PeAnswerTooLargeException(String message, int status, String fix, long limitBytes) {
        super(message, status, null, null, null, fix);
        this.limitBytes = limitBytes;
    }

    /** The limit the answer exceeded, in bytes. */
    public long limitBytes() {
        return limitBytes;
    }
}
