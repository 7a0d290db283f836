package io.jenkins.plugins.puppetenterprise.jenkins;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.AbortException;
import hudson.model.Item;
import hudson.model.ModelObject;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.puppetenterprise.client.PeCredentials;
import io.jenkins.plugins.puppetenterprise.client.PeServiceUrls;
import io.jenkins.plugins.puppetenterprise.core.access.CredentialOrigin;
import io.jenkins.plugins.puppetenterprise.core.input.InstallationChoice;
import io.jenkins.plugins.puppetenterprise.core.input.InvalidInputException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

/**
 * Finds the credential a build uses for PE: a step's {@code credentialsId} in the job's own context
 * (so folder credentials and the job's permissions apply), or the installation's default credential
 * in Jenkins' own context (so an administrator may keep it SYSTEM-scoped, out of jobs' reach).
 * Accepted types: Secret text (a PE RBAC token) and Username with password (a PE user).
 */
public final class PeCredentialLookup {
    private static final Logger LOGGER = Logger.getLogger(PeCredentialLookup.class.getName());

    static final Class<StandardCredentials> ACCEPTED_TYPE = StandardCredentials.class;
    /** Lifetime of tokens minted from a password; the client logs in again when one expires. */
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private PeCredentialLookup() {}

    static CredentialsMatcher accepted() {
        return CredentialsMatchers.anyOf(
                CredentialsMatchers.instanceOf(StringCredentials.class),
                CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class));
    }

    /** What a build can resolve: SYSTEM-scoped credentials are for Jenkins itself, never for a build. */
    static CredentialsMatcher usableByBuilds() {
        return CredentialsMatchers.allOf(
                accepted(), CredentialsMatchers.not(CredentialsMatchers.withScope(CredentialsScope.SYSTEM)));
    }

    /** Every URL the token is sent to must satisfy a credential's domain. */
    static List<DomainRequirement> requirements(PeInstallation installation) {
        PeServiceUrls urls = installation.serviceUrls();
        List<DomainRequirement> requirements = new ArrayList<>();
        List<URI> tokenUrls = new ArrayList<>(List.of(urls.rbac(), urls.codeManager(), urls.orchestrator()));
        if (installation.hasPuppetDb()) {
            tokenUrls.add(urls.puppetDb());
        }
        for (URI url : tokenUrls) {
            requirements.addAll(URIRequirementBuilder.fromUri(url.toString()).build());
        }
        return requirements;
    }

    /**
     * The credential a build uses, checked for type; tracked against the build when {@code track}
     * (once per step, at its start: every call writes a fingerprint).
     *
     * @throws AbortException naming the ID and what to fix
     */
    static StandardCredentials forRun(
            Run<?, ?> run, PeInstallation installation, String stepCredentialsId, boolean track) throws AbortException {
        List<DomainRequirement> requirements = requirements(installation);
        String stepId = FieldText.trimToNull(stepCredentialsId);
        String id;
        try {
            id = InstallationChoice.credentialsId(stepId, installation.getName(), installation.getCredentialsId());
        } catch (InvalidInputException e) {
            throw new AbortException(e.getMessage());
        }
        StandardCredentials credential = stepId != null
                ? CredentialsProvider.findCredentialById(id, ACCEPTED_TYPE, run, requirements)
                : CredentialsProvider.findCredentialByIdInItem(id, ACCEPTED_TYPE, null, ACL.SYSTEM2, requirements);
        if (credential == null) {
            throw new AbortException(InstallationChoice.credentialNotFound(id, stepId == null, installation.getName())
                    .getMessage());
        }
        requireAcceptedType(credential);
        if (track) {
            CredentialsProvider.track(run, credential);
        }
        return credential;
    }

    /**
     * Where the build's {@code credential} came from, as its session's origin ({@link
     * CredentialOrigin}): the store among those the job sees that holds this very credential (or,
     * for providers that hand out copies, the nearest one holding a credential of its ID and class),
     * named by its provider and its context; {@link CredentialOrigin#unlisted} when no store holds it.
     */
    static String originOf(Run<?, ?> run, StandardCredentials credential) {
        String id = credential.getId();
        String sameIdAndClass = null;
        // A store lists its credentials only to those who may view them (CredentialsProvider.VIEW), which the
        // build's authentication need not have; the credential is resolved already, this only finds
        // where it is kept, and nothing of it leaves this method but the store's and the ID's names.
        try (ACLContext asSystem = ACL.as2(ACL.SYSTEM2)) {
            for (CredentialsStore store : CredentialsProvider.lookupStores(run.getParent())) {
                // a store of another plugin that fails to list (a remote one) must not fail a build whose
                // credential is resolved already: the origin only groups sweeps
                try {
                    for (Domain domain : store.getDomains()) {
                        for (Credentials held : store.getCredentials(domain)) {
                            if (held == credential) {
                                return origin(store, id);
                            }
                            if (sameIdAndClass == null
                                    && held.getClass() == credential.getClass()
                                    && held instanceof IdCredentials same
                                    && id.equals(same.getId())) {
                                sameIdAndClass = origin(store, id);
                            }
                        }
                    }
                } catch (RuntimeException | LinkageError e) {
                    LOGGER.log(
                            Level.FINE,
                            "Could not list the credentials store "
                                    + store.getClass().getName(),
                            e);
                }
            }
        }
        return sameIdAndClass != null ? sameIdAndClass : CredentialOrigin.unlisted(id);
    }

    private static String origin(CredentialsStore store, String id) {
        CredentialsProvider provider = store.getProvider();
        ModelObject context = store.getContext();
        String contextName = context instanceof Item item
                ? item.getFullName()
                : context instanceof Jenkins
                        ? "jenkins"
                        : Objects.toString(
                                context.getDisplayName(), context.getClass().getName());
        return CredentialOrigin.inStore(
                (provider != null ? provider.getClass() : store.getClass()).getName(), contextName, id);
    }

    /**
     * The credential a form of {@code item} asks PE with, resolved as the job's build would resolve
     * it: a step's {@code credentialsId} in the job's context (never a SYSTEM-scoped one), else the
     * installation's default in Jenkins' own context. Null when none is usable. The caller has
     * checked that the user may configure the job and that the job may use the installation.
     */
    static StandardCredentials forForm(Item item, PeInstallation installation, String stepCredentialsId) {
        List<DomainRequirement> requirements = requirements(installation);
        String stepId = FieldText.trimToNull(stepCredentialsId);
        String id = stepId != null ? stepId : FieldText.trimToNull(installation.getCredentialsId());
        if (id == null) {
            return null;
        }
        StandardCredentials credential = stepId != null
                ? CredentialsProvider.findCredentialByIdInItem(
                        id, ACCEPTED_TYPE, item, authenticationFor(item), requirements)
                : CredentialsProvider.findCredentialByIdInItem(id, ACCEPTED_TYPE, null, ACL.SYSTEM2, requirements);
        if (credential == null) {
            return null;
        }
        return (stepId != null ? usableByBuilds() : accepted()).matches(credential) ? credential : null;
    }

    /**
     * What the PE client authenticates with. A token is used as it is (and never revoked); a user
     * and password mint short-lived tokens, kept in memory only and revoked when the work ends.
     *
     * @param labelBase names the work in PE's token list, for example the job and build
     */
    static PeCredentials toClientCredentials(StandardCredentials credential, String labelBase) throws AbortException {
        if (credential instanceof StringCredentials token) {
            return PeCredentials.token(token.getSecret().getPlainText());
        }
        if (credential instanceof StandardUsernamePasswordCredentials user) {
            return PeCredentials.password(
                    user.getUsername(), user.getPassword().getPlainText().toCharArray(), TOKEN_LIFETIME, labelBase);
        }
        throw new AbortException(wrongType(credential));
    }

    static void requireAcceptedType(StandardCredentials credential) throws AbortException {
        if (!(credential instanceof StringCredentials)
                && !(credential instanceof StandardUsernamePasswordCredentials)) {
            throw new AbortException(wrongType(credential));
        }
    }

    private static String wrongType(StandardCredentials credential) {
        return InstallationChoice.wrongCredentialType(
                        credential.getId(), credential.getClass().getSimpleName())
                .getMessage();
    }

    /**
     * Dropdown of a step or build step: only for users who may configure the job (or administer);
     * lists what the build could resolve for the chosen installation's URLs.
     *
     * @param server the installation the form names (blank: the default one)
     */
    public static ListBoxModel itemsFor(Item item, String current, String server) {
        StandardListBoxModel model = new StandardListBoxModel();
        String currentValue = current == null ? "" : current;
        if (!mayListIn(item)) {
            model.includeCurrentValue(currentValue);
            return model;
        }
        Optional<PeInstallation> installation =
                PuppetEnterpriseConfiguration.get().installation(server);
        if (installation.isPresent() && !PeExecution.mayUse(item, installation.get())) {
            // a job outside the installation's folders gets nothing from it, credentials included
            model.includeCurrentValue(currentValue);
            return model;
        }
        List<DomainRequirement> requirements =
                installation.map(PeCredentialLookup::requirements).orElse(List.of());
        model.includeEmptyValue()
                .includeMatchingAs(authenticationFor(item), item, ACCEPTED_TYPE, requirements, usableByBuilds())
                .includeCurrentValue(currentValue);
        return model;
    }

    /**
     * Checks a step's credentialsId in the job's context, where its domain must cover the URLs of the
     * installation the form names; says nothing to users who may not look.
     *
     * @param server the installation the form names (blank: the default one)
     */
    public static FormValidation checkInItem(Item item, String value, String server) {
        if (!mayListIn(item)) {
            return FormValidation.ok();
        }
        String id = FieldText.trimToNull(value);
        if (id == null) {
            return FormValidation.ok("The default credential of the Puppet Enterprise installation is used");
        }
        if (id.contains("${")) {
            return FormValidation.ok("Resolved when the build runs");
        }
        Optional<PeInstallation> installation =
                PuppetEnterpriseConfiguration.get().installation(server);
        if (installation.isPresent() && !PeExecution.mayUse(item, installation.get())) {
            return FormValidation.ok(); // as the dropdown: a job outside the installation's folders learns nothing
        }
        Authentication as = authenticationFor(item);
        List<DomainRequirement> requirements =
                installation.map(PeCredentialLookup::requirements).orElse(List.of());
        StandardCredentials credential =
                CredentialsProvider.findCredentialByIdInItem(id, ACCEPTED_TYPE, item, as, requirements);
        if (credential == null && !requirements.isEmpty() && existsIgnoringDomains(id, item, as)) {
            return FormValidation.error(InstallationChoice.credentialDomainTooNarrow(id));
        }
        // only Jenkins' own context (the Snippet Generator outside any job) shows SYSTEM scope
        if (credential != null
                && CredentialsMatchers.withScope(CredentialsScope.SYSTEM).matches(credential)) {
            return FormValidation.error(InstallationChoice.systemScopedCredential(id));
        }
        return check(id, credential);
    }

    /**
     * Checks an installation's default credential in Jenkins' own context, where its domain must meet
     * {@code requirements} (those of the installation's URLs); administrators only.
     */
    static FormValidation checkInJenkins(String id, List<DomainRequirement> requirements) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        StandardCredentials credential =
                CredentialsProvider.findCredentialByIdInItem(id, ACCEPTED_TYPE, null, ACL.SYSTEM2, requirements);
        if (credential == null && existsIgnoringDomains(id, null, ACL.SYSTEM2)) {
            return FormValidation.error(InstallationChoice.credentialDomainTooNarrow(id));
        }
        return check(id, credential);
    }

    /** Whether {@code as} finds a credential of this ID in the context when no domain is asked for. */
    static boolean existsIgnoringDomains(String id, Item item, Authentication as) {
        return CredentialsProvider.findCredentialByIdInItem(id, ACCEPTED_TYPE, item, as, List.of()) != null;
    }

    private static FormValidation check(String id, StandardCredentials credential) {
        if (credential == null) {
            return FormValidation.error("No credential with ID '" + id + "' is available here");
        }
        try {
            requireAcceptedType(credential);
        } catch (AbortException e) {
            return FormValidation.error(e.getMessage());
        }
        return FormValidation.ok();
    }

    private static boolean mayListIn(Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    private static Authentication authenticationFor(Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }
}
