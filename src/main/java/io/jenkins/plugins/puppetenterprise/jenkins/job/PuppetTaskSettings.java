package io.jenkins.plugins.puppetenterprise.jenkins.job;

import java.util.List;

/** The fields a task run takes, shared by the Pipeline step and the freestyle build step. */
public interface PuppetTaskSettings extends OrchestratorJobSettings {
    String getTask();

    List<TaskArgument> getParameters();
}
