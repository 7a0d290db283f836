package io.jenkins.plugins.puppetenterprise.jenkins.plan;

import java.util.List;

/** The fields a plan run takes, shared by the Pipeline step and the freestyle build step. */
public interface PlanRunSettings {
    String getPlan();

    List<PlanArgument> getParameters();

    String getEnvironment();

    String getDescription();

    int getTimeout();

    String getUserdata();

    boolean isWait();

    int getWaitTimeoutMinutes();

    boolean isStopOnAbort();

    String getServer();

    String getCredentialsId();
}
