package io.jenkins.plugins.puppetenterprise.jenkins;

import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One build's session with its credential on an installation's shared client. {@link #end()}
 * revokes the tokens it minted from a password (a Secret-text token is never revoked) and then
 * gives the client back, so a client retired by a configuration change can be closed.
 */
public final class BuildSession {
    private static final Logger LOGGER = Logger.getLogger(BuildSession.class.getName());

    private final PeSession session;
    private final SharedClients.Lease<PeClient> lease;
    private final PeInstallation installation;
    private final String build;

    BuildSession(PeSession session, SharedClients.Lease<PeClient> lease, PeInstallation installation, String build) {
        this.session = session;
        this.lease = lease;
        this.installation = installation;
        this.build = build;
    }

    public PeSession session() {
        return session;
    }

    /** The installation the session talks to, as the job was allowed to use it. */
    public PeInstallation installation() {
        return installation;
    }

    /** Revokes minted tokens, then releases the client; never blocks. */
    public CompletableFuture<Void> end() {
        return session.revokeMintedTokens().whenComplete((ok, failure) -> {
            if (failure != null) {
                LOGGER.log(
                        Level.WARNING,
                        "Could not revoke the PE token minted for " + build
                                + "; it expires on its own within its lifetime: " + failure.getMessage());
            }
            lease.release();
        });
    }
}
