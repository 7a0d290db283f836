package io.jenkins.plugins.puppetenterprise.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

/**
 * Sends {@link PeRequest}s with {@code sendAsync} and applies the retry discipline: a request is
 * repeated only as its {@link PeRequest.Repeat} allows, after a back-off scheduled on the shared
 * scheduler (no thread waits). Answers become JSON or a {@link PeApiException}.
 */
public final class PeHttpTransport {
    private final HttpClient http;
    private final Executor executor;
    private final PeServiceUrls urls;
    private final ScheduledExecutorService scheduler;
    private final RetryPolicy retryPolicy;
    private final RandomGenerator random;
    /** Results not yet completed and their requests, so that {@link #close()} can fail them; shared with retry-policy views. */
    private final Map<CompletableFuture<?>, PeRequest> outstanding;
    /** Shared with retry-policy views. */
    private final AtomicBoolean closed;
    /** The most bytes of one answer's body that are read. */
    private final long maxAnswerBytes;

    /**
     * @param executor where answers are handled: the JDK client hands {@code sendAsync} results to
     *     the common pool, which on a machine with fewer than three cores starts a new thread per
     *     answer; handling them on the client's own bounded pool keeps the thread count fixed
     */
    PeHttpTransport(
            HttpClient http,
            Executor executor,
            PeServiceUrls urls,
            ScheduledExecutorService scheduler,
            RetryPolicy retryPolicy,
            RandomGenerator random,
            long maxAnswerBytes) {
        this(
                http,
                executor,
                urls,
                scheduler,
                retryPolicy,
                random,
                new ConcurrentHashMap<>(),
                new AtomicBoolean(),
                maxAnswerBytes);
    }

    private PeHttpTransport(
            HttpClient http,
            Executor executor,
            PeServiceUrls urls,
            ScheduledExecutorService scheduler,
            RetryPolicy retryPolicy,
            RandomGenerator random,
            Map<CompletableFuture<?>, PeRequest> outstanding,
            AtomicBoolean closed,
            long maxAnswerBytes) {
        this.http = http;
        this.executor = handOffOrRunHere(executor);
        this.urls = urls;
        this.scheduler = scheduler;
        this.retryPolicy = retryPolicy;
        this.random = random;
        this.outstanding = outstanding;
        this.closed = closed;
        this.maxAnswerBytes = maxAnswerBytes;
    }

