package io.jenkins.plugins.puppetenterprise.client.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import java.util.Objects;

/**
 * A Puppet run ({@code POST /command/deploy}, pe-api-jobs.md 4.9.2). Each optional key is sent
 * only when set, so a PE release that does not know it never sees it. {@code environment} {@code ""}
 * means each node's own environment, and then {@code enforce_environment: false} is sent with it.
 * Built with {@link #on(JobScope, String)} and the {@code with...} methods.
 */
public final class PuppetRunRequest {
    private final JobScope scope;
    private final String environment;
    private final ObjectNode options;

    private PuppetRunRequest(JobScope scope, String environment, ObjectNode options) {
        this.scope = Objects.requireNonNull(scope, "scope");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.options = options;
    }

    /** A run on {@code scope} in {@code environment} ({@code ""}: each node's own). */
    public static PuppetRunRequest on(JobScope scope, String environment) {
        return new PuppetRunRequest(scope, environment, LenientJson.MAPPER.createObjectNode());
    }

    public JobScope scope() {
        return scope;
    }

    public String environment() {
        return environment;
    }

    /** The value sent for {@code key}, or null when it is not set. */
    public JsonNode option(String key) {
        return options.get(key);
    }

    private PuppetRunRequest with(String key, Object value) {
        ObjectNode copy = options.deepCopy();
        if (value == null) {
            copy.remove(key);
        } else if (value instanceof Boolean b) {
            copy.put(key, b);
        } else if (value instanceof Integer i) {
            copy.put(key, i);
        } else if (value instanceof JsonNode node) {
            copy.set(key, node);
        } else {
            copy.put(key, value.toString());
        }
        return new PuppetRunRequest(scope, environment, copy);
    }

    public PuppetRunRequest withConcurrency(Integer concurrency) {
        return with("concurrency", concurrency);
    }

    public PuppetRunRequest withNoop(Boolean noop) {
        return with("noop", noop);
    }

    public PuppetRunRequest withNoNoop(Boolean noNoop) {
        return with("no_noop", noNoop);
    }

    public PuppetRunRequest withEnforceEnvironment(Boolean enforce) {
        return with("enforce_environment", enforce);
    }

    public PuppetRunRequest withDebug(Boolean debug) {
        return with("debug", debug);
    }

    public PuppetRunRequest withTrace(Boolean trace) {
        return with("trace", trace);
    }

    public PuppetRunRequest withEvaltrace(Boolean evaltrace) {
        return with("evaltrace", evaltrace);
    }

    public PuppetRunRequest withFiletimeout(Integer seconds) {
        return with("filetimeout", seconds);
    }

    public PuppetRunRequest withHttpConnectTimeout(Integer seconds) {
        return with("http_connect_timeout", seconds);
    }

    public PuppetRunRequest withHttpKeepaliveTimeout(Integer seconds) {
        return with("http_keepalive_timeout", seconds);
    }

    public PuppetRunRequest withHttpReadTimeout(Integer seconds) {
        return with("http_read_timeout", seconds);
    }

    public PuppetRunRequest withOrdering(String ordering) {
        return with("ordering", ordering);
    }

    /** Comma-separated tags ({@code skip_tags}). */
    public PuppetRunRequest withSkipTags(String tags) {
        return with("skip_tags", tags);
    }

    /** Comma-separated tags. */
    public PuppetRunRequest withTags(String tags) {
        return with("tags", tags);
    }

    public PuppetRunRequest withUseCachedCatalog(Boolean use) {
        return with("use_cached_catalog", use);
    }

    public PuppetRunRequest withUseCacheOnFailure(Boolean use) {
        return with("usecacheonfailure", use);
    }

    public PuppetRunRequest withDescription(String description) {
        return with("description", description == null || description.isBlank() ? null : description);
    }

    /** Key/value data stored with the job (PE 2019.8.5 and later). */
    public PuppetRunRequest withUserdata(JsonNode userdata) {
        return with("userdata", userdata == null || !userdata.isObject() ? null : userdata);
    }

    /** PE's per-node run timeout in seconds (current releases; not 2021.7 and older). */
    public PuppetRunRequest withTimeout(Integer seconds) {
        return with("timeout", seconds);
    }

    public String description() {
        return LenientJson.text(options, "description");
    }

    public JsonNode userdata() {
        return options.get("userdata");
    }

    public ObjectNode toJson() {
        ObjectNode body = LenientJson.MAPPER.createObjectNode();
        body.put("environment", environment);
        body.set("scope", scope.toJson());
        body.setAll(options.deepCopy());
        if (environment.isEmpty()) {
            body.put("enforce_environment", false);
        }
        return body;
    }

    @Override
    public String toString() {
        return "PuppetRunRequest[" + toJson() + "]";
    }
}
