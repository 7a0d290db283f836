package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TextMaskTest {
    @Test
    void masksEveryOccurrenceLongestFirstAndNeverShowsInToString() {
        TextMask mask = TextMask.of(Set.of("hunter2", "hunter2-admin", "ab"));
        assertThat(mask.apply("pw hunter2-admin and hunter2, ab stays")).isEqualTo("pw **** and ****, ab stays");
        assertThat(mask.toString()).doesNotContain("hunter2");
        assertThat(TextMask.NONE.apply("hunter2")).isEqualTo("hunter2");
    }
}
