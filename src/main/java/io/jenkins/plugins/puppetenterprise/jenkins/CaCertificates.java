package io.jenkins.plugins.puppetenterprise.jenkins;

import io.jenkins.plugins.puppetenterprise.client.PeCaBundle;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Checks the PE CA bundle an administrator pastes: what the client can read (PEM certificates, no
 * private key) and, on top, that every certificate is valid now, so an expired CA is refused when
 * the configuration is saved rather than failing every build.
 */
final class CaCertificates {
    private CaCertificates() {}

    /**
     * @return the certificates of the bundle
     * @throws IllegalArgumentException saying what is wrong with the text and how to fix it
     */
    static List<X509Certificate> parse(String pem, Instant now) {
        List<X509Certificate> certificates = PeCaBundle.fromPem(pem).certificates();
        for (X509Certificate certificate : certificates) {
            try {
                certificate.checkValidity(Date.from(now));
            } catch (CertificateException e) {
                throw new IllegalArgumentException("CA certificate '"
                        + certificate.getSubjectX500Principal().getName() + "' is not valid now (valid from "
                        + certificate.getNotBefore().toInstant() + " to "
                        + certificate.getNotAfter().toInstant()
                        + "): paste the CA bundle PE uses now, /etc/puppetlabs/puppet/ssl/certs/ca.pem on the"
                        + " primary server");
            }
        }
        return certificates;
    }
}
