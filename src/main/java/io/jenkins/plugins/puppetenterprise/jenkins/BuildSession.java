package io.jenkins.plugins.puppetenterprise.jenkins;

import hudson.model.Run;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.core.WatchSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One build's session with its credential on an installation's shared client. {@link #end()}
 * revokes the tokens it minted from a password (a Secret-text token is never revoked) and then
 * gives the client back, so a client retired by a configuration change can be closed.
 */
public final class BuildSession {
    private static final Logger LOGGER = Logger.getLogger(BuildSession.class.getName());
    /** Per build in memory: the installations and credentials whose token was checked (see {@link #checkTokenAtStart}). */
    private static final Map<Run<?, ?>, Set<String>> TOKENS_CHECKED = Collections.synchronizedMap(new WeakHashMap<>());
    /** Sessions not yet ended, for {@link #endAll} at shutdown. */
    private static final Set<BuildSession> OPEN = ConcurrentHashMap.newKeySet();

    private final PeSession session;
    private final SharedClients.Lease<PeClient> lease;
    private final PeInstallation installation;
    private final String build;
    private final String credentialId;

    BuildSession(
            PeSession session,
            SharedClients.Lease<PeClient> lease,
            PeInstallation installation,
            String build,
            String credentialId) {
        this.session = session;
        this.lease = lease;
        this.installation = installation;
        this.build = build;
        this.credentialId = credentialId;
        OPEN.add(this);
    }

    /** Ends every open session (Jenkins is shutting down), waiting at most {@code wait} for PE. */
    static void endAll(Duration wait) {
        List<CompletableFuture<Void>> ending = new ArrayList<>();
        for (BuildSession open : List.copyOf(OPEN)) {
            ending.add(open.end());
        }
        try {
            CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new))
                    .get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOGGER.log(
                    Level.INFO,
                    "Not every PE token minted for a build was confirmed revoked at shutdown; each"
                            + " expires on its own within its lifetime");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public PeSession session() {
        return session;
    }

    /** The installation the session talks to, as the job was allowed to use it. */
    public PeInstallation installation() {
        return installation;
    }

    /**
     * At a step's start: checks the token's expiry before the session's first request, once per
     * build, installation and credential, through this session (the execution core's check: a
     * warning, a failure for an expired token, or one line when RBAC cannot say). Sends nothing
     * itself.
     */
    public void checkTokenAtStart(Run<?, ?> run, WatchSink log) {
        String key = installation.getName() + "\n" + credentialId;
        if (TOKENS_CHECKED
                .computeIfAbsent(run, r -> ConcurrentHashMap.newKeySet())
                .add(key)) {
            session.beforeFirstCall(() -> PeExecution.core().checkToken(session, log));
        }
    }

    /** Revokes minted tokens, then releases the client; never blocks. */
    public CompletableFuture<Void> end() {
        OPEN.remove(this);
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
