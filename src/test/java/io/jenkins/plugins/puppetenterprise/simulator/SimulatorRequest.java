package io.jenkins.plugins.puppetenterprise.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One request to a simulated endpoint, read in full. */
public final class SimulatorRequest {
    private final PeEndpoint endpoint;
    private final List<String> pathParameters;
    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<String>> query;
    private final byte[] body;
    private final String headerToken;
    private final Set<String> sensitiveParameters = new HashSet<>();

    SimulatorRequest(
            PeEndpoint endpoint,
            List<String> pathParameters,
            String method,
            String path,
            String rawQuery,
            byte[] body,
            String headerToken) {
        this.endpoint = endpoint;
        this.pathParameters = pathParameters;
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        this.query = parseQuery(rawQuery);
        this.body = body;
        this.headerToken = headerToken;
    }

    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    public PeEndpoint endpoint() {
        return endpoint;
    }

    public String pathParameter(int index) {
        return pathParameters.get(index);
    }

    String method() {
        return method;
    }

    public String path() {
        return path;
    }

    String rawQuery() {
        return rawQuery;
    }

    public Optional<String> query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public Set<String> queryNames() {
        return query.keySet();
    }

    public byte[] body() {
        return body;
    }

    public boolean hasBody() {
        return body.length > 0;
    }

    /** The RBAC token: the {@code X-Authentication} header, else the {@code token} query parameter. */
    Optional<String> token() {
        if (headerToken != null) {
            return Optional.of(headerToken);
        }
        return query("token");
    }

    /** Plan parameters whose values must not reach the journal. */
    void markSensitiveParameters(Collection<String> names) {
        sensitiveParameters.addAll(names);
    }

    Set<String> sensitiveParameters() {
        return sensitiveParameters;
    }
}
