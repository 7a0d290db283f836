package io.jenkins.plugins.puppetenterprise.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTPS client for the simulator's own tests, trusting the simulator's CA only. */
public final class PeTestClient {
    private final HttpClient http;
    private final Duration timeout;

    public PeTestClient(PeSimulator simulator) {
        this(simulator, Duration.ofSeconds(30));
    }

    PeTestClient(PeSimulator simulator, Duration timeout) {
        this.http = HttpClient.newBuilder()
                .sslContext(simulator.clientSslContext())
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.timeout = timeout;
    }

    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return SimulatorJson.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (status " + status + "): " + body, e);
            }
        }

        public String kind() {
            return json().path("kind").asText(null);
        }
    }

    public Answer get(URI base, String pathAndQuery, String token) {
        return send(request(base, pathAndQuery, token).GET());
    }

    public Answer post(URI base, String path, String token, String json) {
        return send(request(base, path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer delete(URI base, String pathAndQuery, String token) {
        return send(request(base, pathAndQuery, token).DELETE());
    }

    public Answer delete(URI base, String path, String token, String json) {
        return send(request(base, path, token)
                .header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> sendRaw(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(URI base, String pathAndQuery, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (token != null) {
            builder.header("X-Authentication", token);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
