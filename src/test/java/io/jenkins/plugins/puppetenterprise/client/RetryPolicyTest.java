package io.jenkins.plugins.puppetenterprise.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(1000), Duration.ofMillis(8000));

    @Test
    void delaysGrowExponentiallyWithinHalfToFullOfTheCeiling() {
        SplittableRandom random = new SplittableRandom(42);
        long[] ceilings = {1000, 2000, 4000, 8000, 8000, 8000};
        for (int attempt = 1; attempt <= ceilings.length; attempt++) {
            for (int sample = 0; sample < 200; sample++) {
                long delay = policy.delayAfter(attempt, random).toMillis();
                assertThat(delay).isBetween(ceilings[attempt - 1] / 2, ceilings[attempt - 1]);
            }
        }
    }

    @Test
    void jitterSpreadsTheDelays() {
        SplittableRandom random = new SplittableRandom(7);
        Set<Long> delays = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            delays.add(policy.delayAfter(3, random).toMillis());
        }
        assertThat(delays).hasSizeGreaterThan(20);
    }

    @Test
    void aHugeAttemptNumberStaysCapped() {
        assertThat(policy.delayAfter(10_000, new SplittableRandom(1))).isLessThanOrEqualTo(Duration.ofMillis(8000));
    }

    @Test
    void zeroDelaysAreAllowedForTests() {
        RetryPolicy immediate = new RetryPolicy(3, Duration.ZERO, Duration.ZERO);
        assertThat(immediate.delayAfter(2, new SplittableRandom(1))).isZero();
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("initialDelay <= maxDelay");
    }
}