    /**
     * Hands answers to {@code executor}, or handles them on the calling thread once it refuses
     * (closed): a dropped hand-off would leave its result never completed.
     */
    private static Executor handOffOrRunHere(Executor executor) {
        return task -> {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                task.run();
            }
        };
    }

    PeServiceUrls urls() {
        return urls;
    }

    /** A transport on the same HTTP client that repeats requests as {@code policy} says. */
    public PeHttpTransport withRetryPolicy(RetryPolicy policy) {
        return new PeHttpTransport(
                http, executor, urls, scheduler, policy, random, outstanding, closed, maxAnswerBytes);
    }

    /**
     * Fails every result not yet completed (requests in flight and retries waiting on the
     * scheduler, whose tasks a closing scheduler drops), which also cancels their requests, and
     * closes the JDK HTTP client where the runtime can (it is {@link AutoCloseable} from Java 21),
     * freeing its selector thread and pooled connections without waiting for a GC. A one-shot
     * request (a plan run, a deploy) may have reached PE: its outcome is unknown, never a failure.
     */
    void close() {
        closed.set(true);
        for (Map.Entry<CompletableFuture<?>, PeRequest> waiting : List.copyOf(outstanding.entrySet())) {
            PeRequest request = waiting.getValue();
            PeTransientException closedMeanwhile = closedWhile("waiting for its answer", null);
            boolean oneShot =
                    request.repeat() == PeRequest.Repeat.NEVER || request.repeat() == PeRequest.Repeat.UNSENT_ONLY;
            waiting.getKey()
                    .completeExceptionally(
                            oneShot
                                    ? PeErrorTranslator.unknownOutcome(
                                            request,
                                            request.service().displayName() + " at "
                                                    + request.service().baseUrl(urls),
                                            "the PE client was closed while waiting for its answer",
                                            0,
                                            closedMeanwhile)
                                    : closedMeanwhile);
        }
        if (http instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // nothing is waiting on it any more; its threads end with the JVM at the latest
            }
        }
    }

    private static PeTransientException closedWhile(String what, Throwable cause) {
        return new PeTransientException(
                "The PE client was closed while " + what + " (its installation's settings changed or Jenkins is"
                        + " shutting down); the request may or may not have reached PE.",
                0,
                null,
                null,
                null,
                null,
                cause);
    }

    /** Registers a result until it completes; fails it at once when the client is already closed. */
    private <T> CompletableFuture<T> track(CompletableFuture<T> result, PeRequest request) {
        outstanding.put(result, request);
        result.whenComplete((value, failure) -> outstanding.remove(result));
        if (closed.get()) {
            result.completeExceptionally(new PeTransientException(
                    "The PE client was closed before the request to " + request.action() + " was sent (its"
                            + " installation's settings changed or Jenkins is shutting down); it did not reach PE.",
                    0,
                    null,
                    null,
                    null,
                    null,
                    null));
        }
        return result;
    }

    /** The answer's JSON ({@link MissingNode} for an empty 2xx body), or a failed future with a PeApiException. */
    CompletableFuture<JsonNode> send(PeRequest request) {
        return exchange(request).thenApply(answer -> answer.json);
    }

    /** Like {@link #send} but also gives the status, for callers that treat some statuses specially. */
    public CompletableFuture<Answer> exchange(PeRequest request) {
        CompletableFuture<Answer> result = track(AbortableFuture.root(), request);
        attempt(request, 1, result);
        return result;
    }

    /**
     * @param date the answer's {@code Date} header: when PE answered, on PE's clock (to the second),
     *     or null when it sent none that can be read
     */
    public record Answer(int status, JsonNode json, Instant date) {}

    private static Instant dateOf(HttpResponse<?> response) {
        try {
            return response.headers()
                    .firstValue("Date")
                    .map(date -> Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(date)))
                    .orElse(null);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Completes with the HTTP status of any answer; fails only when no answer came (connection, TLS). */
    CompletableFuture<Integer> reachability(PeRequest request) {
        CompletableFuture<Integer> result = track(AbortableFuture.root(), request);
        if (result.isDone()) {
            return result;
        }
        CompletableFuture<HttpResponse<Void>> sent;
        try {
            sent = http.sendAsync(build(request), HttpResponse.BodyHandlers.discarding());
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return result;
        }
        result.whenComplete((status, failure) -> sent.cancel(true));
        sent.whenCompleteAsync(
                (response, error) -> {
                    if (error != null) {
                        result.completeExceptionally(PeErrorTranslator.fromFailure(request, urls, unwrap(error), 1));
                    } else {
                        result.complete(response.statusCode());
                    }
                },
                executor);
        return result;
    }

    private void attempt(PeRequest request, int attempt, CompletableFuture<Answer> result) {
        if (result.isDone()) {
            return; // cancelled by the caller meanwhile
        }
        CompletableFuture<HttpResponse<String>> sent;
        try {
            sent = http.sendAsync(build(request), BoundedBody.handler(maxAnswerBytes));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        // a result failed or cancelled meanwhile (client closed, caller gave up) aborts its request
        result.whenComplete((answer, failure) -> sent.cancel(true));
        // HttpRequest.timeout() stops counting once the headers arrive; a body that then stalls
        // (peer gone, load-balancer failover) would hold the attempt for ever. This deadline
        // covers the whole attempt.
        AtomicBoolean overdue = new AtomicBoolean();
        ScheduledFuture<?> deadline;
        try {
            deadline = scheduler.schedule(
                    () -> {
                        overdue.set(true);
                        sent.cancel(true);
                    },
                    request.timeout().toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            sent.cancel(true);
            result.completeExceptionally(closedWhile("sending it", e));
            return;
        }
        sent.whenCompleteAsync(
                (response, error) -> {
                    deadline.cancel(false);
                    try {
                        Throwable failure = unwrap(error);
                        if (failure instanceof CancellationException && overdue.get()) {
                            failure = new HttpTimeoutException("the answer did not arrive in full within "
                                    + request.timeout().toSeconds() + " s");
                        }
                        if (failure == null) {
                            onAnswer(request, attempt, response, result);
                        } else if (failure instanceof BoundedBody.TooLarge tooLarge) {
                            // not repeated: the answer would be as large again
                            result.completeExceptionally(PeErrorTranslator.tooLarge(request, urls, tooLarge));
                        } else {
                            onFailure(request, attempt, failure, result);
                        }
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                },
                executor);
    }

    private void onAnswer(
            PeRequest request, int attempt, HttpResponse<String> response, CompletableFuture<Answer> result) {
        int status = response.statusCode();
        String body = response.body();
        List<String> secrets = secrets(request);
        if (status >= 200 && status < 300) {
            if (body == null || body.isBlank()) {
                result.complete(new Answer(status, MissingNode.getInstance(), dateOf(response)));
                return;
            }
            JsonNode json = PeErrorTranslator.parseOrNull(body);
            if (json == null) {
                result.completeExceptionally(PeErrorTranslator.unreadableAcceptance(
                        request, urls, status, PeErrorTranslator.notJson(request, status, body, secrets)));
            } else {
                result.complete(new Answer(status, json, dateOf(response)));
            }
            return;
        }
        PeApiException error = PeErrorTranslator.fromResponse(request, status, body, secrets);
        // 502 and 504 come from a proxy whose upstream may have got the request; a 5xx without
        // PE's error object may come from a dying service. Only PE's own error is a definite answer.
        boolean unansweredByPe = status == 502
                || status == 504
                || (status >= 500 && !LenientJson.isErrorObject(PeErrorTranslator.parseOrNull(body)));
        boolean oneShot =
                request.repeat() == PeRequest.Repeat.NEVER || request.repeat() == PeRequest.Repeat.UNSENT_ONLY;
        if (oneShot && unansweredByPe) {
            // a proxy or a dying service answered: the request may or may not have reached PE
            result.completeExceptionally(PeErrorTranslator.unknownOutcome(
                    request,
                    request.service().displayName() + " at " + request.service().baseUrl(urls),
                    "the answer was HTTP " + status + " without a PE error (\"" + BodyExcerpt.of(body, secrets) + "\")",
                    status,
                    error));
            return;
        }
        if (mayRepeatAnswer(request, status, error) && attempt < retryPolicy.maxAttempts()) {
            retryLater(request, attempt, result);
        } else {
            result.completeExceptionally(error);
        }
    }

    private boolean mayRepeatAnswer(PeRequest request, int status, PeApiException error) {
        return switch (request.repeat()) {
            case SAFE -> error instanceof PeTransientException;
            case LOGIN -> error instanceof PeTransientException || status == 403 || status >= 500;
            case UNSENT_ONLY, NEVER -> false;
        };
    }

    private void onFailure(PeRequest request, int attempt, Throwable failure, CompletableFuture<Answer> result) {
        PeErrorTranslator.Progress progress = PeErrorTranslator.progressOf(failure);
        boolean mayRepeat =
                switch (request.repeat()) {
                    case SAFE, LOGIN ->
                        progress == PeErrorTranslator.Progress.NOT_SENT
                                || progress == PeErrorTranslator.Progress.MAYBE_SENT;
                    case UNSENT_ONLY -> progress == PeErrorTranslator.Progress.NOT_SENT;
                    case NEVER -> false;
                };
        if (mayRepeat && attempt < retryPolicy.maxAttempts()) {
            retryLater(request, attempt, result);
        } else {
            result.completeExceptionally(PeErrorTranslator.fromFailure(request, urls, failure, attempt));
        }
    }

    private void retryLater(PeRequest request, int attempt, CompletableFuture<Answer> result) {
        long delay = retryPolicy.delayAfter(attempt, random).toMillis();
        try {
            scheduler.schedule(() -> attempt(request, attempt + 1, result), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(closedWhile("waiting to try to " + request.action() + " again", e));
        }
    }

    private HttpRequest build(PeRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri(urls))
                .timeout(request.timeout())
                .header("Accept", "application/json")
                .header("User-Agent", "puppet-enterprise-deploy-jenkins-plugin");
        if (request.token() != null) {
            builder.header("X-Authentication", request.token().plainText());
        }
        if (request.body() != null) {
            builder.header("Content-Type", "application/json");
            builder.method(
                    request.method(),
                    HttpRequest.BodyPublishers.ofString(request.body().toString()));
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    private static List<String> secrets(PeRequest request) {
        List<String> secrets = new ArrayList<>();
        if (request.token() != null) {
            secrets.add(request.token().plainText());
        }
        collectSecretValues(request.body(), secrets);
        return secrets;
    }

    /** Values of secret fields in the request body (the login password, a token to check or revoke). */
    private static void collectSecretValues(JsonNode body, List<String> secrets) {
        if (body == null || !body.isObject()) {
            return;
        }
        for (String field : List.of("password", "token", "revoke_tokens")) {
            JsonNode value = body.get(field);
            if (value != null && value.isTextual()) {
                secrets.add(value.asText());
            } else if (value != null && value.isArray()) {
                value.forEach(v -> secrets.add(v.asText()));
            }
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
