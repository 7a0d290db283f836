package io.jenkins.plugins.puppetenterprise.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A way for an endpoint to misbehave, as proxies, restarts and overloaded servers make real PE
 * misbehave. Arm one with {@link FaultInjector}.
 */
public final class Fault {
    /** What the fault does. */
    public enum Kind {
        /** Answer an error status instead of processing the request (not processed). */
        STATUS,
        /** Wait this long (real time) before processing and answering normally. */
        DELAY,
        /** Close the connection before reading the request body (not processed). */
        DROP_BEFORE_BODY,
        /** Read and process the request, then close the connection without an answer. */
        DROP_AFTER_BODY,
        /** Process the request, then send its normal status with a truncated, unparsable body. */
        MALFORMED_JSON,
        /** Process the request, then send its normal status with no body at all. */
        EMPTY_BODY,
        /**
         * Process the request, send its status and headers and half of its body, then send nothing
         * more until the simulator closes (a peer gone after the headers, a load-balancer failover).
         */
        STALLED_BODY,
        /**
         * Answer 200 with RBAC's {@code token-expired} error object instead of processing the
         * request (not processed), as a proxy, a mock or an old service may answer in place of a 401.
         */
        OK_WITH_TOKEN_ERROR,
        /**
         * Process the request, then answer its status with a JSON body of {@link #size()} bytes,
         * streamed in chunks without a {@code Content-Length}, for as long as the client reads it
         * (a site's huge status, a proxy's endless page). {@link FaultInjector#largeBodyBytesSent()}
         * counts what reached the connection.
         */
        LARGE_BODY,
        /**
         * Process the request, send its status and headers, then one byte of JSON whitespace every
         * {@link #delay()} (real time) until the client closes the connection, which {@link
         * FaultInjector#abandonedAnswers()} counts: a body that trickles in, never completing.
         */
        TRICKLING_BODY
    }

    /** The body of a {@link Kind#STATUS} fault. */
    public enum Body {
        /** A PE-style {@code {kind, msg}} object. */
        JSON,
        /** An HTML page, as a proxy or load balancer sends. */
        HTML,
        /** No body at all. */
        EMPTY
    }

    private static final Set<Integer> STATUSES = Set.of(500, 502, 503, 504);
    private static final Map<Integer, String> REASONS = Map.of(
            500, "Internal Server Error", 502, "Bad Gateway", 503, "Service Unavailable", 504, "Gateway Timeout");

    private final Kind kind;
    private final int status;
    private final Body body;
    private final Duration delay;
    private final long size;

    private Fault(Kind kind, int status, Body body, Duration delay) {
        this(kind, status, body, delay, 0);
    }

    private Fault(Kind kind, int status, Body body, Duration delay, long size) {
        this.kind = kind;
        this.status = status;
        this.body = body;
        this.delay = delay;
        this.size = size;
    }

