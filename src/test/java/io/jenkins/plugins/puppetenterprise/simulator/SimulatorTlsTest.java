package io.jenkins.plugins.puppetenterprise.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real servers, real TLS (issue item 1): one port per service, a fresh CA, verified certificates. */
class SimulatorTlsTest {
    private PeSimulator pe;

    @BeforeEach
    void start() {
        pe = PeSimulator.start();
    }

    @AfterEach
    void stop() {
        pe.close();
    }

    @Test
    void eachServiceHasItsOwnLoopbackHttpsPort() {
        List<URI> urls = List.of(pe.rbacUrl(), pe.codeManagerUrl(), pe.orchestratorUrl(), pe.consoleUrl());
        assertThat(urls).allSatisfy(url -> {
            assertThat(url.getScheme()).isEqualTo("https");
            assertThat(url.getHost()).isEqualTo("localhost");
            assertThat(url.getPath()).isEmpty();
        });
        assertThat(urls.stream().map(URI::getPort).distinct()).hasSize(4);
    }

    @Test
    void clientsTrustingTheCaReachEveryServiceByNameAndByAddress() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().sslContext(pe.clientSslContext()).build();
        for (URI base : List.of(pe.rbacUrl(), pe.codeManagerUrl(), pe.orchestratorUrl(), pe.consoleUrl())) {
            for (String host : List.of("localhost", "127.0.0.1")) {
                URI url = URI.create("https://" + host + ":" + base.getPort() + "/");
                HttpResponse<String> response =
                        http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(url.toString()).isIn(200, 404);
            }
        }
    }

    @Test
    void clientsThatDoNotTrustTheCaAreRefused() {
        HttpClient defaultTrust = HttpClient.newHttpClient();
        assertThatThrownBy(() -> defaultTrust.send(
                        HttpRequest.newBuilder(pe.consoleUrl()).GET().build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
        try (PeSimulator other = PeSimulator.start()) {
            HttpClient otherCa =
                    HttpClient.newBuilder().sslContext(other.clientSslContext()).build();
            assertThatThrownBy(() -> otherCa.send(
                            HttpRequest.newBuilder(pe.consoleUrl()).GET().build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .as("every start makes a new CA")
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void theServerCertificateNamesLocalhostAndTheLoopbackAddressAndChainsToTheCa() throws Exception {
        try (SSLSocket socket = (SSLSocket) pe.clientSslContext()
                .getSocketFactory()
                .createSocket("localhost", pe.orchestratorUrl().getPort())) {
            socket.startHandshake();
            X509Certificate server = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertThat(server.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))))
                    .containsExactlyInAnyOrder("localhost", "127.0.0.1");
            assertThat(server.getBasicConstraints()).isEqualTo(-1);
            server.verify(pe.caCertificate().getPublicKey());
            assertThat(server.getIssuerX500Principal())
                    .isEqualTo(pe.caCertificate().getSubjectX500Principal());
        }
    }

    @Test
    void theCaIsAPemBundleThatCanBeWrittenToAFile(@TempDir Path dir) throws Exception {
        String pem = pe.caPem();
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(pem).doesNotContain("PRIVATE KEY");
        X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        assertThat(parsed).isEqualTo(pe.caCertificate());
        assertThat(parsed.getBasicConstraints()).as("a CA certificate").isGreaterThanOrEqualTo(0);

        Path written = pe.writeCaPem(dir.resolve("nested/ca.pem"));
        assertThat(Files.readString(written)).isEqualTo(pem);
    }
}
