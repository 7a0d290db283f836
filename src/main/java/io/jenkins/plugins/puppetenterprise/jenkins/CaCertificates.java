package io.jenkins.plugins.puppetenterprise.jenkins;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks the PE CA bundle an administrator pastes: PEM text holding one or more certificates (PE's
 * intermediate and root), each currently valid, and nothing else that does not belong there.
 */
final class CaCertificates {
    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----");
    private static final String BEGIN_CERTIFICATE = "-----BEGIN CERTIFICATE-----";
    private static final String WHERE =
            " (on the PE primary it is /etc/puppetlabs/puppet/ssl/certs/ca.pem; paste the whole file)";

    private CaCertificates() {}

    /**
     * @return the certificates of the bundle
     * @throws IllegalArgumentException saying what is wrong with the text and how to fix it
     */
    static List<X509Certificate> parse(String pem, Instant now) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("CA certificates are missing: paste the PE CA bundle" + WHERE);
        }
        if (PRIVATE_KEY.matcher(pem).find()) {
            throw new IllegalArgumentException("CA certificates contain a private key: remove it and paste only"
                    + " the certificates (-----BEGIN CERTIFICATE----- blocks)" + WHERE);
        }
        if (!pem.contains(BEGIN_CERTIFICATE)) {
            throw new IllegalArgumentException(
                    "CA certificates are not PEM text: expected -----BEGIN CERTIFICATE----- blocks" + WHERE);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (var certificate :
                    factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                certificates.add((X509Certificate) certificate);
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(
                    "CA certificates could not be read: a certificate block is damaged or incomplete" + WHERE, e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("CA certificates hold no certificate" + WHERE);
        }
        for (X509Certificate certificate : certificates) {
            try {
                certificate.checkValidity(Date.from(now));
            } catch (CertificateException e) {
                throw new IllegalArgumentException("CA certificate '"
                        + certificate.getSubjectX500Principal().getName()
                        + "' is not valid now (valid from " + certificate.getNotBefore().toInstant() + " to "
                        + certificate.getNotAfter().toInstant() + "): paste the PE CA bundle that is in use" + WHERE);
            }
        }
        return certificates;
    }
}
