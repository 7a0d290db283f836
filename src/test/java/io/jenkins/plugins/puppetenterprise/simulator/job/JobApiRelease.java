package io.jenkins.plugins.puppetenterprise.simulator.job;

/**
 * Which PE release's job API the simulator answers like (pe-api-jobs.md 6.1), oldest first: each
 * release has what the ones before it have. A body key a release does not know is refused with 400
 * {@code validation-error} naming it (whether real PE refuses or ignores unknown keys is
 * unconfirmed; refusing shows a client that sends it); a query parameter it does not know is
 * ignored, as {@code GET /jobs} before 2021.6 ignores {@code min/max_finish_timestamp}.
 */
public enum JobApiRelease {
    /**
     * 2019.8.0: agent flags, no {@code userdata}, job responses without {@code type}, {@code
     * started_timestamp}, {@code finished_timestamp} and {@code duration}.
     */
    PE_2019_8_0,
    /** 2019.8.5: {@code userdata}; job times and {@code type} in job responses. */
    PE_2019_8_5,
    /** 2021.5: {@code /nodes} paging. */
    PE_2021_5,
    /** 2021.6: {@code GET /jobs} honours {@code min_finish_timestamp} and {@code max_finish_timestamp}. */
    PE_2021_6,
    /** 2021.7: stop with {@code force}; {@code pagination.total} of an empty list is 0, not null. */
    PE_2021_7,
    /** Current (2023.x and later): per-node {@code timeout} on deploy and task. The default. */
    CURRENT;

    private boolean since(JobApiRelease first) {
        return compareTo(first) >= 0;
    }

    boolean userdata() {
        return since(PE_2019_8_5);
    }

    /** {@code type}, {@code started_timestamp}, {@code finished_timestamp} and {@code duration} in job responses. */
    boolean jobTimes() {
        return since(PE_2019_8_5);
    }

    boolean nodesPaging() {
        return since(PE_2021_5);
    }

    boolean finishFilter() {
        return since(PE_2021_6);
    }

    boolean stopForce() {
        return since(PE_2021_7);
    }

    boolean zeroTotal() {
        return since(PE_2021_7);
    }

    boolean nodeTimeout() {
        return since(CURRENT);
    }
}
