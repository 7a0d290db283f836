package io.jenkins.plugins.puppetenterprise.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The HTTP side of one simulated service: routes a request to its endpoint, applies armed faults,
 * checks the RBAC token, answers, and journals the request without its secrets.
 */
final class ServiceHandler implements HttpHandler {
    private final PeService service;
    private final Map<PeEndpoint, EndpointHandler> handlers;
    private final Predicate<PeEndpoint> routeEnabled;
    private final Function<SimulatorRequest, List<String>> sensitiveParameters;
    private final SimulatorContext context;

    ServiceHandler(
            PeService service,
            Map<PeEndpoint, EndpointHandler> handlers,
            Predicate<PeEndpoint> routeEnabled,
            Function<SimulatorRequest, List<String>> sensitiveParameters,
            SimulatorContext context) {
        this.service = service;
        this.handlers = handlers;
        this.routeEnabled = routeEnabled;
        this.sensitiveParameters = sensitiveParameters;
        this.context = context;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            serve(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private void serve(HttpExchange exchange) throws IOException, InterruptedException {
        Clock clock = context.clock();
        Instant arrived = clock.instant();
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        String path = uri.getPath();
        String rawQuery = uri.getRawQuery();
        Optional<PeEndpoint.Match> match =
                PeEndpoint.find(service, method, path).filter(m -> routeEnabled.test(m.endpoint()));
        PeEndpoint endpoint = match.map(PeEndpoint.Match::endpoint).orElse(null);
        Fault fault = endpoint == null
                ? null
                : context.faults().take(endpoint, arrived).orElse(null);

        if (fault != null && fault.kind() == Fault.Kind.DROP_BEFORE_BODY) {
            journal(arrived, endpoint, method, path, rawQuery, null, 0, fault);
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (fault != null && fault.kind() == Fault.Kind.DELAY) {
            Thread.sleep(fault.delay().toMillis());
        }
        SimulatorRequest request = new SimulatorRequest(
                endpoint,
                match.map(PeEndpoint.Match::pathParameters).orElse(List.of()),
                method,
                path,
                rawQuery,
                body,
                exchange.getRequestHeaders().getFirst("X-Authentication"));
        if (endpoint != null) {
            synchronized (context.lock()) {
                request.markSensitiveParameters(sensitiveParameters.apply(request));
            }
        }

        SimulatorResponse response;
        if (fault != null && (fault.kind() == Fault.Kind.STATUS || fault.kind() == Fault.Kind.OK_WITH_TOKEN_ERROR)) {
            response = fault.response(service);
        } else if (endpoint == null) {
            response = SimulatorResponse.text(404, "text/plain", "Route not found: " + method + " " + path + "\n");
        } else {
            response = process(request);
        }
        if (fault != null && fault.kind() == Fault.Kind.DROP_AFTER_BODY) {
            journal(arrived, endpoint, method, path, rawQuery, request, 0, fault);
            return;
        }
        if (fault != null && fault.kind() == Fault.Kind.MALFORMED_JSON) {
            int status = response.status() == 204 ? 200 : response.status();
            response = new SimulatorResponse(status, "application/json;charset=utf-8", Fault.truncate(response.body()));
        }
        if (fault != null && fault.kind() == Fault.Kind.EMPTY_BODY) {
            response = new SimulatorResponse(response.status(), "application/json;charset=utf-8", new byte[0]);
        }
        journal(arrived, endpoint, method, path, rawQuery, request, response.status(), fault);
        if (fault != null && fault.kind() == Fault.Kind.STALLED_BODY) {
            sendHalfAndStall(exchange, response);
            return;
        }
        if (fault != null && fault.kind() == Fault.Kind.TRICKLING_BODY) {
            trickle(exchange, response.status() == 204 ? 200 : response.status(), fault.delay());
            return;
        }
        if (fault != null && fault.kind() == Fault.Kind.LARGE_BODY) {
            streamLargeBody(exchange, response.status() == 204 ? 200 : response.status(), fault.size());
            return;
        }
        send(exchange, response);
    }

    /** Headers and half the body, then silence until the simulator closes (which interrupts this). */
    private static void sendHalfAndStall(HttpExchange exchange, SimulatorResponse response)
            throws IOException, InterruptedException {
        byte[] body =
                response.body().length == 0 ? "{\"stalled\":true}".getBytes(StandardCharsets.UTF_8) : response.body();
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(response.status() == 204 ? 200 : response.status(), body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Headers, then a space every {@code interval} until the client hangs up (counted) or the simulator closes. */
    private void trickle(HttpExchange exchange, int status, Duration interval)
            throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(status, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            while (true) {
                out.write(' ');
                out.flush();
                Thread.sleep(interval.toMillis());
            }
        } catch (IOException clientGone) {
            context.faults().answerAbandoned();
        }
    }

    /**
     * A JSON array of strings of about {@code size} bytes, chunked, counting each chunk the
     * connection took; stops when the client closes the connection.
     */
    private void streamLargeBody(HttpExchange exchange, int status, long size) throws IOException {
        byte[] chunk = ("\"" + "x".repeat(64 * 1024 - 4) + "\",").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(status, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            out.write('[');
            for (long sent = 1; sent + chunk.length < size; sent += chunk.length) {
                out.write(chunk);
                context.faults().largeBodyBytesSent(chunk.length);
            }
            out.write("\"end\"]".getBytes(StandardCharsets.UTF_8));
            out.close();
        } catch (IOException clientGone) {
            // the client stopped reading and closed the connection
        }
    }

    private SimulatorResponse process(SimulatorRequest request) throws InterruptedException {
        EndpointHandler handler = handlers.get(request.endpoint());
        synchronized (context.lock()) {
            try {
                SimulatedUser caller =
                        request.endpoint().authenticated() ? context.rbac().authenticate(request.token()) : null;
                return handler.handle(request, caller);
            } catch (PeError e) {
                return e.response();
            }
        }
    }

    private static void send(HttpExchange exchange, SimulatorResponse response) throws IOException {
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        }
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void journal(
            Instant arrived,
            PeEndpoint endpoint,
            String method,
            String path,
            String rawQuery,
            SimulatorRequest request,
            int status,
            Fault fault) {
        String body = request == null || !request.hasBody() ? null : redactedBody(request);
        context.journal()
                .record(new JournalEntry(
                        arrived,
                        service,
                        endpoint,
                        method,
                        endpoint == null ? path : SecretRedactor.redactPath(endpoint, path),
                        SecretRedactor.redactQuery(rawQuery),
                        body,
                        status,
                        fault));
    }

    private String redactedBody(SimulatorRequest request) {
        Iterable<String> tokens;
        Iterable<String> tokensAndPasswords;
        synchronized (context.lock()) {
            tokens = context.rbac().tokenSecrets();
            tokensAndPasswords = context.rbac().tokenSecretsAndPasswords();
        }
        try {
            JsonNode json = SimulatorJson.parse(request.body());
            String text =
                    SimulatorJson.MAPPER.writeValueAsString(SecretRedactor.redact(json, request.sensitiveParameters()));
            return SecretRedactor.redactText(text, tokens);
        } catch (IOException notJson) {
            // Not JSON, so members cannot be told apart: hide every known password as well.
            return SecretRedactor.redactText(new String(request.body(), StandardCharsets.UTF_8), tokensAndPasswords);
        }
    }
}
