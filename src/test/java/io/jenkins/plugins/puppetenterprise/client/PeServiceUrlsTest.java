package io.jenkins.plugins.puppetenterprise.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeServiceUrlsTest {

    @Test
    void primaryHostYieldsDefaultPorts() {
        PeServiceUrls urls = PeServiceUrls.of("pe.example.com", null, null, null, null);

        assertThat(urls.rbac()).isEqualTo(URI.create("https://pe.example.com:4433"));
        assertThat(urls.codeManager()).isEqualTo(URI.create("https://pe.example.com:8170"));
        assertThat(urls.orchestrator()).isEqualTo(URI.create("https://pe.example.com:8143"));
        assertThat(urls.console()).isEqualTo(URI.create("https://pe.example.com"));
    }

    @Test
    void overridesWinAndLoseTrailingSlashes() {
        PeServiceUrls urls = PeServiceUrls.of(
                "pe.example.com",
                "https://console.example.com:4433/",
                " https://cm.example.com:9170 ",
                null,
                "https://console.example.com/");

        assertThat(urls.rbac()).isEqualTo(URI.create("https://console.example.com:4433"));
        assertThat(urls.codeManager()).isEqualTo(URI.create("https://cm.example.com:9170"));
        assertThat(urls.orchestrator()).isEqualTo(URI.create("https://pe.example.com:8143"));
        assertThat(urls.console()).isEqualTo(URI.create("https://console.example.com"));
    }

    @Test
    void primaryHostMayBeOmittedWhenEveryServiceIsGiven() {
        PeServiceUrls urls = PeServiceUrls.of(
                "",
                "https://127.0.0.1:1001",
                "https://127.0.0.1:1002",
                "https://127.0.0.1:1003",
                "https://127.0.0.1:1004");

        assertThat(urls.orchestrator()).isEqualTo(URI.create("https://127.0.0.1:1003"));
    }

    @Test
    void withoutPrimaryHostPuppetDbNeedsItsOwnUrlAndSaysSo() {
        PeServiceUrls urls = PeServiceUrls.of(
                "",
                "https://127.0.0.1:1001",
                "https://127.0.0.1:1002",
                "https://127.0.0.1:1003",
                "https://127.0.0.1:1004");

        assertThatThrownBy(urls::puppetDb)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PuppetDB URL")
                .hasMessageContaining("port 8081");
        assertThat(PeServiceUrls.of(
                                "",
                                "https://127.0.0.1:1001",
                                "https://127.0.0.1:1002",
                                "https://127.0.0.1:1003",
                                "https://127.0.0.1:1004",
                                "https://127.0.0.1:1005")
                        .puppetDb())
                .isEqualTo(URI.create("https://127.0.0.1:1005"));
    }

    @Test
    void portOnPrimaryHostIsIgnoredForServices() {
        PeServiceUrls urls = PeServiceUrls.of("pe.example.com:443", null, null, null, null);

        assertThat(urls.codeManager()).isEqualTo(URI.create("https://pe.example.com:8170"));
    }

    @Test
    void planJobPageIsBuiltFromTheConsoleUrl() {
        PeServiceUrls urls = PeServiceUrls.of("pe.example.com", null, null, null, null);

        assertThat(urls.planJobPage("42")).hasToString("https://pe.example.com/#/orchestration/plans/plan/42");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|Primary host is empty",
                "https://pe.example.com|contains a scheme",
                "pe.example.com/path|is not a host name",
                "user@pe.example.com|is not a host name",
            })
    void badPrimaryHostNamesTheFieldAndTheFix(String host, String message) {
        assertThatThrownBy(() -> PeServiceUrls.of(host, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasMessageContaining("pe.example.com");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "http://pe.example.com:8170|must start with https://",
                "pe.example.com:8170|must start with https://",
                "https://|is not a valid URL",
                "https:///code-manager|has no host",
                "https://pe example.com|is not a valid URL",
            })
    void badServiceUrlNamesTheField(String url, String message) {
        assertThatThrownBy(() -> PeServiceUrls.of("pe.example.com", null, url, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Code Manager URL")
                .hasMessageContaining(message);
    }

    @Test
    void credentialsInAUrlAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> PeServiceUrls.of("pe.example.com", null, null, "https://bob:hunter2@pe:8143", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Orchestrator URL")
                .hasMessageNotContaining("hunter2");
    }
}
