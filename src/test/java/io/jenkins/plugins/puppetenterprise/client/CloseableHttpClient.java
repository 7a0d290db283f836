package io.jenkins.plugins.puppetenterprise.client;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK HTTP client that is {@link AutoCloseable}, as every {@link HttpClient} is from Java 21:
 * lets a test on Java 17 see that the client closes what it can. Delegates to a real client.
 */
final class CloseableHttpClient extends HttpClient implements AutoCloseable {
    private final HttpClient delegate;
    private volatile boolean closed;

    private CloseableHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    /** A builder whose {@code build()} hands each client it builds to {@code built}. */
    static HttpClient.Builder builder(Consumer<CloseableHttpClient> built) {
        HttpClient.Builder real = HttpClient.newBuilder();
        return new HttpClient.Builder() {
            @Override
            public Builder cookieHandler(CookieHandler cookieHandler) {
                real.cookieHandler(cookieHandler);
                return this;
            }

            @Override
            public Builder connectTimeout(Duration duration) {
                real.connectTimeout(duration);
                return this;
            }

            @Override
            public Builder sslContext(SSLContext sslContext) {
                real.sslContext(sslContext);
                return this;
            }

            @Override
            public Builder sslParameters(SSLParameters sslParameters) {
                real.sslParameters(sslParameters);
                return this;
            }

            @Override
            public Builder executor(Executor executor) {
                real.executor(executor);
                return this;
            }

            @Override
            public Builder followRedirects(Redirect policy) {
                real.followRedirects(policy);
                return this;
            }

            @Override
            public Builder version(Version version) {
                real.version(version);
                return this;
            }

            @Override
            public Builder priority(int priority) {
                real.priority(priority);
                return this;
            }

            @Override
            public Builder proxy(ProxySelector proxySelector) {
                real.proxy(proxySelector);
                return this;
            }

            @Override
            public Builder authenticator(Authenticator authenticator) {
                real.authenticator(authenticator);
                return this;
            }

            @Override
            public HttpClient build() {
                CloseableHttpClient client = new CloseableHttpClient(real.build());
                built.accept(client);
                return client;
            }
        };
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> responseBodyHandler)
            throws IOException, InterruptedException {
        return delegate.send(request, responseBodyHandler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
            HttpRequest request, HttpResponse.BodyHandler<T> responseBodyHandler) {
        return delegate.sendAsync(request, responseBodyHandler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
            HttpRequest request,
            HttpResponse.BodyHandler<T> responseBodyHandler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return delegate.sendAsync(request, responseBodyHandler, pushPromiseHandler);
    }
}
