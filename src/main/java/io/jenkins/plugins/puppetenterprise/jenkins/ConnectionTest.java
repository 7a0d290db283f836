package io.jenkins.plugins.puppetenterprise.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.security.ACL;
import hudson.util.FormValidation;
import io.jenkins.plugins.puppetenterprise.client.PeApiException;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeService;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.TokenInfo;
import io.jenkins.plugins.puppetenterprise.client.deploy.DeployRequest;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanList;
import io.jenkins.plugins.puppetenterprise.core.input.InstallationChoice;
import io.jenkins.plugins.puppetenterprise.core.input.InstallationSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * "Test connection" of an installation: reachability and TLS of the three services, the token's
 * user and expiry, the plans it may run and, when asked, a Code Manager dry run (deploy
 * permission). Reports in its own words: PE's error kind and the fix, never a remote body.
 */
final class ConnectionTest {
    static final Duration EXPIRY_WARNING = Duration.ofDays(7);
    private static final int PLANS_SHOWN = 10;

    private final PeInstallation installation;
    private final Duration wait;
    private final List<String> lines = new ArrayList<>();
    private boolean failed;
    private boolean warned;

    ConnectionTest(PeInstallation installation) {
        this.installation = installation;
        this.wait = installation.readTimeout().plusSeconds(installation.getConnectTimeoutSeconds() + 5L);
    }

    FormValidation run(boolean tryDeploy) throws InterruptedException {
        try {
            InstallationSettings.checkAll(List.of(installation.settings()));
            installation.settings().requireUsableAt(Instant.now());
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
        try (PeClient client = InstallationClients.newClient(installation)) {
            for (PeService service : PeService.values()) {
                if (service == PeService.PUPPETDB) {
                    continue;
                }
                Integer status = await(client.checkConnection(service), service.displayName());
                if (status != null) {
                    lines.add(service.displayName() + ": reachable over trusted TLS.");
                }
            }
            checkPuppetDb(client);
            if (!failed) {
                checkCredential(client, tryDeploy);
            }
        }
        String text = String.join(" ", lines);
        return failed ? FormValidation.error(text) : warned ? FormValidation.warning(text) : FormValidation.ok(text);
    }

    /** Only puppetDbQuery needs PuppetDB: a PuppetDB out of reach is a warning, not a failed test. */
    private void checkPuppetDb(PeClient client) throws InterruptedException {
        if (!installation.hasPuppetDb()) {
            lines.add("PuppetDB: no primary host and no PuppetDB URL, so puppetDbQuery cannot be used.");
            warned = true;
            return;
        }
        boolean failedBefore = failed;
        Integer status = await(client.checkConnection(PeService.PUPPETDB), "PuppetDB (needed by puppetDbQuery only)");
        if (status != null) {
            lines.add("PuppetDB: reachable over trusted TLS.");
        } else {
            failed = failedBefore;
            warned = true;
        }
    }

    private static boolean usernameIsSecret(StandardCredentials credential) {
        return credential instanceof StandardUsernamePasswordCredentials user && user.isUsernameSecret();
    }

    private void checkCredential(PeClient client, boolean tryDeploy) throws InterruptedException {
        String id = installation.getCredentialsId();
        if (id == null) {
            lines.add("No default credential chosen: token, plan and deploy checks skipped.");
            warned = true;
            return;
        }
        // as builds resolve it: its domain must cover every URL the token goes to
        StandardCredentials credential = CredentialsProvider.findCredentialByIdInItem(
                id, PeCredentialLookup.ACCEPTED_TYPE, null, ACL.SYSTEM2, PeCredentialLookup.requirements(installation));
        if (credential == null) {
            lines.add(
                    PeCredentialLookup.existsIgnoringDomains(id, null, ACL.SYSTEM2)
                            ? InstallationChoice.credentialDomainTooNarrow(id)
                            : "Credential '" + id + "' was not found in Jenkins' own credentials.");
            failed = true;
            return;
        }
        try (PeSession session =
                client.session(PeCredentialLookup.toClientCredentials(credential, "jenkins test connection"))) {
            TokenInfo token = await(session.tokenInfo(), "Token check");
            if (token == null) {
                return;
            }
            lines.add((usernameIsSecret(credential)
                            ? "Token of the credential's PE user (name not shown: the credential"
                                    + " marks its username as secret)"
                            : "Token of PE user '" + token.login() + "'")
                    + expiry(token.expiration()) + ".");
            PlanList plans = await(session.orchestrator().plans("production"), "Plan list");
            if (plans != null) {
                List<String> permitted = plans.permittedNames();
                lines.add(
                        permitted.isEmpty()
                                ? "It may run no plan in environment production."
                                : "It may run " + permitted.size() + " plan(s) in production: "
                                        + String.join(
                                                ", ", permitted.subList(0, Math.min(PLANS_SHOWN, permitted.size())))
                                        + (permitted.size() > PLANS_SHOWN ? ", …" : "") + ".");
            }
            if (tryDeploy) {
                var dryRun = await(
                        session.codeManager().deploy(DeployRequest.all().withDryRun(true)), "Code deploy dry run");
                if (dryRun != null) {
                    lines.add("Code deploy dry run accepted: the user may deploy code.");
                }
            }
        } catch (AbortException e) {
            lines.add(e.getMessage());
            failed = true;
        } catch (PeApiException e) {
            // closing the session: the test token's revocation failed or went unconfirmed (bounded)
            lines.add(e.getMessage());
            warned = true;
        }
    }

    private String expiry(Instant expiration) {
        if (expiration == null) {
            return "";
        }
        if (expiration.isBefore(Instant.now().plus(EXPIRY_WARNING))) {
            warned = true;
            return ", expiring on " + expiration + ": renew it soon (puppet access login --lifetime …) and update"
                    + " the credential";
        }
        return ", valid until " + expiration;
    }

    /** The value, or null after noting the failure in words that never include a remote body. */
    private <T> T await(CompletableFuture<T> future, String what) throws InterruptedException {
        try {
            return future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            lines.add(what + ": no answer within " + wait.toSeconds() + " s.");
        } catch (ExecutionException e) {
            lines.add(what + ": " + words(e.getCause()));
        }
        failed = true;
        return null;
    }

    static String words(Throwable failure) {
        if (failure instanceof PeApiException api) {
            return "PE answered HTTP " + api.status() + (api.kind() == null ? "" : " (" + api.kind() + ")")
                    + (api.fix() == null ? "." : ": " + api.fix());
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