    /** Answers 500, 502, 503 or 504 with a PE-style JSON error body. */
    public static Fault status(int status) {
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("A status fault is one of " + STATUSES + "; got " + status);
        }
        return new Fault(Kind.STATUS, status, Body.JSON, Duration.ZERO);
    }

    /** The same status with an HTML page as body. */
    public Fault withHtmlBody() {
        return withBody(Body.HTML);
    }

    /** The same status with no body. */
    public Fault withEmptyBody() {
        return withBody(Body.EMPTY);
    }

    private Fault withBody(Body newBody) {
        if (kind != Kind.STATUS) {
            throw new IllegalStateException("Only a status fault has a body of its own");
        }
        return new Fault(kind, status, newBody, delay);
    }

    /** Waits this long in real time before answering; longer than a client's timeout makes it time out. */
    public static Fault delay(Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("A delay fault needs a positive delay; got " + delay);
        }
        return new Fault(Kind.DELAY, 0, Body.EMPTY, delay);
    }

    /** Closes the connection before the request body is read: the request has no effect. */
    public static Fault dropConnectionBeforeBody() {
        return new Fault(Kind.DROP_BEFORE_BODY, 0, Body.EMPTY, Duration.ZERO);
    }

    /** Processes the request, then closes the connection: the request took effect, the answer is lost. */
    public static Fault dropConnectionAfterBody() {
        return new Fault(Kind.DROP_AFTER_BODY, 0, Body.EMPTY, Duration.ZERO);
    }

    /** Processes the request, then answers its status with a truncated JSON body. */
    public static Fault malformedJson() {
        return new Fault(Kind.MALFORMED_JSON, 0, Body.EMPTY, Duration.ZERO);
    }

    /** Processed, then the headers and half the body are sent and the rest never comes. */
    public static Fault stalledBody() {
        return new Fault(Kind.STALLED_BODY, 0, Body.EMPTY, Duration.ZERO);
    }

    /** Processed, then the headers and a byte every {@code interval} until the client hangs up. */
    public static Fault tricklingBody(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("A trickling body needs a positive interval; got " + interval);
        }
        return new Fault(Kind.TRICKLING_BODY, 0, Body.EMPTY, interval);
    }

    /** Processed, then answered with its normal status and no body (a proxy that lost the body). */
    public static Fault emptyBody() {
        return new Fault(Kind.EMPTY_BODY, 0, Body.EMPTY, Duration.ZERO);
    }

    /** Not processed: answered 200 with RBAC's {@code token-expired} error object instead of a 401. */
    public static Fault okWithTokenError() {
        return new Fault(Kind.OK_WITH_TOKEN_ERROR, 200, Body.JSON, Duration.ZERO);
    }

    /** Processed, then answered with a streamed JSON body of about {@code bytes} bytes. */
    public static Fault largeBody(long bytes) {
        if (bytes < 16) {
            throw new IllegalArgumentException("A large body has at least 16 bytes; got " + bytes);
        }
        return new Fault(Kind.LARGE_BODY, 0, Body.JSON, Duration.ZERO, bytes);
    }

    /** The body size of a {@link Kind#LARGE_BODY} fault, otherwise 0. */
    public long size() {
        return size;
    }

    public Kind kind() {
        return kind;
    }

    /** The status of a {@link Kind#STATUS} fault, otherwise 0. */
    public int status() {
        return status;
    }

    public Body body() {
        return body;
    }

    public Duration delay() {
        return delay;
    }

    SimulatorResponse response(PeService service) {
        if (kind == Kind.OK_WITH_TOKEN_ERROR) {
            return PeError.of(PeService.RBAC, 200, "token-expired", "The provided token has expired.")
                    .response();
        }
        String reason = REASONS.get(status);
        return switch (body) {
            case JSON -> {
                String shortKind = service == PeService.RBAC ? "server-error" : "unknown-error";
                yield PeError.of(service, status, shortKind, reason + " (injected by the PE simulator)")
                        .response();
            }
            case HTML ->
                SimulatorResponse.text(
                        status,
                        "text/html",
                        "<html><head><title>" + status + " " + reason + "</title></head><body><center><h1>" + status
                                + " " + reason + "</h1></center><hr><center>nginx</center></body></html>\n");
            case EMPTY -> new SimulatorResponse(status, null, new byte[0]);
        };
    }

    /** A truncated copy of a body that no JSON parser accepts. */
    static byte[] truncate(byte[] body) {
        if (body.length < 2) {
            return "{\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return java.util.Arrays.copyOf(body, body.length / 2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fault other
                && kind == other.kind
                && status == other.status
                && body == other.body
                && delay.equals(other.delay)
                && size == other.size;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, status, body, delay, size);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case STATUS -> "Fault[" + status + " with " + body + " body]";
            case DELAY -> "Fault[delay " + delay + "]";
            case TRICKLING_BODY -> "Fault[a body byte every " + delay + "]";
            case OK_WITH_TOKEN_ERROR -> "Fault[200 with a token-expired error]";
            case LARGE_BODY -> "Fault[body of " + size + " bytes]";
            default -> "Fault[" + kind + "]";
        };
    }
}
