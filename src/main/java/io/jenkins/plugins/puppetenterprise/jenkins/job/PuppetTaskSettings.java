package io.jenkins.plugins.puppetenterprise.jenkins.job;

/** The fields a task run takes, shared by the Pipeline step and the freestyle build step. */
public interface PuppetTaskSettings extends OrchestratorJobSettings {
    String getTask();

    String getParameters();
}
