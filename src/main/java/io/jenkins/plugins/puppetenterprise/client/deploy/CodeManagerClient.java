package io.jenkins.plugins.puppetenterprise.client.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import io.jenkins.plugins.puppetenterprise.client.PeErrorTranslator;
import io.jenkins.plugins.puppetenterprise.client.PeHttpTransport;
import io.jenkins.plugins.puppetenterprise.client.PeNotFoundException;
import io.jenkins.plugins.puppetenterprise.client.PeRequest;
import io.jenkins.plugins.puppetenterprise.client.PeService;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.PeUnknownOutcomeException;
import io.jenkins.plugins.puppetenterprise.client.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Code Manager (pe-api.md section 3): deploys and deploy status.
 *
 * <p><b>When a deploy POST is repeated.</b> Code Manager queues deploys per environment and a
 * deploy converges an environment onto its branch head, so a second deploy of the same environment
 * leaves the same end state; but it is still a second deploy (new ids, another r10k run, possibly a
 * newer commit, a full fetch of every source for {@code deploy-all}), and PE documents no request
 * id that would let it drop a duplicate. So the client repeats {@code POST /deploys} only when the
 * request certainly never reached PE: the connection could not be made. Once it may have been sent
 * (timeout, reset, a proxy's 5xx), the call fails with {@link PeUnknownOutcomeException} naming
 * {@code GET /deploys/status} as the place to check, and the user decides.
 */
public final class CodeManagerClient {
    private static final String PERMISSION = "Code Manager » Deploy code";
    /**
     * How much earlier than the submission a queue or staging time on PE's clock still counts as
     * this deploy's: the {@code Date} header is cut to the second, and PE queues the deploy a
     * little before it answers.
     */
    public static final Duration PE_CLOCK_MARGIN = Duration.ofSeconds(5);

    private final PeClient client;
    private final PeSession session;
    private final PeHttpTransport transport;

    public CodeManagerClient(PeClient client, PeSession session) {
        this(client, session, client.transport());
    }

    private CodeManagerClient(PeClient client, PeSession session, PeHttpTransport transport) {
        this.client = client;
        this.session = session;
        this.transport = transport;
    }

    /**
     * The same calls, each sent once: for a watch's polls, which poll again anyway, so an outage
     * costs one request per environment and poll rather than several attempts each.
     */
    public CodeManagerClient withoutRetries() {
        return new CodeManagerClient(client, session, transport.withRetryPolicy(RetryPolicy.NONE));
    }

    /**
     * Deploys ({@code POST /code-manager/v1/deploys}). One result per environment, in PE's order; a
     * dry run gives the environments that would be deployed. A 200 does not mean success: check
     * each result's status. With {@code wait} the request may take as long as the deploy (the
     * client's deploy wait timeout applies).
     */
    public CompletableFuture<List<DeployResult>> deploy(DeployRequest deploy) {
        String what =
                deploy.deployAll() ? "all environments" : "environment(s) " + String.join(", ", deploy.environments());
        String action = (deploy.dryRun() ? "dry-run a Code Manager deploy of " : "deploy ") + what;
        String howToCheck = "GET /code-manager/v1/deploys/status on the primary server (port 8170) lists the new,"
                + " queued, deploying and failed deploys; look for " + what + ". If no deploy of them is queued or"
                + " running, deploying again is safe.";
        return session.call(PeRequest.Repeat.UNSENT_ONLY, token -> {
            PeRequest request = new PeRequest(
                    PeService.CODE_MANAGER,
                    "POST",
                    "/code-manager/v1/deploys",
                    Map.of(),
                    deploy.toJson(),
                    token,
                    deploy.waitForCompletion() ? client.deployWaitTimeout() : client.requestTimeout(),
                    PeRequest.Repeat.UNSENT_ONLY,
                    action,
                    PERMISSION,
                    howToCheck);
            return transport.exchange(request).thenApply(answer -> {
                JsonNode json = answer.json();
                if (!json.isArray()) {
                    throw PeErrorTranslator.unreadableAcceptance(
                            request,
                            client.urls(),
                            answer.status(),
                            PeErrorTranslator.unexpectedShape(
                                    request, answer.status(), json, "a list of deploys", List.of()));
                }
                List<DeployResult> results = new ArrayList<>();
                for (JsonNode item : json) {
                    if (item.isObject()) {
                        results.add(DeployResult.from(item, answer.date()));
                    }
                }
                return results;
            });
        });
    }

    /** The status of one deploy ({@code GET /code-manager/v1/deploys/status?id=}), of an environment unknown. */
    public CompletableFuture<DeployStatus> deployStatus(long id) {
        return deployStatus(id, null, null);
    }

    /**
     * The status of one deploy ({@code GET /code-manager/v1/deploys/status?id=}). When Code Manager
     * ignores the id and answers with the whole status, the deploy is looked for in it
     * ({@link FullDeployStatus}); a status whose {@link DeployStatus#unclear()} is set says why
     * that answer does not tell where the deploy is.
     *
     * @param environment the deploy's environment, or null
     * @param submittedAt when PE answered the deploy request, or queued the deploy, on PE's clock
     *     (null when unknown); {@link #PE_CLOCK_MARGIN} earlier counts as no earlier
     */
    public CompletableFuture<DeployStatus> deployStatus(long id, String environment, Instant submittedAt) {
        return session.call(token -> {
            PeRequest request = new PeRequest(
                    PeService.CODE_MANAGER,
                    "GET",
                    "/code-manager/v1/deploys/status",
                    Map.of("id", Long.toString(id)),
                    null,
                    token,
                    client.requestTimeout(),
                    PeRequest.Repeat.SAFE,
                    "get the status of deploy " + id,
                    PERMISSION,
                    null);
            return transport.exchange(request).thenApply(answer -> {
                JsonNode json = answer.json();
                if (!json.isObject() || LenientJson.isErrorObject(json)) {
                    throw PeErrorTranslator.unexpectedShape(
                            request, answer.status(), json, "a deploy status", List.of());
                }
                if (LenientJson.text(json, "status") == null && FullDeployStatus.isFull(json)) {
                    return FullDeployStatus.find(
                            json, id, environment, submittedAt == null ? null : submittedAt.minus(PE_CLOCK_MARGIN));
                }
                if (LenientJson.text(json, "status") == null) {
                    throw new PeNotFoundException(
                            "Code Manager knows no deploy with id " + id + ": deploys are forgotten an hour after they"
                                    + " end (deploy_ttl), or the id is from another PE installation.",
                            answer.status(),
                            null,
                            null,
                            null,
                            "Deploy again if its outcome is still needed.");
                }
                return DeployStatus.from(json);
            });
        });
    }

    /**
     * The deploys Code Manager lists as new, queued, deploying or failed ({@code deploys-status} of
     * the whole {@code GET /code-manager/v1/deploys/status}), for a sweep of every watched deploy at
     * once. Empty when the answer, a JSON object, holds no such arrays: this Code Manager cannot list
     * its queue.
     */
    public CompletableFuture<Optional<DeployQueue>> deployQueue() {
        return session.call(token -> {
            PeRequest request = new PeRequest(
                    PeService.CODE_MANAGER,
                    "GET",
                    "/code-manager/v1/deploys/status",
                    Map.of(),
                    null,
                    token,
                    client.requestTimeout(),
                    PeRequest.Repeat.SAFE,
                    "list the Code Manager deploys",
                    PERMISSION,
                    null);
            return transport.exchange(request).thenApply(answer -> {
                JsonNode json = answer.json();
                if (!json.isObject() || LenientJson.isErrorObject(json)) {
                    throw PeErrorTranslator.unexpectedShape(
                            request, answer.status(), json, "the deploy status", List.of());
                }
                return DeployQueue.from(json);
            });
        });
    }

    /**
     * What file sync has staged on the primary ({@code file-sync-storage-status.deployed} of the
     * whole {@code GET /code-manager/v1/deploys/status}): per environment the date and the deploy
     * signature (the control-repository commit). The condensed {@code ?id=} status has no signature.
     */
    public CompletableFuture<List<StagedDeploy>> stagedDeploys() {
        return session.call(token -> {
            PeRequest request = new PeRequest(
                    PeService.CODE_MANAGER,
                    "GET",
                    "/code-manager/v1/deploys/status",
                    Map.of(),
                    null,
                    token,
                    client.requestTimeout(),
                    PeRequest.Repeat.SAFE,
                    "get the Code Manager deploy status",
                    PERMISSION,
                    null);
            return transport.exchange(request).thenApply(answer -> {
                JsonNode json = answer.json();
                if (!json.isObject() || LenientJson.isErrorObject(json)) {
                    throw PeErrorTranslator.unexpectedShape(
                            request, answer.status(), json, "the deploy status", List.of());
                }
                List<StagedDeploy> staged = new ArrayList<>();
                for (JsonNode item : json.path("file-sync-storage-status").path("deployed")) {
                    if (item.isObject()) {
                        staged.add(StagedDeploy.from(item));
                    }
                }
                return staged;
            });
        });
    }
}
