package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CaCertificatesTest {
    private static final Instant NOW = Instant.now();

    @Test
    void acceptsABundleOfValidCertificates() {
        String bundle = TestCertificates.validCaPem("Intermediate CA") + TestCertificates.validCaPem("Root CA");
        assertThat(CaCertificates.parse(bundle, NOW)).hasSize(2);
    }

    @Test
    void refusesAnExpiredCertificateNamingIt() {
        String expired = TestCertificates.caPem("Old PE CA", NOW.minusSeconds(7200), NOW.minusSeconds(3600));
        assertThatThrownBy(() -> CaCertificates.parse(TestCertificates.validCaPem("Root CA") + expired, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CN=Old PE CA")
                .hasMessageContaining("not valid now");
    }

    @Test
    void refusesACertificateNotYetValid() {
        String future = TestCertificates.caPem("Future CA", NOW.plusSeconds(3600), NOW.plusSeconds(7200));
        assertThatThrownBy(() -> CaCertificates.parse(future, NOW)).hasMessageContaining("CN=Future CA");
    }

    @Test
    void refusesTextThatIsNotPemAndKeys() {
        assertThatThrownBy(() -> CaCertificates.parse("not a certificate", NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ca.pem");
        assertThatThrownBy(() -> CaCertificates.parse("", NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CaCertificates.parse(
                        TestCertificates.validCaPem("CA")
                                + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
                        NOW))
                .hasMessageContaining("private key");
    }

    @Test
    void installationValidationNamesTheInstallationAndField() {
        PeInstallation installation = new PeInstallation("production", "pe.example.com");
        installation.setCaCertificates(TestCertificates.validCaPem("PE CA"));
        installation.validate(NOW);

        installation.setReadTimeoutSeconds(0);
        assertThatThrownBy(() -> installation.validate(NOW))
                .hasMessageContaining("'production'")
                .hasMessageContaining("Read timeout");

        PeInstallation httpUrl = new PeInstallation("lab", "pe.example.com");
        httpUrl.setCaCertificates(TestCertificates.validCaPem("PE CA"));
        httpUrl.setOrchestratorUrl("http://pe.example.com:8143");
        assertThatThrownBy(() -> httpUrl.validate(NOW))
                .hasMessageContaining("'lab'")
                .hasMessageContaining("https://");
    }

    @Test
    void configurationRefusesDuplicateAndMissingNames() {
        PeInstallation a = new PeInstallation("production", "pe.example.com");
        a.setCaCertificates(TestCertificates.validCaPem("PE CA"));
        PeInstallation b = new PeInstallation("production", "pe2.example.com");
        b.setCaCertificates(TestCertificates.validCaPem("PE CA"));
        assertThatThrownBy(() -> PuppetEnterpriseConfiguration.validate(java.util.List.of(a, b), NOW))
                .hasMessageContaining("Two Puppet Enterprise installations are named 'production'");
        PeInstallation unnamed = new PeInstallation("  ", "pe.example.com");
        assertThatThrownBy(() -> PuppetEnterpriseConfiguration.validate(java.util.List.of(unnamed), NOW))
                .hasMessageContaining("without a name");
    }
}
