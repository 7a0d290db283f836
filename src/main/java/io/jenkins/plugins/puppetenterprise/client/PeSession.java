package io.jenkins.plugins.puppetenterprise.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.client.deploy.CodeManagerClient;
import io.jenkins.plugins.puppetenterprise.client.job.JobClient;
import io.jenkins.plugins.puppetenterprise.client.plan.OrchestratorClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The authenticated side of a {@link PeClient}: Code Manager and Orchestrator calls made with one
 * set of credentials, typically for one build.
 *
 * <p>With a static token every call carries it, and a rejected token fails with
 * {@link PeCredentialsException} saying how to replace it. With a user and password the session
 * logs in on first use (label: the work's name plus a random suffix per login), and when a call is
 * refused because the token is no longer usable (any 401, or an RBAC token kind; for a one-shot
 * request only a 401) it logs in again once and repeats that call once; concurrent calls share one login (and one renewal).
 * {@link #revokeMintedTokens()} ends the session: it revokes the tokens this session minted, and
 * only those, and the session logs in no more.
 */
public final class PeSession implements AutoCloseable {
    private static final Set<String> TOKEN_KINDS = Set.of(
            "user-unauthenticated",
            "token-expired",
            "token-revoked",
            "invalid-token",
            "token-timed-out",
            "user-revoked");

    private final PeClient client;
    private final RbacClient rbac;
    private final PeCredentials credentials;
    private final String origin;
    private final RandomGenerator random;
    private final Duration closeWait;
    private final CodeManagerClient codeManager;
    private final OrchestratorClient orchestrator;
    private final List<PeSecret> minted = new ArrayList<>();
    private final List<CompletableFuture<PeSecret>> loginsInFlight = new ArrayList<>();
    private CompletableFuture<PeSecret> currentToken;
    private boolean closed;
    private Supplier<CompletableFuture<Void>> firstCallCheck;
    private CompletableFuture<Void> firstCallChecked;

    PeSession(PeClient client, PeCredentials credentials, String origin, RandomGenerator random) {
        this.client = client;
        this.rbac = client.rbac();
        this.credentials = credentials;
        this.origin = origin;
        this.random = random;
        this.closeWait = client.requestTimeout();
        this.codeManager = new CodeManagerClient(client, this);
        this.orchestrator = new OrchestratorClient(client, this);
    }

    public CodeManagerClient codeManager() {
        return codeManager;
    }

    public OrchestratorClient orchestrator() {
        return orchestrator;
    }

    /** Orchestrator Puppet runs and tasks over this session. */
    public JobClient jobs() {
        return new JobClient(client, this);
    }

    /**
     * An authenticated read sent as a POST with a JSON body (a PuppetDB query): repeated on
     * transient failures like every read, and failing with a {@link PeApiException} in words. It
     * gives the per-service clients outside this package ({@code client.query}) the session's token,
     * TLS and retry discipline without exposing them.
     *
     * @param path below the service's base URL, starting with {@code /}
     * @param action what the user asked for, as a phrase for messages ("run PuppetDB query '…'")
     * @param permission the PE permission a 403 answer names
     * @return the answer's JSON, as PE sent it
     */
    public CompletableFuture<JsonNode> postRead(
            PeService service, String path, JsonNode body, String action, String permission) {
        return call(token -> client.transport()
                .send(new PeRequest(
                        service,
                        "POST",
                        path,
                        Map.of(),
                        body,
                        token,
                        client.requestTimeout(),
                        PeRequest.Repeat.SAFE,
                        action,
                        permission,
                        null)));
    }

    /**
     * Names the sweep group of this session without revealing its secret: a SHA-256 digest of the
     * origin its credentials came from ({@link PeClient#session(PeCredentials, String)}) and of the
     * token, or of the user name for a password credential. Sessions of one group see the same work
     * in PE, so one of them may ask PE about the others' work (a sweep); sessions of different groups
     * never share a sweep, even where their credentials share an ID (folder credentials in two
     * folders) or a secret.
     */
    public String sweepGroup() {
        String who = credentials instanceof PeCredentials.Token given
                ? "token:" + given.token().plainText()
                : "user:" + ((PeCredentials.Password) credentials).login();
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(origin, who)) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                // each part with its length first, so that origin and secret cannot run into each other
                digest.update(
                        ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** The request budget of the installation this session talks to ({@link PeClient#requestsPerSecond()}). */
    public int requestsPerSecond() {
        return client.requestsPerSecond();
    }

    /** Whether this session mints its own tokens (user and password) or uses a given one. */
    public boolean mintsTokens() {
        return credentials instanceof PeCredentials.Password;
    }

    /** The user and expiry of the token the session uses now (logging in first if needed). */
    public CompletableFuture<TokenInfo> tokenInfo() {
        return token().thenCompose(rbac::authenticate);
    }

    /**
     * Makes the session's first call wait for {@code check}, started then and only once; every
     * call fails as the check fails. For checks that must precede any other request (the token's
     * expiry at a step's start); a check that only warns completes normally. Ignored once a call
     * was made.
     */
    public synchronized void beforeFirstCall(Supplier<CompletableFuture<Void>> check) {
        if (firstCallChecked == null) {
            firstCallCheck = check;
        }
    }

    private synchronized CompletableFuture<Void> firstCallChecked() {
        if (firstCallChecked == null) {
            firstCallChecked = firstCallCheck == null ? CompletableFuture.completedFuture(null) : firstCallCheck.get();
            firstCallCheck = null;
        }
        return firstCallChecked;
    }

    /**
     * Runs an authenticated idempotent call (reads, stop commands), renewing a minted token once
     * if PE no longer accepts it.
     */
    public <T> CompletableFuture<T> call(Function<PeSecret, CompletableFuture<T>> call) {
        return call(PeRequest.Repeat.SAFE, call);
    }

    /**
     * Runs an authenticated call whose request is sent under {@code repeat}, renewing a minted
     * token once if PE no longer accepts it. A one-shot request ({@link PeRequest.Repeat#UNSENT_ONLY},
     * {@link PeRequest.Repeat#NEVER}: a deploy, a plan run) is sent again only after a real 401,
     * which says PE refused it: a 2xx or other answer carrying a token error object may come from a
     * proxy in front of a PE that did the work, so it is reported once.
     */
    public <T> CompletableFuture<T> call(PeRequest.Repeat repeat, Function<PeSecret, CompletableFuture<T>> call) {
        // Cancelling the result (a watch that ends) aborts the request in flight, or keeps it unsent.
        AtomicReference<CompletableFuture<T>> inFlight = new AtomicReference<>();
        AbortableFuture<T> result = new AbortableFuture<>(() -> {
            CompletableFuture<T> sent = inFlight.get();
            if (sent != null) {
                sent.cancel(true);
            }
        });
        Function<PeSecret, CompletableFuture<T>> send = token -> {
            if (result.isDone()) {
                return CompletableFuture.failedFuture(new CancellationException("the caller gave up the request"));
            }
            CompletableFuture<T> sent = call.apply(token);
            inFlight.set(sent);
            if (result.isCancelled()) {
                sent.cancel(true);
            }
            return sent;
        };
        firstCallChecked()
                .thenCompose(checked -> token())
                .thenCompose(token -> send.apply(token).exceptionallyCompose(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    if (mintsTokens()
                            && cause instanceof PeCredentialsException rejected
                            && isTokenRejection(rejected, repeat)) {
                        return renew(token).thenCompose(send);
                    }
                    return CompletableFuture.failedFuture(cause);
                }))
                .whenComplete((value, failure) -> {
                    if (failure == null) {
                        result.complete(value);
                    } else {
                        result.completeExceptionally(failure);
                    }
                });
        return result;
    }

    private static boolean isTokenRejection(PeCredentialsException e, PeRequest.Repeat repeat) {
        if (e.status() == 401) {
            return true;
        }
        if (repeat == PeRequest.Repeat.UNSENT_ONLY || repeat == PeRequest.Repeat.NEVER) {
            return false;
        }
        PeErrorKind kind = PeErrorKind.of(e.kind());
        return kind != null && kind.names().stream().anyMatch(TOKEN_KINDS::contains);
    }

    private synchronized CompletableFuture<PeSecret> token() {
        if (credentials instanceof PeCredentials.Token given) {
            return CompletableFuture.completedFuture(given.token());
        }
        if (currentToken == null || currentToken.isCompletedExceptionally() || currentToken.isCancelled()) {
            currentToken = login();
        }
        return currentToken;
    }

    /**
     * A new login unless another caller already started or finished one in place of the rejected
     * token: concurrent refusals of one token share one renewal.
     */
    private synchronized CompletableFuture<PeSecret> renew(PeSecret rejected) {
        boolean replaced = currentToken != null
                && !currentToken.isCompletedExceptionally()
                && !currentToken.isCancelled()
                && (!currentToken.isDone() || !currentToken.join().sameAs(rejected));
        if (!replaced) {
            currentToken = login();
        }
        return currentToken;
    }

    /**
     * Logs in, unless the session was closed (its tokens revoked): a closed session mints nothing.
     * A login whose answer arrives after the close revokes its token at once, and the close waits
     * for that.
     */
    private synchronized CompletableFuture<PeSecret> login() {
        if (closed) {
            return CompletableFuture.failedFuture(closedError());
        }
        PeCredentials.Password password = (PeCredentials.Password) credentials;
        String label = TokenLabel.create(password.labelBase(), random);
        CompletableFuture<PeSecret> login = rbac.login(
                        password.login(), password.password(), password.lifetime(), label)
                .exceptionallyCompose(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    // A login repeated after its answer was lost finds its own label taken (409): PE
                    // minted that token, which nobody holds; log in once more under a new label,
                    // then revoke the lost one by its label.
                    if (cause instanceof PeApiException e && e.status() == 409) {
                        return loginAfterLostAnswer(password, label);
                    }
                    return CompletableFuture.failedFuture(cause);
                })
                .thenCompose(this::keepOrRevoke);
        loginsInFlight.add(login);
        login.whenComplete((token, failure) -> {
            synchronized (this) {
                loginsInFlight.remove(login);
            }
        });
        return login;
    }

    private CompletableFuture<PeSecret> loginAfterLostAnswer(PeCredentials.Password password, String lostLabel) {
        String label = TokenLabel.create(password.labelBase(), random);
        return rbac.login(password.login(), password.password(), password.lifetime(), label)
                .thenCompose(token -> rbac.revokeByLabel(token, lostLabel).handle((revoked, failure) -> token));
    }

    /** Keeps a minted token, or revokes it at once when the session closed while it was minted. */
    private CompletableFuture<PeSecret> keepOrRevoke(PeSecret token) {
        synchronized (this) {
            if (!closed) {
                minted.add(token);
                return CompletableFuture.completedFuture(token);
            }
        }
        return revokeUnlessUnusable(token).thenCompose(revoked -> CompletableFuture.failedFuture(closedError()));
    }

    private static PeApiException closedError() {
        return new PeApiException(
                "This PE session has ended (its tokens were revoked): the build's work with PE is over,"
                        + " so it logs in no more.",
                0,
                null,
                null,
                null,
                null);
    }

    /**
     * Ends the session: revokes every token this session minted (none for a static token),
     * including one whose login is still in flight, and refuses to log in afterwards. A token PE
     * already considers expired or revoked counts as revoked. Completes exceptionally if any
     * revocation failed otherwise; the others are still attempted.
     */
    public CompletableFuture<Void> revokeMintedTokens() {
        List<PeSecret> tokens;
        List<CompletableFuture<PeSecret>> pending;
        synchronized (this) {
            closed = true;
            tokens = new ArrayList<>(minted);
            minted.clear();
            pending = new ArrayList<>(loginsInFlight);
            currentToken = null;
        }
        List<CompletableFuture<?>> revocations = new ArrayList<>();
        tokens.forEach(token -> revocations.add(revokeUnlessUnusable(token)));
        // a login in flight revokes its own token when it lands (keepOrRevoke); wait for it
        pending.forEach(login -> revocations.add(login.handle((token, failure) -> null)));
        return CompletableFuture.allOf(revocations.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> revokeUnlessUnusable(PeSecret token) {
        return rbac.revoke(token).exceptionally(failure -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof PeCredentialsException) {
                return null; // already unusable
            }
            throw failure instanceof CompletionException c ? c : new CompletionException(cause);
        });
    }

    /**
     * Ends the session ({@link #revokeMintedTokens()}), waiting for PE's answer at most one request
     * timeout: with retries a revocation PE does not answer could hold the caller (a "Test
     * connection" request thread) for minutes. After that it throws, and a token PE has not
     * confirmed revoked expires on its own within its lifetime.
     */
    @Override
    public void close() {
        try {
            revokeMintedTokens().get(closeWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new CompletionException(e.getCause());
        } catch (TimeoutException e) {
            throw new PeTransientException(
                    "PE did not confirm within " + closeWait.toSeconds() + " s that it revoked the token made for"
                            + " this session; it expires on its own within its lifetime.",
                    0,
                    null,
                    null,
                    null,
                    null,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    @Override
    public String toString() {
        return "PeSession[" + (mintsTokens() ? "password login" : "token") + "]";
    }
}
