package io.jenkins.plugins.puppetenterprise.jenkins;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * One Puppet Enterprise installation as configured by an administrator. Holds addresses, the CA
 * bundle (public certificates, not a secret) and the ID of a default credential, never a secret.
 */
public final class PeInstallation implements Describable<PeInstallation> {
    private final String name;
    private final String primaryHost;
    private String rbacUrl;
    private String codeManagerUrl;
    private String orchestratorUrl;
    private String consoleUrl;
    private String caCertificates;
    private String credentialsId;

    @DataBoundConstructor
    public PeInstallation(String name, String primaryHost) {
        this.name = Util.fixEmptyAndTrim(name);
        this.primaryHost = Util.fixEmptyAndTrim(primaryHost);
    }

    public String getName() {
        return name;
    }

    public String getPrimaryHost() {
        return primaryHost;
    }

    public String getRbacUrl() {
        return rbacUrl;
    }

    @DataBoundSetter
    public void setRbacUrl(String rbacUrl) {
        this.rbacUrl = Util.fixEmptyAndTrim(rbacUrl);
    }

    public String getCodeManagerUrl() {
        return codeManagerUrl;
    }

    @DataBoundSetter
    public void setCodeManagerUrl(String codeManagerUrl) {
        this.codeManagerUrl = Util.fixEmptyAndTrim(codeManagerUrl);
    }

    public String getOrchestratorUrl() {
        return orchestratorUrl;
    }

    @DataBoundSetter
    public void setOrchestratorUrl(String orchestratorUrl) {
        this.orchestratorUrl = Util.fixEmptyAndTrim(orchestratorUrl);
    }

    public String getConsoleUrl() {
        return consoleUrl;
    }

    @DataBoundSetter
    public void setConsoleUrl(String consoleUrl) {
        this.consoleUrl = Util.fixEmptyAndTrim(consoleUrl);
    }

    /** PEM text of the CA bundle that signs the PE services' certificates. */
    public String getCaCertificates() {
        return caCertificates;
    }

    @DataBoundSetter
    public void setCaCertificates(String caCertificates) {
        this.caCertificates = Util.fixEmptyAndTrim(caCertificates);
    }

    /** ID of the credential used when a step names none; resolved in Jenkins' own context. */
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<PeInstallation> {
        @Override
        public String getDisplayName() {
            return "Puppet Enterprise installation";
        }
    }
}
