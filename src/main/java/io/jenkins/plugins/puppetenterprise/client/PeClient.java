package io.jenkins.plugins.puppetenterprise.client;

import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLParameters;

/**
 * The client of one PE installation: one {@link HttpClient}, reused for every call, trusting only
 * that installation's CA bundle with host name verification on. Its threads are few and named:
 * a bounded pool ({@code pe-http-*} by default) that runs the HTTP client's callbacks, plus the JDK
 * HTTP client's own selector thread; retries wait on a scheduler (given, or one
 * {@code pe-retry-*} thread), never in a sleeping thread.
 *
 * <p>{@link #rbac()} makes unauthenticated token calls; {@link #session(PeCredentials, String)} gives the
 * Code Manager and Orchestrator calls for one set of credentials. Every remote call returns a
 * {@link CompletableFuture} that fails with a {@link PeApiException}.
 */
public final class PeClient implements AutoCloseable {
    private final PeServiceUrls urls;
    private final PeCaBundle caBundle;
    private final Duration requestTimeout;
    private final Duration deployWaitTimeout;
    private final int requestsPerSecond;
    private final RandomGenerator random;
    private final ExecutorService httpExecutor;
    private final ScheduledExecutorService ownScheduler;
    private final PeHttpTransport transport;
    private final RbacClient rbac;

