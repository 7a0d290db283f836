package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollBackoffTest {
    private final PollBackoff backoff =
            new PollBackoff(Duration.ofSeconds(1), Duration.ofSeconds(15), 1.5, Duration.ofSeconds(1));

    @Test
    void growsFromFastToSlowAndStaysThere() {
        assertThat(backoff.delay(0, () -> 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(1, () -> 0)).isEqualTo(Duration.ofMillis(1500));
        assertThat(backoff.delay(2, () -> 0)).isEqualTo(Duration.ofMillis(2250));
        assertThat(backoff.delay(10, () -> 0)).isEqualTo(Duration.ofSeconds(15));
        assertThat(backoff.delay(1000, () -> 0)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void jitterAddsUpToItsBound() {
        assertThat(backoff.delay(50, () -> 0.5)).isEqualTo(Duration.ofMillis(15_500));
        assertThat(backoff.delay(50, () -> 0.999)).isLessThan(Duration.ofSeconds(16));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new PollBackoff(Duration.ZERO, Duration.ofSeconds(1), 2, Duration.ZERO))
                .hasMessageContaining("0 < initial <= max");
        assertThatThrownBy(() -> new PollBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, Duration.ZERO))
                .hasMessageContaining("at least 1");
    }
}
