package io.jenkins.plugins.puppetenterprise.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeCredentialsTest {

    @Test
    void aPasswordLoginShowsNeitherUserNorPassword() {
        PeCredentials credentials = PeCredentials.password(
                "secret-user-4711", "hunter2-4711".toCharArray(), Duration.ofHours(1), "jenkins job #1");

        assertThat(credentials.toString())
                .doesNotContain("secret-user-4711")
                .doesNotContain("hunter2-4711")
                .contains("jenkins job #1");
    }

    @Test
    void aTokenIsNeverShown() {
        assertThat(PeCredentials.token("canary-token-4711").toString()).doesNotContain("canary-token-4711");
    }
}
