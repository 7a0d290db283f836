package io.jenkins.plugins.puppetenterprise.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EssentialLineTest {
    /** r10k's output for a collect-failed answer, as pe-api.md 3.1 shows it, with a token in the Git URL. */
    static final String R10K_OUTPUT = "ERROR\t -> Unable to determine current branches for Git source 'puppet'"
            + " (/etc/puppetlabs/code-staging/environments)\nOriginal exception:\nAuthentication failed for Git"
            + " remote \"https://jenkins:glpat-canary9f3e@git.example.com/control-repo\".\n";

    @Test
    void theOriginalExceptionIsTheCauseNotTheLastErrorLine() {
        assertThat(EssentialLine.of(R10K_OUTPUT, List.of()))
                .isEqualTo("Authentication failed for Git remote \"https://git.example.com/control-repo\".");
    }

    @Test
    void theCauseOnTheSameLineAsOriginalException() {
        assertThat(EssentialLine.of("ERROR -> fetch failed\nOriginal exception: Connection refused\n", List.of()))
                .isEqualTo("Connection refused");
    }

    @Test
    void withoutOriginalExceptionTheLastErrorLine() {
        assertThat(EssentialLine.of(
                        "Errors while deploying environment 'test14' (exit code: 1):\nERROR\t -> Authentication failed"
                                + " for Git remote \"https://git.example.com/modules/apache\".\n",
                        List.of()))
                .isEqualTo("Authentication failed for Git remote \"https://git.example.com/modules/apache\".");
    }

    @Test
    void withoutAnErrorLineTheFirstLine() {
        assertThat(EssentialLine.of("  Deploy timed out after 600 s\nsee the log\n", List.of()))
                .isEqualTo("Deploy timed out after 600 s");
        assertThat(EssentialLine.of("ERROR -> \nsomething", List.of())).isEqualTo("ERROR ->");
        assertThat(EssentialLine.of(null, List.of())).isEmpty();
    }

    @Test
    void urlUserInformationAndKnownSecretsAreRemovedAndTheLengthIsBounded() {
        String line = EssentialLine.of(
                "ERROR -> cannot fetch https://user:s3cr3t-token@git.example.com/x with token=abc123 for "
                        + "known-secret-4711 " + "x".repeat(2000),
                List.of("known-secret-4711"));

        assertThat(line)
                .startsWith("cannot fetch https://git.example.com/x with token=****")
                .doesNotContain("s3cr3t-token")
                .doesNotContain("known-secret-4711")
                .hasSizeLessThanOrEqualTo(BodyExcerpt.MAX_LENGTH + 1);
    }
}
