package io.jenkins.plugins.puppetenterprise.core.forms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * PE's answers to the forms, kept at most {@link #MAX_AGE} so that a form that asks for a plan's
 * metadata once per parameter row sends one request, not one per row. Keyed by everything the
 * answer depends on ({@link Key}): never by a credentials ID alone. A question in flight is shared;
 * a failed answer is dropped as soon as it fails, so the next form asks again. The caller checks
 * permissions before it looks here: the cache answers whoever asks with a key.
 */
public final class MetadataCache {
    /** The longest an answer is kept. */
    public static final Duration MAX_AGE = Duration.ofMinutes(1);
    /** The most answers kept; the oldest go first. */
    static final int MAX_ENTRIES = 500;

    /**
     * What an answer depends on.
     *
     * @param installation the installation's name and the service URL asked, so a changed URL asks afresh
     * @param credential a digest of the resolved credential's type, ID and secret ({@link CredentialDigest})
     * @param item the job's full name, or empty outside a job
     * @param question what was asked, such as {@code plans} or {@code plan}
     * @param environment the Puppet environment
     * @param name the plan or task, or empty for a list
     */
    public record Key(
            String installation, String credential, String item, String question, String environment, String name) {}

    private record Entry(CompletableFuture<?> answer, Instant asked) {}

    private final Clock clock;
    private final Duration maxAge;
    private final Map<Key, Entry> entries = new LinkedHashMap<>();

    public MetadataCache(Clock clock) {
        this(clock, MAX_AGE);
    }

    /** @param maxAge how long answers are kept, at most {@link #MAX_AGE} */
    public MetadataCache(Clock clock, Duration maxAge) {
        if (maxAge.isNegative() || maxAge.compareTo(MAX_AGE) > 0) {
            throw new IllegalArgumentException("maxAge must be between 0 and " + MAX_AGE);
        }
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /**
     * The answer kept for {@code key} while it is younger than the maximum age, or a new one from
     * {@code ask}, kept unless it fails.
     */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> get(Key key, Supplier<CompletableFuture<T>> ask) {
        Instant now = clock.instant();
        CompletableFuture<T> answer;
        synchronized (entries) {
            dropOld(now);
            Entry kept = entries.get(key);
            if (kept != null) {
                return (CompletableFuture<T>) kept.answer();
            }
            answer = new CompletableFuture<>();
            entries.put(key, new Entry(answer, now));
            while (entries.size() > MAX_ENTRIES) {
                Iterator<Key> oldest = entries.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
        CompletableFuture<T> asked;
        try {
            asked = ask.get();
        } catch (RuntimeException e) {
            asked = CompletableFuture.failedFuture(e);
        }
        asked.whenComplete((value, failure) -> {
            if (failure != null) {
                synchronized (entries) {
                    Entry kept = entries.get(key);
                    if (kept != null && kept.answer() == answer) {
                        entries.remove(key);
                    }
                }
                answer.completeExceptionally(failure);
            } else {
                answer.complete(value);
            }
        });
        return answer;
    }

    /** How many answers are kept now (tests). */
    int size() {
        synchronized (entries) {
            dropOld(clock.instant());
            return entries.size();
        }
    }

    private void dropOld(Instant now) {
        Instant limit = now.minus(maxAge);
        entries.values().removeIf(e -> !e.asked().isAfter(limit));
    }
}
