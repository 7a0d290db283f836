package io.jenkins.plugins.puppetenterprise.simulator;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The simulator's own CA and the server certificate it issues for {@code localhost} and
 * {@code 127.0.0.1}, made fresh at every start and kept in memory only (no private key is ever
 * written anywhere). Certificates are dated by the real time, not the simulator's clock, because
 * TLS peers check them against the real time.
 */
final class SimulatorCertificateAuthority {
    private static final char[] KEY_STORE_PASSWORD = "in-memory-only".toCharArray();
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private final X509Certificate caCertificate;
    private final SSLContext serverContext;

    private SimulatorCertificateAuthority(X509Certificate caCertificate, SSLContext serverContext) {
        this.caCertificate = caCertificate;
        this.serverContext = serverContext;
    }

    static SimulatorCertificateAuthority create() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair caKeys = generator.generateKeyPair();
            KeyPair serverKeys = generator.generateKeyPair();
            Instant notBefore = Instant.now().minus(Duration.ofHours(1));
            Instant notAfter = notBefore.plus(VALIDITY);
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();

            X500Principal caName = new X500Principal("CN=Puppet CA (PE simulator)");
            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(
                    caName, serial(), Date.from(notBefore), Date.from(notAfter), caName, caKeys.getPublic());
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ca.addExtension(
                    Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate caCertificate = sign(ca, caKeys);

            X509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(
                    caCertificate,
                    serial(),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    new X500Principal("CN=localhost"),
                    serverKeys.getPublic());
            server.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            server.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            server.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            server.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
            server.addExtension(
                    Extension.subjectKeyIdentifier,
                    false,
                    extensions.createSubjectKeyIdentifier(serverKeys.getPublic()));
            server.addExtension(
                    Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(caCertificate));
            X509Certificate serverCertificate = sign(server, caKeys);

            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("server", serverKeys.getPrivate(), KEY_STORE_PASSWORD, new Certificate[] {
                serverCertificate, caCertificate
            });
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, KEY_STORE_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, new SecureRandom());
            return new SimulatorCertificateAuthority(caCertificate, context);
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("Could not create the simulator's CA and server certificate", e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(63, new SecureRandom()).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    X509Certificate caCertificate() {
        return caCertificate;
    }

    SSLContext serverContext() {
        return serverContext;
    }

    /** The CA certificate as a PEM bundle, the form of PE's {@code ca.pem}. */
    String caPem() {
        try {
            StringWriter pem = new StringWriter();
            pem.append("-----BEGIN CERTIFICATE-----\n");
            pem.append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(caCertificate.getEncoded()));
            pem.append("\n-----END CERTIFICATE-----\n");
            return pem.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encode the simulator's CA certificate", e);
        }
    }

    /** A client context that trusts this CA and nothing else. */
    SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("pe-simulator-ca", caCertificate);
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("Could not build a client context for the simulator's CA", e);
        }
    }
}
