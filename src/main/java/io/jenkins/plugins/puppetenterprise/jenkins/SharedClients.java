package io.jenkins.plugins.puppetenterprise.jenkins;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Clients shared by builds, one per installation name for its current settings. A client whose
 * settings changed or whose installation was removed is retired and closed (freeing its threads)
 * as soon as no build holds a lease on it any more: builds that started with it keep it to the end.
 *
 * @param <S> an installation's settings that a client is made from (compared with equals)
 * @param <C> the client
 */
final class SharedClients<S, C extends AutoCloseable> {
    private static final Logger LOGGER = Logger.getLogger(SharedClients.class.getName());

    private final Map<String, Entry<S, C>> current = new HashMap<>();

    /** A build's use of a client; {@link #release()} once, when the build no longer needs it. */
    static final class Lease<C extends AutoCloseable> {
        private final Entry<?, C> entry;
        private boolean released;

        private Lease(Entry<?, C> entry) {
            this.entry = entry;
        }

        C client() {
            return entry.client;
        }

        /** Gives the client back; closes it if it was retired and this was its last lease. */
        void release() {
            boolean close;
            synchronized (entry.owner) {
                if (released) {
                    return;
                }
                released = true;
                entry.leases--;
                close = entry.retired && entry.leases == 0;
            }
            if (close) {
                entry.close();
            }
        }
    }

    private static final class Entry<S, C extends AutoCloseable> {
        final Object owner;
        final S settings;
        final C client;
        int leases;
        boolean retired;

        Entry(Object owner, S settings, C client) {
            this.owner = owner;
            this.settings = settings;
            this.client = client;
        }

        void close() {
            try {
                client.close();
            } catch (Exception e) {
                LOGGER.log(Level.FINE, "Closing a retired PE client failed", e);
            }
        }
    }

    /**
     * A lease on the client of installation {@code name} with {@code settings}, made by {@code
     * create} when there is none yet or the settings changed (the old client is then retired).
     */
    Lease<C> lease(String name, S settings, Supplier<C> create) {
        List<Entry<S, C>> toClose = new ArrayList<>();
        Lease<C> lease;
        synchronized (this) {
            Entry<S, C> entry = current.get(name);
            if (entry == null || !Objects.equals(entry.settings, settings)) {
                // build first: when that throws, the old client stays current and open
                Entry<S, C> created = new Entry<>(this, settings, create.get());
                if (entry != null) {
                    retire(entry, toClose);
                }
                entry = created;
                current.put(name, entry);
            }
            entry.leases++;
            lease = new Lease<>(entry);
        }
        toClose.forEach(Entry::close);
        return lease;
    }

    /** Retires the clients of installations that are gone or whose settings are no longer these. */
    void retainOnly(Map<String, S> settingsByName) {
        List<Entry<S, C>> toClose = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Map.Entry<String, Entry<S, C>>> it =
                            current.entrySet().iterator();
                    it.hasNext(); ) {
                Map.Entry<String, Entry<S, C>> e = it.next();
                if (!Objects.equals(settingsByName.get(e.getKey()), e.getValue().settings)) {
                    retire(e.getValue(), toClose);
                    it.remove();
                }
            }
        }
        toClose.forEach(Entry::close);
    }

    /**
     * Retires every client (Jenkins is shutting down or reloading its configuration): unused ones
     * close now, the others when their last build releases them.
     */
    void retireAll() {
        retainOnly(Map.of());
    }

    /** Marks a client retired (the caller drops it from {@code current}); unused ones are closed. */
    private static <S, C extends AutoCloseable> void retire(Entry<S, C> entry, List<Entry<S, C>> toClose) {
        entry.retired = true;
        if (entry.leases == 0) {
            toClose.add(entry);
        }
    }
}