    private PeClient(Builder builder) {
        this.urls = builder.urls;
        this.caBundle = builder.caBundle;
        this.requestTimeout = builder.requestTimeout;
        this.deployWaitTimeout = builder.deployWaitTimeout;
        this.requestsPerSecond = builder.requestsPerSecond;
        this.random = builder.random;
        this.httpExecutor = new ThreadPoolExecutor(
                builder.httpThreads,
                builder.httpThreads,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                namedDaemonThreads(builder.threadNamePrefix));
        ((ThreadPoolExecutor) httpExecutor).allowCoreThreadTimeOut(true);
        ScheduledExecutorService scheduler = builder.scheduler;
        if (scheduler == null) {
            ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(1, namedDaemonThreads("pe-retry-"));
            own.setRemoveOnCancelPolicy(true);
            scheduler = own;
            this.ownScheduler = own;
        } else {
            this.ownScheduler = null;
        }
        SSLParameters tls = new SSLParameters();
        tls.setEndpointIdentificationAlgorithm("HTTPS");
        HttpClient.Builder http =
                builder.httpClientBuilder == null ? HttpClient.newBuilder() : builder.httpClientBuilder;
        HttpClient httpClient = http.sslContext(caBundle.sslContext())
                .sslParameters(tls)
                .connectTimeout(builder.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(httpExecutor)
                .build();
        this.transport = new PeHttpTransport(
                httpClient, httpExecutor, urls, scheduler, builder.retryPolicy, random, builder.maxAnswerBytes);
        this.rbac = new RbacClient(transport, requestTimeout);
    }

    public static Builder builder(PeServiceUrls urls, PeCaBundle caBundle) {
        return new Builder(urls, caBundle);
    }

    public PeServiceUrls urls() {
        return urls;
    }

    public PeCaBundle caBundle() {
        return caBundle;
    }

    /** Token login, inspection and revocation; needs no token. */
    public RbacClient rbac() {
        return rbac;
    }

    /**
     * Authenticated Code Manager and Orchestrator calls with these credentials, from no named origin
     * (the empty one): for sessions that are never swept together with others, or that share the
     * one origin.
     */
    public PeSession session(PeCredentials credentials) {
        return session(credentials, "");
    }

    /**
     * Authenticated Code Manager and Orchestrator calls with these credentials.
     *
     * @param origin where the caller found the credentials, for example a Jenkins credential's store
     *     and ID: sessions whose credentials came from different origins are never swept together
     *     ({@link PeSession#sweepGroup()}), even when their secrets are the same
     */
    public PeSession session(PeCredentials credentials, String origin) {
        return new PeSession(
                this,
                Objects.requireNonNull(credentials, "credentials"),
                Objects.requireNonNull(origin, "origin"),
                random);
    }

    /**
     * Proves a service is reachable over trusted TLS: any HTTP answer (even 401 or 404) to an
     * unauthenticated GET of its API path completes with the status; a connection or TLS failure
     * fails with {@link PeTransientException} or {@link PeTlsException}. Not retried, so a
     * "Test connection" button answers quickly.
     */
    public CompletableFuture<Integer> checkConnection(PeService service) {
        PeRequest request = new PeRequest(
                service,
                "GET",
                service.apiPath(),
                Map.of(),
                null,
                null,
                requestTimeout,
                PeRequest.Repeat.NEVER,
                "reach " + service.displayName(),
                null,
                null);
        return transport.reachability(request);
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration deployWaitTimeout() {
        return deployWaitTimeout;
    }

    /** The installation's request budget for waiting ({@link Builder#requestsPerSecond}). */
    public int requestsPerSecond() {
        return requestsPerSecond;
    }

    public PeHttpTransport transport() {
        return transport;
    }

    /**
     * Fails the requests still outstanding (in flight or waiting to retry), closes the HTTP client
     * where the runtime can and stops the client's own threads. Sessions revoke their tokens on
     * their own close, before this.
     */
    @Override
    public void close() {
        transport.close();
        httpExecutor.shutdown();
        if (ownScheduler != null) {
            ownScheduler.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "PeClient[" + urls + "]";
    }

    private static ThreadFactory namedDaemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The default of {@link Builder#maxAnswerBytes}: 16 MB, more than any normal PE answer. */
    public static final long DEFAULT_MAX_ANSWER_BYTES = 16L * 1024 * 1024;

    /** The default of {@link Builder#requestsPerSecond}. */
    public static final int DEFAULT_REQUESTS_PER_SECOND = 10;

    /** Settings of a {@link PeClient}; only the URLs and the CA bundle are required. */
    public static final class Builder {
        private final PeServiceUrls urls;
        private final PeCaBundle caBundle;
        private HttpClient.Builder httpClientBuilder;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration deployWaitTimeout = Duration.ofMinutes(20);
        private int httpThreads = 2;
        private String threadNamePrefix = "pe-http-";
        private ScheduledExecutorService scheduler;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private RandomGenerator random = new SecureRandom();
        private long maxAnswerBytes = DEFAULT_MAX_ANSWER_BYTES;
        private int requestsPerSecond = DEFAULT_REQUESTS_PER_SECOND;

        private Builder(PeServiceUrls urls, PeCaBundle caBundle) {
            this.urls = Objects.requireNonNull(urls, "urls");
            this.caBundle = Objects.requireNonNull(caBundle, "caBundle");
        }

        /**
         * A builder carrying outside settings such as Jenkins' proxy
         * ({@code ProxyConfiguration.newHttpClientBuilder()}). The client sets TLS, timeouts,
         * redirects and executor on it.
         */
        public Builder httpClientBuilder(HttpClient.Builder builder) {
            this.httpClientBuilder = builder;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connect timeout");
            return this;
        }

        /** How long one request may wait for its answer (java.net.http has no read timeout otherwise). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "request timeout");
            return this;
        }

        /**
         * How long a deploy with {@code wait} may take; keep it above Code Manager's
         * {@code timeouts_wait + timeouts_sync} (1000 s by default).
         */
        public Builder deployWaitTimeout(Duration timeout) {
            this.deployWaitTimeout = positive(timeout, "deploy wait timeout");
            return this;
        }

        /** Size of the bounded pool that runs the HTTP client's work (default 2). */
        public Builder httpThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("httpThreads must be at least 1");
            }
            this.httpThreads = threads;
            return this;
        }

        /** Name prefix of the HTTP pool's threads (default {@code pe-http-}). */
        public Builder threadNamePrefix(String prefix) {
            this.threadNamePrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** The scheduler retries wait on; not shut down by {@link PeClient#close()}. */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Source of back-off jitter and token label suffixes. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * The most bytes of one answer's body that are read (default {@link #DEFAULT_MAX_ANSWER_BYTES}):
         * a larger answer fails its request, naming the limit, before it can fill the heap.
         */
        public Builder maxAnswerBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("The answer limit must be positive");
            }
            this.maxAnswerBytes = bytes;
            return this;
        }

        /**
         * How many requests per second the waiting of all builds may send to this installation
         * (default {@link #DEFAULT_REQUESTS_PER_SECOND}): sweeps and log polls share it, and the
         * final reads of work that just ended come on top. The client only carries it; the
         * execution core keeps to it.
         */
        public Builder requestsPerSecond(int perSecond) {
            if (perSecond < 1) {
                throw new IllegalArgumentException("The request budget must be at least 1 request per second");
            }
            this.requestsPerSecond = perSecond;
            return this;
        }

        public PeClient build() {
            return new PeClient(this);
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("The " + name + " must be positive");
            }
            return value;
        }
    }
}
