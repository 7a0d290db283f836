package io.jenkins.plugins.puppetenterprise.jenkins.job;

/** The fields a Puppet run takes, shared by the Pipeline step and the freestyle build step. */
public interface PuppetRunSettings extends OrchestratorJobSettings {
    boolean isUseNodeEnvironments();

    boolean isFailOnPendingChanges();

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
}
