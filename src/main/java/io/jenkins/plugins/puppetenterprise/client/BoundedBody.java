package io.jenkins.plugins.puppetenterprise.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads an answer's body as text, but at most a number of bytes: a larger answer (by its
 * {@code Content-Length}, or once that many bytes have arrived) stops the reading, which closes the
 * connection, and the body fails with {@link TooLarge}. The controller's heap never holds more of
 * one answer than the limit.
 */
final class BoundedBody {
    private BoundedBody() {}

    /** The body of an answer that exceeded the limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;
        final long limit;

        TooLarge(int status, long limit) {
            super("the answer is larger than " + limit + " bytes");
            this.status = status;
            this.limit = limit;
        }
    }

    static HttpResponse.BodyHandler<String> handler(long maxBytes) {
        return info -> new Subscriber(maxBytes, info.statusCode(), info.headers());
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<String> {
        private final long maxBytes;
        private final int status;
        private final HttpHeaders headers;
        private final CompletableFuture<String> body = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;
        private long received;

        Subscriber(long maxBytes, int status, HttpHeaders headers) {
            this.maxBytes = maxBytes;
            this.status = status;
            this.headers = headers;
        }

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            OptionalLong length = headers.firstValueAsLong("Content-Length");
            if (length.isPresent() && length.getAsLong() > maxBytes) {
                tooLarge();
                return;
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                received += buffer.remaining();
                if (received > maxBytes) {
                    tooLarge();
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toString(charset()));
        }

        private void tooLarge() {
            subscription.cancel();
            bytes.reset();
            body.completeExceptionally(new TooLarge(status, maxBytes));
        }

        private Charset charset() {
            String type = headers.firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            int at = type.indexOf("charset=");
            if (at < 0) {
                return StandardCharsets.UTF_8;
            }
            String name = type.substring(at + "charset=".length())
                    .split("[;\\s]", 2)[0]
                    .replace("\"", "");
            try {
                return Charset.forName(name);
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }
    }
}
