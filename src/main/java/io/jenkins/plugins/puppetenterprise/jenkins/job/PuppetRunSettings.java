package io.jenkins.plugins.puppetenterprise.jenkins.job;

import java.util.List;

/** The fields a Puppet run takes, shared by the Pipeline step and the freestyle build step. */
public interface PuppetRunSettings {
    List<String> getNodes();

    String getQuery();

    String getNodeGroup();

    String getEnvironment();

    boolean isUseNodeEnvironments();

    boolean isNoop();

    boolean isFailOnPendingChanges();

    boolean isWait();

    boolean isNoNoop();

    int getConcurrency();

    String getTags();

    String getSkipTags();

    boolean isDebug();

    boolean isTrace();

    boolean isEvaltrace();

    boolean isUseCachedCatalog();

    boolean isUseCacheOnFailure();

    int getFileTimeout();

    int getHttpConnectTimeout();

    int getHttpKeepaliveTimeout();

    int getHttpReadTimeout();

    String getOrdering();

    int getTimeout();

    String getServer();

    String getCredentialsId();

    String getDescription();

    String getUserdata();

    int getWaitTimeoutMinutes();

    boolean isStopOnAbort();

    boolean isForceStop();
}
