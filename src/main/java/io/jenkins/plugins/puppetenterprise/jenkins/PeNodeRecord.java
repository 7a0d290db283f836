package io.jenkins.plugins.puppetenterprise.jenkins;

import java.io.Serializable;

/**
 * One node of a Puppet run or task in the build page's summary: its state, a short outcome (counts
 * or the error) and its report link. Saved in build.xml, so it holds only non-secret, plain values
 * (task results are not kept here; they may be large, and their sensitive values are masked only
 * in the step's own result).
 */
public final class PeNodeRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String state;
    private final String details;
    private final String reportUrl;

    public PeNodeRecord(String name, String state, String details, String reportUrl) {
        this.name = name;
        this.state = state;
        this.details = details;
        this.reportUrl = PeOperationRecord.httpUrlOrNull(reportUrl);
    }

    public String getName() {
        return name;
    }

    public String getState() {
        return state;
    }

    public String getDetails() {
        return details;
    }

    /** A link into the PE console; only ever an http(s) URL. */
    public String getReportUrl() {
        return PeOperationRecord.httpUrlOrNull(reportUrl);
    }
}
