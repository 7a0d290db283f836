package io.jenkins.plugins.puppetenterprise.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One call to a PE service, with what the transport needs to send it, to decide whether it may be
 * repeated, and to describe a failure in words.
 *
 * @param path below the service's base URL, starting with {@code /}
 * @param query query parameters (never a secret), or empty
 * @param token the RBAC token for {@code X-Authentication}, or null for unauthenticated calls
 * @param timeout how long to wait for the answer
 * @param action what the user asked for, as a phrase for messages ("run plan 'canary'")
 * @param permission the PE permission the action needs, named for a 403, or null
 * @param howToCheck for requests that are never repeated: where to look in PE when the outcome is unknown
 */
public record PeRequest(
        PeService service,
        String method,
        String path,
        Map<String, String> query,
        JsonNode body,
        PeSecret token,
        Duration timeout,
        Repeat repeat,
        String action,
        String permission,
        String howToCheck) {

    /** Which failures allow sending the request again. */
    public enum Repeat {
        /** Idempotent: repeated on connect failures, timeouts, resets, 502/503/504 and transient kinds. */
        SAFE,
        /** The token login: as SAFE, plus RBAC's start-up answers (pe-api.md 2.1 note). */
        LOGIN,
        /** Repeated only when it certainly never left (the connection could not be made). */
        UNSENT_ONLY,
        /** Never repeated; its outcome is "unknown" when it may have been sent and no answer came. */
        NEVER
    }

    URI uri(PeServiceUrls urls) {
        String queryString = query.isEmpty()
                ? ""
                : "?"
                        + query.entrySet().stream()
                                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                                .collect(Collectors.joining("&"));
        return URI.create(service.baseUrl(urls) + path + queryString);
    }

    /** Method and path for messages; the query is left out as it may be long. */
    String describe() {
        return method + " " + path;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Escapes one path segment (a job name, a module name). */
    public static String segment(String value) {
        return encode(value);
    }
}
