package io.jenkins.plugins.puppetenterprise.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every request the simulator received, for assertions such as "exactly one plan_run was sent".
 * Holds secrets never: tokens, passwords and sensitive plan parameters are redacted before an
 * entry is made. Keeps the newest {@code capacity} entries; counts cover all requests.
 */
public final class RequestJournal {
    private final int capacity;
    private final Deque<JournalEntry> entries = new ArrayDeque<>();
    private final Map<PeEndpoint, Integer> counts = new EnumMap<>(PeEndpoint.class);
    private final List<Consumer<JournalEntry>> listeners = new CopyOnWriteArrayList<>();

    RequestJournal(int capacity) {
        this.capacity = capacity;
    }

    void record(JournalEntry entry) {
        synchronized (this) {
            if (entries.size() == capacity) {
                entries.removeFirst();
            }
            entries.addLast(entry);
            if (entry.endpoint() != null) {
                counts.merge(entry.endpoint(), 1, Integer::sum);
            }
        }
        listeners.forEach(listener -> listener.accept(entry));
    }

    /**
     * Runs {@code listener} with every entry as it is made, on the serving thread before the
     * answer is sent: a test can act between one request and the next (move a clock, say).
     */
    public void onRecord(Consumer<JournalEntry> listener) {
        listeners.add(listener);
    }

    /** All kept entries, oldest first. */
    public synchronized List<JournalEntry> entries() {
        return new ArrayList<>(entries);
    }

    /** Kept entries for one endpoint, oldest first. */
    public synchronized List<JournalEntry> entries(PeEndpoint endpoint) {
        return entries.stream().filter(e -> e.endpoint() == endpoint).toList();
    }

    /** How many requests reached an endpoint since start or the last {@link #clear()}. */
    public synchronized int count(PeEndpoint endpoint) {
        return counts.getOrDefault(endpoint, 0);
    }

    /** How many requests reached the simulator, on any endpoint or none. */
    public synchronized int size() {
        return entries.size();
    }

    public synchronized void clear() {
        entries.clear();
        counts.clear();
    }
}
