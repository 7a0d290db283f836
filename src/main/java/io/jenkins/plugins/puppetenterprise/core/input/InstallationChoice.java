package io.jenkins.plugins.puppetenterprise.core.input;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which configured installation and which credential a step or builder uses, decided before
 * anything is sent: a {@code server} that names no installation, or no credential at all, is
 * refused with the field named and the fix.
 */
public final class InstallationChoice {
    private InstallationChoice() {}

    /**
     * The installation named {@code server}, or the first one when {@code server} is null or blank.
     *
     * @throws InvalidInputException for field {@code server}, listing the configured names
     */
    public static <T> T installation(List<T> installations, Function<T, String> nameOf, String server) {
        String wanted = server == null || server.isBlank() ? null : server.trim();
        if (installations.isEmpty()) {
            throw problem(
                    "server",
                    "no Puppet Enterprise installation is configured: an administrator must add one under Manage"
                            + " Jenkins » System » Puppet Enterprise");
        }
        if (wanted == null) {
            return installations.get(0);
        }
        Optional<T> found = installations.stream()
                .filter(i -> wanted.equals(nameOf.apply(i)))
                .findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        String known =
                installations.stream().map(i -> "'" + nameOf.apply(i) + "'").collect(Collectors.joining(", "));
        throw problem(
                "server",
                "no Puppet Enterprise installation is named '" + wanted + "': use one of " + known
                        + " (Manage Jenkins » System » Puppet Enterprise), or leave server empty for the first");
    }

    /**
     * The credential ID to use: the step's, else the installation's default.
     *
     * @throws InvalidInputException for field {@code credentialsId} when there is neither
     */
    public static String credentialsId(String stepCredentialsId, String installationName, String defaultCredentialsId) {
        if (stepCredentialsId != null && !stepCredentialsId.isBlank()) {
            return stepCredentialsId.trim();
        }
        if (defaultCredentialsId != null && !defaultCredentialsId.isBlank()) {
            return defaultCredentialsId.trim();
        }
        throw problem(
                "credentialsId",
                "none given, and the Puppet Enterprise installation '" + installationName + "' has no default"
                        + " credential: pass credentialsId (the ID of a Secret text or Username with password"
                        + " credential) or set a default credential under Manage Jenkins » System » Puppet Enterprise");
    }

    /** The problem of a credential ID that names nothing the build can use. */
    public static InvalidInputException credentialNotFound(String id, boolean isDefault, String installationName) {
        if (isDefault) {
            return problem(
                    "credentialsId",
                    "the default credential '" + id + "' of the Puppet Enterprise installation '" + installationName
                            + "' was not found in Jenkins' own credentials (global or system scope) for all of its"
                            + " service URLs: an administrator must create it, choose another one, or widen its"
                            + " credentials domain to every host of the installation");
        }
        return problem(
                "credentialsId",
                "no credential with ID '" + id + "' is available to this job: check the ID, and that the credential is"
                        + " stored in Jenkins' global credentials or in a folder that holds this job, in a"
                        + " credentials domain that covers every host of the installation");
    }

    /** Why a credential that exists cannot be used: its domain leaves out one of the installation's URLs. */
    public static String credentialDomainTooNarrow(String id) {
        return "Credential '" + id + "' is in a credentials domain that does not cover every service URL of this"
                + " installation, so builds cannot use it. Fix: add the installation's hosts to the domain's"
                + " specification, or keep the credential in the global domain.";
    }

    /** Why a step cannot use a credential that Jenkins' own context shows: it is for Jenkins itself. */
    public static String systemScopedCredential(String id) {
        return "Credential '" + id + "' is System-scoped, for Jenkins itself: builds cannot use it. Give it Global"
                + " scope, or leave Credentials empty to use the installation's default credential";
    }

    /** The problem of a credential of a type the plugin cannot authenticate with. */
    public static InvalidInputException wrongCredentialType(String id, String typeName) {
        return problem(
                "credentialsId",
                "credential '" + id + "' is of type " + typeName + ": use a Secret text credential holding a PE RBAC"
                        + " token, or a Username with password credential of a PE user");
    }

    private static InvalidInputException problem(String field, String message) {
        return new InvalidInputException(List.of(new InputProblem(field, message)));
    }
}
