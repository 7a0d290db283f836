package io.jenkins.plugins.puppetenterprise.core.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.puppetenterprise.simulator.FakeClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The forms' cache: at most a minute, keyed by all it depends on, failures never kept, questions in flight shared. */
class MetadataCacheTest {
    private final FakeClock clock = new FakeClock();
    private final MetadataCache cache = new MetadataCache(clock);
    private final AtomicInteger asked = new AtomicInteger();

    private static MetadataCache.Key key(String credential) {
        return new MetadataCache.Key("production|https://pe:8143", credential, "folder/job", "plans", "production", "");
    }

    private CompletableFuture<String> ask() {
        return CompletableFuture.completedFuture("answer " + asked.incrementAndGet());
    }

    @Test
    void anAnswerIsKeptForAMinuteAndNoLonger() {
        assertThat(cache.get(key("a"), this::ask).join()).isEqualTo("answer 1");
        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.get(key("a"), this::ask).join()).isEqualTo("answer 1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get(key("a"), this::ask).join()).isEqualTo("answer 2");
        assertThat(asked).hasValue(2);
    }

    @Test
    void everyPartOfTheKeyCounts() {
        cache.get(key("a"), this::ask).join();
        MetadataCache.Key base = key("a");
        for (MetadataCache.Key other : new MetadataCache.Key[] {
            key("b"),
            new MetadataCache.Key("staging|https://pe:8143", "a", base.item(), "plans", "production", ""),
            new MetadataCache.Key(base.installation(), "a", "other/job", "plans", "production", ""),
            new MetadataCache.Key(base.installation(), "a", base.item(), "tasks", "production", ""),
            new MetadataCache.Key(base.installation(), "a", base.item(), "plans", "testing", ""),
            new MetadataCache.Key(base.installation(), "a", base.item(), "plan", "production", "app::deploy")
        }) {
            cache.get(other, this::ask).join();
        }
        assertThat(asked).hasValue(7);
        assertThat(cache.size()).isEqualTo(7);
    }

    @Test
    void aFailedAnswerIsNotKept() {
        CompletableFuture<String> failed = cache.get(key("a"), () -> {
            asked.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("down"));
        });
        assertThatThrownBy(failed::join).hasRootCauseMessage("down");
        assertThat(cache.get(key("a"), this::ask).join()).isEqualTo("answer 2");
        assertThat(cache.get(key("a"), () -> {
                            throw new IllegalStateException("not asked again");
                        })
                        .join())
                .isEqualTo("answer 2");
    }

    @Test
    void aQuestionInFlightIsSharedAndAnAskThatThrowsFailsItsAnswer() {
        CompletableFuture<String> pending = new CompletableFuture<>();
        CompletableFuture<String> first = cache.get(key("a"), () -> pending);
        CompletableFuture<String> second = cache.get(key("a"), () -> {
            throw new IllegalStateException("asked twice");
        });
        assertThat(second).isNotDone();
        pending.complete("late");
        assertThat(first.join()).isEqualTo("late");
        assertThat(second.join()).isEqualTo("late");

        CompletableFuture<String> thrown = cache.get(key("b"), () -> {
            throw new IllegalArgumentException("bad name");
        });
        assertThatThrownBy(thrown::join).hasRootCauseMessage("bad name");
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void answersAreNeverKeptLongerThanAMinute() {
        assertThatThrownBy(() -> new MetadataCache(clock, Duration.ofSeconds(61)))
                .isInstanceOf(IllegalArgumentException.class);
        MetadataCache short_ = new MetadataCache(clock, Duration.ofSeconds(5));
        short_.get(key("a"), this::ask).join();
        clock.advance(Duration.ofSeconds(5));
        assertThat(short_.get(key("a"), this::ask).join()).isEqualTo("answer 2");
    }

    @Test
    void theCacheHoldsABoundedNumberOfAnswers() {
        for (int i = 0; i < MetadataCache.MAX_ENTRIES + 10; i++) {
            cache.get(key("c" + i), this::ask).join();
        }
        assertThat(cache.size()).isEqualTo(MetadataCache.MAX_ENTRIES);
        assertThat(cache.get(key("c0"), this::ask).join())
                .as("the oldest went first")
                .isEqualTo("answer " + (MetadataCache.MAX_ENTRIES + 11));
    }

    @Test
    void theCredentialDigestChangesWithTheSecretAndNeverHoldsIt() {
        String token = CredentialDigest.of("token", "pe-token", "s3cret".toCharArray());
        assertThat(token)
                .isEqualTo(CredentialDigest.of("token", "pe-token", "s3cret".toCharArray()))
                .isNotEqualTo(CredentialDigest.of("token", "pe-token", "s3cret2".toCharArray()))
                .isNotEqualTo(CredentialDigest.of("token", "other", "s3cret".toCharArray()))
                .isNotEqualTo(CredentialDigest.of("password", "pe-token", "s3cret".toCharArray()))
                .doesNotContain("s3cret")
                .hasSize(64);
        assertThat(CredentialDigest.of("password", "id", "ab".toCharArray(), "c".toCharArray()))
                .as("parts cannot run into each other")
                .isNotEqualTo(CredentialDigest.of("password", "id", "a".toCharArray(), "bc".toCharArray()));
    }
}
