package io.jenkins.plugins.puppetenterprise.jenkins.job;

import java.util.List;

/** The fields a task run takes, shared by the Pipeline step and the freestyle build step. */
public interface PuppetTaskSettings {
    String getTask();

    String getParameters();

    List<String> getNodes();

    String getQuery();

    String getNodeGroup();

    String getEnvironment();

    boolean isNoop();

    boolean isWait();

    int getTimeout();

    String getServer();

    String getCredentialsId();

    String getDescription();

    String getUserdata();

    int getWaitTimeoutMinutes();

    boolean isStopOnAbort();

    boolean isForceStop();
}
