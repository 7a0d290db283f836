package io.jenkins.plugins.puppetenterprise.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyExcerptTest {
    /**
     * A text of {@code length} copies of one character that fails the test as soon as it has been
     * read more than {@code budget} characters: a bound on the work, not on the time.
     */
    private static final class ReadBudget implements CharSequence {
        private final char c;
        private final int length;
        private final long budget;
        private long reads;

        ReadBudget(char c, int length, long budget) {
            this.c = c;
            this.length = length;
            this.budget = budget;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            if (++reads > budget) {
                throw new AssertionError("read more than " + budget + " characters of a text of " + length);
            }
            if (index < 0 || index >= length) {
                throw new IndexOutOfBoundsException(index);
            }
            return c;
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return String.valueOf(c).repeat(end - start);
        }

        @Override
        public String toString() {
            return String.valueOf(c).repeat(length);
        }
    }

    @Test
    void tagRemovalReadsEachCharacterAFewTimesEvenForEightyThousandOpeningBrackets() {
        int length = 80_000;
        // Linear: a small constant per character. `<[^>]*>` reads about length^2 / 2 (3.2 billion).
        ReadBudget text = new ReadBudget('<', length, 10L * length);

        assertThat(BodyExcerpt.clean(text)).isEqualTo("<".repeat(length));
    }

    @Test
    void onlyTheStartOfAHugeBodyIsScanned() {
        String body = " ".repeat(BodyExcerpt.SCAN_LIMIT) + "text past the scanned part";

        assertThat(BodyExcerpt.of(body, List.of())).isEqualTo("(no text in body)");
    }

    @Test
    void aSecretIsMaskedEvenWhereTheScanLimitWouldCutIt() {
        String secret = "0QX-WR3kgP0R9C2dA0I2nfnp0QgAT95_xH3iylBhqroA";
        String body = "x".repeat(BodyExcerpt.SCAN_LIMIT - 10) + secret;

        JsonNode masked =
                BodyExcerpt.details(LenientJson.MAPPER.getNodeFactory().textNode(body), List.of(secret));

        assertThat(masked.asText()).doesNotContain(secret.substring(0, 10)).endsWith(BodyExcerpt.MASK);
        assertThat(BodyExcerpt.of("<p>" + secret + "</p>", List.of(secret))).isEqualTo(BodyExcerpt.MASK);
    }

    @Test
    void tagsAreStillRemoved() {
        assertThat(BodyExcerpt.of("<html><body><h1>502 Bad Gateway</h1></body></html>", List.of()))
                .isEqualTo("502 Bad Gateway");
    }
}
