package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.core.TextMask;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SensitiveVariablesTest {
    @Test
    void masksTheValuesOfTheSensitiveVariablesOnly() {
        TextMask mask = SensitiveVariables.of(
                Map.of("PE_PIN", "pin-4711", "DB_PASSWORD", "hunter2-db", "BRANCH", "release-1"),
                Set.of("PE_PIN", "DB_PASSWORD", "UNSET"));

        assertThat(mask.apply("pin-4711 hunter2-db release-1")).isEqualTo("**** **** release-1");
    }

    @Test
    void withoutSensitiveVariablesNothingIsMasked() {
        assertThat(SensitiveVariables.of(Map.of("BRANCH", "release-1"), Set.of()))
                .isSameAs(TextMask.NONE);
    }
}
