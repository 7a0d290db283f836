package io.jenkins.plugins.puppetenterprise.jenkins;

import hudson.ProxyConfiguration;
import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import io.jenkins.plugins.puppetenterprise.client.PeClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One PE client (one HTTP client with its TLS trust) per installation and settings, reused by every
 * build. Keyed by the installation's settings, never by a credential: sessions carry credentials.
 */
final class InstallationClients {
    private static final Map<List<Object>, PeClient> CLIENTS = new ConcurrentHashMap<>();

    private InstallationClients() {}

    /** The shared client of an installation; a changed setting yields a new client. */
    static PeClient clientFor(PeInstallation installation) {
        return CLIENTS.computeIfAbsent(settings(installation), key -> newClient(installation));
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
                .threadNamePrefix("pe-http-" + installation.getName() + "-")
                .build();
    }

    private static List<Object> settings(PeInstallation i) {
        return java.util.Arrays.asList(
                i.getName(),
                i.serviceUrls(),
                i.getCaCertificates(),
                i.getConnectTimeoutSeconds(),
                i.getReadTimeoutSeconds());
    }
}
