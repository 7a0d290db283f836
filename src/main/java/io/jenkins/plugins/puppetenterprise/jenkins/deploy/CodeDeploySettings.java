package io.jenkins.plugins.puppetenterprise.jenkins.deploy;

import io.jenkins.plugins.puppetenterprise.jenkins.StepLists;
import java.util.List;

/** The fields a code deploy takes, shared by the Pipeline step and the freestyle build step. */
public interface CodeDeploySettings {
    List<String> getEnvironments();

    /** Git branches to deploy instead of environments. */
    List<String> getBranches();

    /** The prefix of the control repository's source, joined to each branch's environment; null for none. */
    String getEnvironmentPrefix();

    boolean isAll();

    boolean isWait();

    boolean isDryRun();

    boolean isDeployModules();

    List<String> getModules();

    String getServer();

    String getCredentialsId();

    int getWaitTimeoutMinutes();

    /** The environments as the form shows them, one per line. */
    default String getEnvironmentsText() {
        return StepLists.text(getEnvironments());
    }

    /** The branches as the form shows them, one per line. */
    default String getBranchesText() {
        return StepLists.text(getBranches());
    }

    /** The modules as the form shows them, one per line. */
    default String getModulesText() {
        return StepLists.text(getModules());
    }
}
