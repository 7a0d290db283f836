package io.jenkins.plugins.puppetenterprise.jenkins;

import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;

/**
 * One PE client (one HTTP client with its TLS trust and threads) per installation, reused by every
 * build and replaced when the installation's settings change. Keyed by the installation, never by a
 * credential: sessions carry credentials. A replaced or removed installation's client is closed
 * once the builds that use it are done.
 */
final class InstallationClients {
    private static final SharedClients<List<Object>, PeClient> CLIENTS = new SharedClients<>();

    private InstallationClients() {}

    /** A lease on the installation's shared client; release it when the build's work is done. */
    static SharedClients.Lease<PeClient> lease(PeInstallation installation) {
        return CLIENTS.lease(installation.getName(), settings(installation), () -> newClient(installation));
    }

    /** Retires the clients of installations that were removed or changed; called on every save. */
    static void retainOnly(List<PeInstallation> installations) {
        Map<String, List<Object>> current = new HashMap<>();
        for (PeInstallation installation : installations) {
            try {
                current.put(installation.getName(), settings(installation));
            } catch (IllegalArgumentException unusable) {
                // settings read from disk that no client can be made from: its old client retires,
                // and a build using it fails with these words when it starts
            }
        }
        CLIENTS.retainOnly(current);
    }

    /** Retires every client (Jenkins is shutting down): each closes once its last build lets it go. */
    static void retireAll() {
        CLIENTS.retireAll();
    }

    /**
     * A client of its own for "Test connection", to be closed by the caller; uses Jenkins' proxy.
     *
     * @throws IllegalArgumentException when a setting is wrong
     */
    static PeClient newClient(PeInstallation installation) {
        return PeClient.builder(installation.serviceUrls(), PeCaBundle.fromPem(installation.getCaCertificates()))
                .httpClientBuilder(ProxyConfiguration.newHttpClientBuilder())
                .connectTimeout(installation.connectTimeout())
                .requestTimeout(installation.readTimeout())
                .maxAnswerBytes(installation.maxAnswerBytes())
                .requestsPerSecond(installation.getRequestsPerSecond())
                .threadNamePrefix("pe-http-" + installation.getName() + "-")
                .build();
    }

    /** Everything a client is made from, Jenkins' proxy included; any change yields a new client. */
    private static List<Object> settings(PeInstallation i) {
        return Arrays.asList(
                i.serviceUrls(),
                i.getCaCertificates(),
                i.getConnectTimeoutSeconds(),
                i.getReadTimeoutSeconds(),
                i.getMaxAnswerMegabytes(),
                i.getRequestsPerSecond(),
                proxySettings());
    }

    /**
     * Jenkins' proxy as {@link ProxyConfiguration#newHttpClientBuilder()} reads it when a client is
     * built: a proxy changed on the System page makes new clients for the builds that start next.
     * The password stays a {@link Secret}, compared by value.
     */
    private static List<Object> proxySettings() {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        ProxyConfiguration proxy = jenkins == null ? null : jenkins.getProxy();
        if (proxy == null) {
            return List.of();
        }
        return Arrays.asList(
                proxy.getName(),
                proxy.getPort(),
                proxy.getUserName(),
                proxy.getSecretPassword(),
                proxy.getNoProxyHost());
    }
}
