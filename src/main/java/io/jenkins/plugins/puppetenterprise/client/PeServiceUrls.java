package io.jenkins.plugins.puppetenterprise.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the PE services (RBAC, Code Manager, Orchestrator, PuppetDB) and the console of one
 * installation live. A primary host yields
 * all of them with PE's default ports; each may be overridden (split installs, load balancers).
 */
public final class PeServiceUrls {
    public static final int RBAC_DEFAULT_PORT = 4433;
    public static final int CODE_MANAGER_DEFAULT_PORT = 8170;
    public static final int ORCHESTRATOR_DEFAULT_PORT = 8143;
    public static final int PUPPETDB_DEFAULT_PORT = 8081;

    private final URI rbac;
    private final URI codeManager;
    private final URI orchestrator;
    private final URI console;
    private final URI puppetDb;

    private PeServiceUrls(URI rbac, URI codeManager, URI orchestrator, URI console, URI puppetDb) {
        this.rbac = rbac;
        this.codeManager = codeManager;
        this.orchestrator = orchestrator;
        this.console = console;
        this.puppetDb = puppetDb;
    }

    /**
     * @param primaryHost host name of the PE primary server, optionally with a port that is ignored
     *     for the services; no scheme
     * @param rbacOverride base URL of RBAC, or null for {@code https://<primary>:4433}
     * @param codeManagerOverride base URL of Code Manager, or null for {@code https://<primary>:8170}
     * @param orchestratorOverride base URL of Orchestrator, or null for {@code https://<primary>:8143}
     * @param consoleOverride base URL of the console, or null for {@code https://<primary>}
     * @throws IllegalArgumentException naming the setting that is wrong and how to fix it
     */
    public static PeServiceUrls of(
            String primaryHost,
            String rbacOverride,
            String codeManagerOverride,
            String orchestratorOverride,
            String consoleOverride) {
        return of(primaryHost, rbacOverride, codeManagerOverride, orchestratorOverride, consoleOverride, null);
    }

    /**
     * As {@link #of(String, String, String, String, String)}, with PuppetDB's place too.
     *
     * @param puppetDbOverride base URL of PuppetDB, or null for {@code https://<primary>:8081}
     */
    public static PeServiceUrls of(
            String primaryHost,
            String rbacOverride,
            String codeManagerOverride,
            String orchestratorOverride,
            String consoleOverride,
            String puppetDbOverride) {
        String host = primaryHost == null ? "" : primaryHost.trim();
        boolean anyMissing = isBlank(rbacOverride)
                || isBlank(codeManagerOverride)
                || isBlank(orchestratorOverride)
                || isBlank(consoleOverride);
        if (anyMissing) {
            validateHost(host);
        }
        return new PeServiceUrls(
                resolve("RBAC URL", rbacOverride, host, RBAC_DEFAULT_PORT),
                resolve("Code Manager URL", codeManagerOverride, host, CODE_MANAGER_DEFAULT_PORT),
                resolve("Orchestrator URL", orchestratorOverride, host, ORCHESTRATOR_DEFAULT_PORT),
                resolve("Console URL", consoleOverride, host, -1),
                // Without a primary host PuppetDB has no default place; it stays unset until asked for.
                host.isEmpty() && isBlank(puppetDbOverride)
                        ? null
                        : resolve("PuppetDB URL", puppetDbOverride, host, PUPPETDB_DEFAULT_PORT));
    }

    /** Base URL of RBAC, without the {@code /rbac-api} path. */
    public URI rbac() {
        return rbac;
    }

    /** Base URL of Code Manager, without the {@code /code-manager} path. */
    public URI codeManager() {
        return codeManager;
    }

    /** Base URL of Orchestrator, without the {@code /orchestrator} path. */
    public URI orchestrator() {
        return orchestrator;
    }

    /**
     * Base URL of PuppetDB, without the {@code /pdb} path.
     *
     * @throws IllegalStateException when neither a primary host nor a PuppetDB URL was given
     */
    public URI puppetDb() {
        if (puppetDb == null) {
            throw new IllegalStateException("No PuppetDB URL: enter the PE primary server's host name (PuppetDB is"
                    + " then reached on port " + PUPPETDB_DEFAULT_PORT + ") or the PuppetDB URL in the PE installation"
                    + " settings");
        }
        return puppetDb;
    }

    /** Base URL of the PE console (the web UI). */
    public URI console() {
        return console;
    }

    /** Console page of a plan job; best effort, as PE documents no contract for console routes. */
    public URI planJobPage(String planJobName) {
        return URI.create(console + "/#/orchestration/plans/plan/" + planJobName);
    }

    private static void validateHost(String host) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException(
                    "Primary host is empty: enter the PE primary server's host name, for example pe.example.com");
        }
        if (host.contains("://")) {
            throw new IllegalArgumentException("Primary host '" + host
                    + "' contains a scheme: enter only the host name, for example pe.example.com"
                    + " (the services are always reached over https)");
        }
        if (host.contains("/") || host.contains(" ") || host.contains("@") || host.contains("?")) {
            throw new IllegalArgumentException("Primary host '" + host
                    + "' is not a host name: enter only the host name, for example pe.example.com");
        }
    }

    private static URI resolve(String field, String override, String host, int defaultPort) {
        if (isBlank(override)) {
            String withoutPort = stripPort(host);
            return URI.create("https://" + withoutPort + (defaultPort > 0 ? ":" + defaultPort : ""));
        }
        String text = override.trim();
        // A URL may carry a password in its user information or a token in its query: messages
        // never echo those parts (nor the parser's message, which quotes the whole text).
        String shown =
                text.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@", "$1").replaceFirst("[?#].*$", "");
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + " '" + shown + "' is not a valid URL: " + e.getReason());
        }
        if (!"https".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                    field + " '" + shown + "' must start with https:// (PE services only speak HTTPS)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(field + " '" + shown + "' has no host: write it as https://host:port");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(field + " '" + uri.getHost()
                    + "' must not carry user information, a query or a fragment: write it as https://host:port");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create("https://" + uri.getRawAuthority() + path);
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(0, end + 1) : host;
        }
        int colon = host.indexOf(':');
        return colon >= 0 && host.indexOf(':', colon + 1) < 0 ? host.substring(0, colon) : host;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeServiceUrls other
                && rbac.equals(other.rbac)
                && codeManager.equals(other.codeManager)
                && orchestrator.equals(other.orchestrator)
                && console.equals(other.console)
                && Objects.equals(puppetDb, other.puppetDb);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rbac, codeManager, orchestrator, console, puppetDb);
    }

    @Override
    public String toString() {
        return "PeServiceUrls[rbac=" + rbac + ", codeManager=" + codeManager + ", orchestrator=" + orchestrator
                + ", console=" + console + ", puppetDb=" + puppetDb + "]";
    }
}
