package io.jenkins.plugins.puppetenterprise.jenkins.job;

import java.util.List;

/**
 * The fields every Orchestrator job takes, a Puppet run or a task: its targets, PE's timeout, the job's
 * description and userdata, the PE installation and credential, and how Jenkins waits and stops. Declared by the
 * Pipeline steps and the freestyle build steps alike (each binds its own fields: Stapler binds per class); the
 * conversion into the core's input reads them here once ({@link OrchestratorJobs}).
 */
public interface OrchestratorJobSettings {
    /** How long a step waits for a job unless told otherwise, in minutes. */
    int DEFAULT_WAIT_TIMEOUT_MINUTES = 120;

    List<String> getNodes();

    String getQuery();

    String getNodeGroup();

    String getEnvironment();

    boolean isNoop();

    boolean isWait();

    /** PE's own timeout in seconds; 0 leaves PE's default. */
    int getTimeout();

    String getServer();

    String getCredentialsId();

    String getDescription();

    String getUserdata();

    int getWaitTimeoutMinutes();

    boolean isStopOnAbort();

    boolean isForceStop();
}
