package io.jenkins.plugins.puppetenterprise.simulator;

/**
 * Which PE release's job API the simulator answers like (pe-api-jobs.md 6.1). A key a release
 * does not know is refused with 400 {@code validation-error} naming it (whether real PE refuses or
 * ignores unknown keys is unconfirmed; refusing shows a client that sends it).
 */
public enum JobApiRelease {
    /** 2019.8.0: agent flags, no {@code userdata}, {@code /nodes} without paging, stop without {@code force}. */
    PE_2019_8_0(false, false, false, false),
    /** 2019.8.5: {@code userdata}. */
    PE_2019_8_5(true, false, false, false),
    /** 2021.5: {@code /nodes} paging. */
    PE_2021_5(true, true, false, false),
    /** 2021.7: stop with {@code force}. */
    PE_2021_7(true, true, true, false),
    /** Current (2023.x and later): per-node {@code timeout} on deploy and task. The default. */
    CURRENT(true, true, true, true);

    private final boolean userdata;
    private final boolean nodesPaging;
    private final boolean stopForce;
    private final boolean nodeTimeout;

    JobApiRelease(boolean userdata, boolean nodesPaging, boolean stopForce, boolean nodeTimeout) {
        this.userdata = userdata;
        this.nodesPaging = nodesPaging;
        this.stopForce = stopForce;
        this.nodeTimeout = nodeTimeout;
    }

    boolean userdata() {
        return userdata;
    }

    boolean nodesPaging() {
        return nodesPaging;
    }

    boolean stopForce() {
        return stopForce;
    }

    boolean nodeTimeout() {
        return nodeTimeout;
    }
}
