package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodeDeployWatchTest {
    @Test
    void failureSummaryTakesTheR10kErrorLine() {
        assertThat(CodeDeployWatch.essentialLine(
                        "Errors while deploying environment 'test14' (exit code: 1):\nERROR\t -> Authentication failed"
                                + " for Git remote \"https://git.example.com/modules/apache\".\n"))
                .isEqualTo("Authentication failed for Git remote \"https://git.example.com/modules/apache\".");
    }

    @Test
    void failureSummaryWithoutAnErrorLineTakesTheFirstLine() {
        assertThat(CodeDeployWatch.essentialLine("  Deploy timed out after 600 s\nsee the log\n"))
                .isEqualTo("Deploy timed out after 600 s");
        assertThat(CodeDeployWatch.essentialLine("ERROR -> \nsomething")).isEqualTo("ERROR ->");
    }
}
