package io.jenkins.plugins.puppetenterprise.client;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The PE CA bundle in PEM: every certificate in it (PE 2019+ ships an intermediate and a root) is
 * trusted, for this client's connections only; the JVM's default trust store is neither used nor
 * changed.
 */
public final class PeCaBundle {
    private static final String WHERE = "paste the content of /etc/puppetlabs/puppet/ssl/certs/ca.pem"
            + " from the PE primary server (all of it, from the first BEGIN CERTIFICATE to the last END CERTIFICATE)";

    private final List<X509Certificate> certificates;

    private PeCaBundle(List<X509Certificate> certificates) {
        this.certificates = certificates;
    }

    /** @throws IllegalArgumentException naming the CA bundle setting and how to fix it */
    public static PeCaBundle fromPem(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("The CA bundle is empty: " + WHERE);
        }
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("The CA bundle holds no PEM certificate: " + WHERE);
        }
        if (pem.contains("PRIVATE KEY-----")) {
            throw new IllegalArgumentException(
                    "The CA bundle contains a private key: remove it at once and " + WHERE + "; it needs no key");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Certificate certificate : factory.generateCertificates(
                    new ByteArrayInputStream(pem.trim().getBytes(StandardCharsets.US_ASCII)))) {
                certificates.add((X509Certificate) certificate);
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("The CA bundle is not valid PEM (" + e.getMessage() + "): " + WHERE, e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("The CA bundle holds no certificate: " + WHERE);
        }
        return new PeCaBundle(List.copyOf(certificates));
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** Subjects of the certificates, for a "Test connection" report. */
    public List<String> subjects() {
        return certificates.stream()
                .map(c -> c.getSubjectX500Principal().getName())
                .toList();
    }

    /** An SSL context that trusts exactly these certificates. */
    public SSLContext sslContext() {
        try {
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                trustStore.setCertificateEntry("pe-ca-" + i, certificates.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("Cannot build a TLS context from the CA bundle: " + e.getMessage(), e);
        }
    }
}
