package io.jenkins.plugins.puppetenterprise.jenkins;

import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One Puppet Enterprise installation as configured by an administrator. Holds addresses, the CA
 * bundle (public certificates, not a secret), timeouts and the ID of a default credential, never a
 * secret. A credential chosen here is only ever sent to this installation's own URLs.
 */
public final class PeInstallation implements Describable<PeInstallation> {
    static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
    static final int DEFAULT_READ_TIMEOUT_SECONDS = 60;
    static final int MAX_CONNECT_TIMEOUT_SECONDS = 300;
    static final int MAX_READ_TIMEOUT_SECONDS = 3600;

    private final String name;
    private final String primaryHost;
    private String rbacUrl;
    private String codeManagerUrl;
    private String orchestratorUrl;
    private String consoleUrl;
    private String caCertificates;
    private String credentialsId;
    private int connectTimeoutSeconds = DEFAULT_CONNECT_TIMEOUT_SECONDS;
    private int readTimeoutSeconds = DEFAULT_READ_TIMEOUT_SECONDS;

    @DataBoundConstructor
    public PeInstallation(String name, String primaryHost) {
        this.name = FieldText.trimToNull(name);
        this.primaryHost = FieldText.trimToNull(primaryHost);
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
        this.rbacUrl = FieldText.trimToNull(rbacUrl);
    }

    public String getCodeManagerUrl() {
        return codeManagerUrl;
    }

    @DataBoundSetter
    public void setCodeManagerUrl(String codeManagerUrl) {
        this.codeManagerUrl = FieldText.trimToNull(codeManagerUrl);
    }

    public String getOrchestratorUrl() {
        return orchestratorUrl;
    }

    @DataBoundSetter
    public void setOrchestratorUrl(String orchestratorUrl) {
        this.orchestratorUrl = FieldText.trimToNull(orchestratorUrl);
    }

    public String getConsoleUrl() {
        return consoleUrl;
    }

    @DataBoundSetter
    public void setConsoleUrl(String consoleUrl) {
        this.consoleUrl = FieldText.trimToNull(consoleUrl);
    }

    /** PEM text of the CA bundle that signs the PE services' certificates. */
    public String getCaCertificates() {
        return caCertificates;
    }

    @DataBoundSetter
    public void setCaCertificates(String caCertificates) {
        this.caCertificates = FieldText.trimToNull(caCertificates);
    }

