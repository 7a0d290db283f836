package io.jenkins.plugins.puppetenterprise.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenLabelTest {

    @Test
    void labelNamesTheWorkWithARandomSuffixPerLogin() {
        SplittableRandom random = new SplittableRandom(3);
        String first = TokenLabel.create("jenkins folder/app #42", random);
        String second = TokenLabel.create("jenkins folder/app #42", random);

        assertThat(first).startsWith("jenkins folder/app #42 ").matches(".* [0-9a-f]{12}");
        assertThat(second).startsWith("jenkins folder/app #42 ").isNotEqualTo(first);
    }

    @Test
    void commasControlCharactersAndLengthAreHandled() {
        String label = TokenLabel.create("a,b\tc\n" + "x".repeat(500), new SplittableRandom(1));

        assertThat(label)
                .doesNotContain(",")
                .doesNotContain("\t")
                .doesNotContain("\n")
                .startsWith("a b c x");
        assertThat(label).hasSizeLessThanOrEqualTo(TokenLabel.MAX_LENGTH);
    }

    @Test
    void blankBaseStillGivesAUsefulLabel() {
        assertThat(TokenLabel.create("  ", new SplittableRandom(1))).startsWith("jenkins ");
        assertThat(TokenLabel.create(null, new SplittableRandom(1))).startsWith("jenkins ");
    }

    @Test
    void lifetimeUsesPeSyntax() {
        assertThat(TokenLabel.lifetime(Duration.ofHours(4))).isEqualTo("4h");
        assertThat(TokenLabel.lifetime(Duration.ofDays(2))).isEqualTo("2d");
        assertThat(TokenLabel.lifetime(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(TokenLabel.lifetime(Duration.ofSeconds(61))).isEqualTo("61s");
    }
}
