package io.jenkins.plugins.puppetenterprise.jenkins;

import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.core.access.AllowedFolders;
import io.jenkins.plugins.puppetenterprise.core.input.InstallationSettings;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
    private final String name;
    private final String primaryHost;
    private String rbacUrl;
    private String codeManagerUrl;
    private String orchestratorUrl;
    private String consoleUrl;
    private String puppetDbUrl;
    private String caCertificates;
    private String credentialsId;
    private int connectTimeoutSeconds = InstallationSettings.DEFAULT_CONNECT_TIMEOUT_SECONDS;
    private int readTimeoutSeconds = InstallationSettings.DEFAULT_READ_TIMEOUT_SECONDS;
    private int maxAnswerMegabytes = InstallationSettings.DEFAULT_MAX_ANSWER_MEGABYTES;
    private int requestsPerSecond = InstallationSettings.DEFAULT_REQUESTS_PER_SECOND;
    // an ArrayList, never List.of: XStream saves it (no JDK-internal class in config.xml); replaced,
    // never changed in place, and volatile, as the folder listener rewrites it while builds read it
    private volatile ArrayList<String> allowedFolders = new ArrayList<>();

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

    /** PuppetDB's base URL when it is not the primary host on port 8081 (a split or external PuppetDB). */
    public String getPuppetDbUrl() {
        return puppetDbUrl;
    }

    @DataBoundSetter
    public void setPuppetDbUrl(String puppetDbUrl) {
        this.puppetDbUrl = FieldText.trimToNull(puppetDbUrl);
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

    /** The most of one answer from PE that is read, in MB; a larger answer fails its request. */
    public int getMaxAnswerMegabytes() {
        return maxAnswerMegabytes;
    }

    @DataBoundSetter
    public void setMaxAnswerMegabytes(int maxAnswerMegabytes) {
        this.maxAnswerMegabytes = maxAnswerMegabytes;
    }

    /** How many requests per second the waiting of all builds may send here; final reads of ended work come on top. */
    public int getRequestsPerSecond() {
        return requestsPerSecond;
    }

    @DataBoundSetter
    public void setRequestsPerSecond(int requestsPerSecond) {
        this.requestsPerSecond = requestsPerSecond;
    }

    /** Full names of the folders whose jobs may use this installation; empty: every job may. */
    public List<String> getAllowedFolders() {
        List<String> folders = allowedFolders;
        return folders == null ? List.of() : Collections.unmodifiableList(folders);
    }

    /** From JCasC a list, from the form one text with a folder per line; both are cleaned the same way. */
    @DataBoundSetter
    public void setAllowedFolders(List<String> allowedFolders) {
        this.allowedFolders = new ArrayList<>(AllowedFolders.of(allowedFolders).folders());
    }

    /** The folders as the form shows them, one per line. */
    public String getAllowedFoldersText() {
        return String.join("\n", getAllowedFolders());
    }

    public AllowedFolders allowedFolders() {
        return AllowedFolders.of(getAllowedFolders());
    }

    /**
     * A configuration saved before the answer limit or the request budget existed loads it as 0
     * (XStream runs no initializer).
     */
    private Object readResolve() {
        if (maxAnswerMegabytes == 0) {
            maxAnswerMegabytes = InstallationSettings.DEFAULT_MAX_ANSWER_MEGABYTES;
        }
        if (requestsPerSecond == 0) {
            requestsPerSecond = InstallationSettings.DEFAULT_REQUESTS_PER_SECOND;
        }
        return this;
    }

    /** The settings as the Jenkins-free core checks them. */
    InstallationSettings settings() {
        return new InstallationSettings(
                name,
                primaryHost,
                rbacUrl,
                codeManagerUrl,
                orchestratorUrl,
                consoleUrl,
                caCertificates,
                credentialsId,
                connectTimeoutSeconds,
                readTimeoutSeconds,
                puppetDbUrl,
                maxAnswerMegabytes,
                requestsPerSecond);
    }

    /**
     * The service URLs of this installation.
     *
     * @throws IllegalArgumentException naming the setting that is wrong and how to fix it
     */
    public PeServiceUrls serviceUrls() {
        return settings().serviceUrls();
    }

    /** Whether PuppetDB has a place: the primary host (port 8081) or its own URL. */
    boolean hasPuppetDb() {
        return FieldText.trimToNull(primaryHost) != null || puppetDbUrl != null;
    }

    public Duration connectTimeout() {
        return Duration.ofSeconds(connectTimeoutSeconds);
    }

    public Duration readTimeout() {
        return Duration.ofSeconds(readTimeoutSeconds);
    }

    public long maxAnswerBytes() {
        return settings().maxAnswerBytes();
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
        public FormValidation doCheckPuppetDbUrl(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                PeServiceUrls.of("pe.example.com", null, null, null, null, value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckCaCertificates(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            List<X509Certificate> certificates;
            Instant now = Instant.now();
            try {
                certificates = InstallationSettings.caCertificates(value);
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
            var invalid = InstallationSettings.caValidityProblem(certificates, now);
            if (invalid.isPresent()) {
                // saved all the same (time may fix it; refusing would block the whole System page)
                return FormValidation.warning(invalid.get().message() + ". Until then builds that use this"
                        + " installation fail before sending any request.");
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

        /** Warns about names that are no folder (yet): saved all the same, as JCasC may run before Job DSL. */
        @POST
        public FormValidation doCheckAllowedFolders(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            AllowedFolders allowed = AllowedFolders.of(value == null ? List.of() : List.of(value));
            if (!allowed.isRestricted()) {
                return FormValidation.ok("Every job may use this installation");
            }
            List<String> deleted = allowed.folders().stream()
                    .filter(f -> f.startsWith(AllowedFolders.DELETED))
                    .toList();
            if (!deleted.isEmpty()) {
                return FormValidation.warning("The folders were deleted, so no job may use this installation: replace "
                        + String.join(", ", deleted) + " with the folders whose jobs may, or remove it to allow"
                        + " every job");
            }
            List<String> missing = allowed.folders().stream()
                    .filter(f -> !(Jenkins.get().getItemByFullName(f) instanceof ItemGroup<?>))
                    .toList();
            if (!missing.isEmpty()) {
                return FormValidation.warning("No folder named " + String.join(", ", missing) + " exists yet. It is"
                        + " saved all the same, and jobs inside it may use this installation once it is created, by"
                        + " whoever may create items where it would be: check the spelling (full names, such as"
                        + " team-a/web), and create the folder soon or remove the entry");
            }
            return FormValidation.ok(
                    "Only jobs inside " + String.join(", ", allowed.folders()) + " may use this" + " installation");
        }

        @POST
        public FormValidation doCheckConnectTimeoutSeconds(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return checkSeconds("Connect timeout", value, InstallationSettings.MAX_CONNECT_TIMEOUT_SECONDS);
        }

        @POST
        public FormValidation doCheckReadTimeoutSeconds(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return checkSeconds("Read timeout", value, InstallationSettings.MAX_READ_TIMEOUT_SECONDS);
        }

        @POST
        public FormValidation doCheckMaxAnswerMegabytes(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            int megabytes;
            try {
                megabytes = Integer.parseInt(value == null ? "" : value.trim());
            } catch (NumberFormatException e) {
                return FormValidation.error("Largest answer must be a whole number of megabytes from 1 to "
                        + InstallationSettings.MAX_MAX_ANSWER_MEGABYTES);
            }
            return InstallationSettings.answerLimitProblem(megabytes)
                    .map(p -> FormValidation.error("Largest answer " + p.message()))
                    .orElse(FormValidation.ok());
        }

        @POST
        public FormValidation doCheckRequestsPerSecond(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            int perSecond;
            try {
                perSecond = Integer.parseInt(value == null ? "" : value.trim());
            } catch (NumberFormatException e) {
                return FormValidation.error("Requests per second must be a whole number from 1 to "
                        + InstallationSettings.MAX_REQUESTS_PER_SECOND);
            }
            return InstallationSettings.requestBudgetProblem(perSecond)
                    .map(p -> FormValidation.error("Requests per second: " + p.message()))
                    .orElse(FormValidation.ok());
        }

        /**
         * Credentials Jenkins itself can use (SYSTEM and GLOBAL scope) whose domain covers the service URLs
         * the form shows, for administrators only.
         */
        @POST
        public ListBoxModel doFillCredentialsIdItems(
                @QueryParameter String credentialsId,
                @QueryParameter String primaryHost,
                @QueryParameter String rbacUrl,
                @QueryParameter String codeManagerUrl,
                @QueryParameter String orchestratorUrl,
                @QueryParameter String consoleUrl,
                @QueryParameter String puppetDbUrl) {
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
                            formRequirements(
                                    primaryHost, rbacUrl, codeManagerUrl, orchestratorUrl, consoleUrl, puppetDbUrl),
                            PeCredentialLookup.accepted())
                    .includeCurrentValue(credentialsId == null ? "" : credentialsId);
            return model;
        }

        @POST
        public FormValidation doCheckCredentialsId(
                @QueryParameter String value,
                @QueryParameter String primaryHost,
                @QueryParameter String rbacUrl,
                @QueryParameter String codeManagerUrl,
                @QueryParameter String orchestratorUrl,
                @QueryParameter String consoleUrl,
                @QueryParameter String puppetDbUrl) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return FormValidation.ok();
            }
            String id = FieldText.trimToNull(value);
            if (id == null) {
                return FormValidation.warning("No default credential: every step and build step using this"
                        + " installation must then name a credentialsId");
            }
            return PeCredentialLookup.checkInJenkins(
                    id,
                    formRequirements(primaryHost, rbacUrl, codeManagerUrl, orchestratorUrl, consoleUrl, puppetDbUrl));
        }

        /** What every URL the token goes to asks of a credential's domain; none while the URLs are not valid. */
        private static List<DomainRequirement> formRequirements(
                String primaryHost,
                String rbacUrl,
                String codeManagerUrl,
                String orchestratorUrl,
                String consoleUrl,
                String puppetDbUrl) {
            PeInstallation installation = new PeInstallation("form", primaryHost);
            installation.setRbacUrl(rbacUrl);
            installation.setCodeManagerUrl(codeManagerUrl);
            installation.setOrchestratorUrl(orchestratorUrl);
            installation.setConsoleUrl(consoleUrl);
            installation.setPuppetDbUrl(puppetDbUrl);
            try {
                return PeCredentialLookup.requirements(installation);
            } catch (IllegalArgumentException e) {
                return List.of(); // the URL fields' own checks say what is wrong
            }
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
                @QueryParameter String puppetDbUrl,
                @QueryParameter String caCertificates,
                @QueryParameter String credentialsId,
                @QueryParameter int connectTimeoutSeconds,
                @QueryParameter int readTimeoutSeconds,
                @QueryParameter int maxAnswerMegabytes,
                @QueryParameter boolean tryDeploy)
                throws InterruptedException {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            PeInstallation installation =
                    new PeInstallation(name == null || name.isBlank() ? "test" : name, primaryHost);
            installation.setRbacUrl(rbacUrl);
            installation.setCodeManagerUrl(codeManagerUrl);
            installation.setOrchestratorUrl(orchestratorUrl);
            installation.setConsoleUrl(consoleUrl);
            installation.setPuppetDbUrl(puppetDbUrl);
            installation.setCaCertificates(caCertificates);
            installation.setCredentialsId(credentialsId);
            installation.setConnectTimeoutSeconds(connectTimeoutSeconds);
            installation.setReadTimeoutSeconds(readTimeoutSeconds);
            installation.setMaxAnswerMegabytes(maxAnswerMegabytes);
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
            int seconds;
            try {
                seconds = Integer.parseInt(value == null ? "" : value.trim());
            } catch (NumberFormatException e) {
                return FormValidation.error(field + " must be a whole number of seconds from 1 to " + max);
            }
            return InstallationSettings.timeoutProblem(field, seconds, max)
                    .map(p -> FormValidation.error(field + " " + p.message()))
                    .orElse(FormValidation.ok());
        }
    }
}