    /** ID of the credential used when a step names none; resolved in Jenkins' own context. */
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = FieldText.trimToNull(credentialsId);
    }

    public int getConnectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    @DataBoundSetter
    public void setConnectTimeoutSeconds(int connectTimeoutSeconds) {
        this.connectTimeoutSeconds = connectTimeoutSeconds;
    }

    /** How long one HTTP request may take before it is abandoned (and, for reads, retried). */
    public int getReadTimeoutSeconds() {
        return readTimeoutSeconds;
    }

    @DataBoundSetter
    public void setReadTimeoutSeconds(int readTimeoutSeconds) {
        this.readTimeoutSeconds = readTimeoutSeconds;
    }

    /**
     * The service URLs of this installation.
     *
     * @throws IllegalArgumentException naming the setting that is wrong and how to fix it
     */
    public PeServiceUrls serviceUrls() {
        return PeServiceUrls.of(primaryHost, rbacUrl, codeManagerUrl, orchestratorUrl, consoleUrl);
    }

    public Duration connectTimeout() {
        return Duration.ofSeconds(connectTimeoutSeconds);
    }

    public Duration readTimeout() {
        return Duration.ofSeconds(readTimeoutSeconds);
    }

    /**
     * Checks every setting, as saving the configuration does.
     *
     * @throws IllegalArgumentException naming this installation, the setting and the fix
     */
    void validate(Instant now) {
        String label = "Puppet Enterprise installation '" + (name == null ? "" : name) + "': ";
        if (name == null) {
            throw new IllegalArgumentException(
                    "Puppet Enterprise installation without a name: give each installation a name, for example"
                            + " 'production'; steps choose an installation by this name");
        }
        try {
            serviceUrls();
            CaCertificates.parse(caCertificates, now);
            checkTimeout("Connect timeout", connectTimeoutSeconds, MAX_CONNECT_TIMEOUT_SECONDS);
            checkTimeout("Read timeout", readTimeoutSeconds, MAX_READ_TIMEOUT_SECONDS);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label + e.getMessage(), e);
        }
    }

    static void checkTimeout(String field, int seconds, int max) {
        if (seconds < 1 || seconds > max) {
            throw new IllegalArgumentException(
                    field + " " + seconds + " is out of range: enter a number of seconds from 1 to " + max);
        }
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<PeInstallation> {
        private static final Duration EXPIRY_WARNING = Duration.ofDays(30);

        @Override
        public String getDisplayName() {
            return "Puppet Enterprise installation";
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            if (FieldText.trimToNull(value) == null) {
                return FormValidation.error("Enter a name, for example 'production'; steps choose an installation"
                        + " by this name (server: 'production')");
            }
            return FormValidation.ok();
        }

        @POST
        public FormValidation doCheckPrimaryHost(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return checkUrls(value, null, null, null, null);
        }

        @POST
        public FormValidation doCheckRbacUrl(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return checkUrls("pe.example.com", value, null, null, null);
        }

        @POST
        public FormValidation doCheckCodeManagerUrl(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return checkUrls("pe.example.com", null, value, null, null);
        }

        @POST
        public FormValidation doCheckOrchestratorUrl(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return checkUrls("pe.example.com", null, null, value, null);
        }

        @POST
        public FormValidation doCheckConsoleUrl(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return checkUrls("pe.example.com", null, null, null, value);
        }

        @POST
        public FormValidation doCheckCaCertificates(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            List<X509Certificate> certificates;
            Instant now = Instant.now();
            try {
                certificates = CaCertificates.parse(value, now);
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
            Instant firstExpiry = certificates.stream()
                    .map(c -> c.getNotAfter().toInstant())
                    .min(Comparator.naturalOrder())
                    .orElseThrow();
            if (firstExpiry.isBefore(now.plus(EXPIRY_WARNING))) {
                return FormValidation.warning(certificates.size() + " certificate(s); one expires on " + firstExpiry
                        + ": renew the PE CA and paste the new bundle before then");
            }
            return FormValidation.ok(certificates.size() + " certificate(s), valid until at least " + firstExpiry);
        }

        @POST
        public FormValidation doCheckConnectTimeoutSeconds(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return checkSeconds("Connect timeout", value, MAX_CONNECT_TIMEOUT_SECONDS);
        }

        @POST
        public FormValidation doCheckReadTimeoutSeconds(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return checkSeconds("Read timeout", value, MAX_READ_TIMEOUT_SECONDS);
        }

        /** Credentials Jenkins itself can use (SYSTEM and GLOBAL scope), for administrators only. */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            StandardListBoxModel model = new StandardListBoxModel();
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                model.includeCurrentValue(credentialsId == null ? "" : credentialsId);
                return model;
            }
            model.includeEmptyValue()
                    .includeMatchingAs(
                            ACL.SYSTEM2,
                            (Item) null,
                            PeCredentialLookup.ACCEPTED_TYPE,
                            List.of(),
                            PeCredentialLookup.accepted())
                    .includeCurrentValue(credentialsId == null ? "" : credentialsId);
            return model;
        }

        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String value) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return FormValidation.ok();
            }
            String id = FieldText.trimToNull(value);
            if (id == null) {
                return FormValidation.warning("No default credential: every step and build step using this"
                        + " installation must then name a credentialsId");
            }
            return PeCredentialLookup.checkInJenkins(id);
        }

        /** Administrators only: it connects to the given URLs with a credential Jenkins holds. */
        @POST
        public FormValidation doTestConnection(
                @QueryParameter String name,
                @QueryParameter String primaryHost,
                @QueryParameter String rbacUrl,
                @QueryParameter String codeManagerUrl,
                @QueryParameter String orchestratorUrl,
                @QueryParameter String consoleUrl,
                @QueryParameter String caCertificates,
                @QueryParameter String credentialsId,
                @QueryParameter int connectTimeoutSeconds,
                @QueryParameter int readTimeoutSeconds,
                @QueryParameter boolean tryDeploy)
                throws InterruptedException {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            PeInstallation installation =
                    new PeInstallation(name == null || name.isBlank() ? "test" : name, primaryHost);
            installation.setRbacUrl(rbacUrl);
            installation.setCodeManagerUrl(codeManagerUrl);
            installation.setOrchestratorUrl(orchestratorUrl);
            installation.setConsoleUrl(consoleUrl);
            installation.setCaCertificates(caCertificates);
            installation.setCredentialsId(credentialsId);
            installation.setConnectTimeoutSeconds(connectTimeoutSeconds);
            installation.setReadTimeoutSeconds(readTimeoutSeconds);
            return new ConnectionTest(installation).run(tryDeploy);
        }

        private static FormValidation checkUrls(
                String host, String rbac, String codeManager, String orchestrator, String console) {
            if (FieldText.trimToNull(host) == null) {
                return FormValidation.warning(
                        "Enter the PE primary server's host name, unless every service URL below is set");
            }
            try {
                PeServiceUrls.of(host, rbac, codeManager, orchestrator, console);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        private static FormValidation checkSeconds(String field, String value, int max) {
            try {
                checkTimeout(field, Integer.parseInt(value == null ? "" : value.trim()), max);
                return FormValidation.ok();
            } catch (NumberFormatException e) {
                return FormValidation.error(field + " must be a whole number of seconds from 1 to " + max);
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
