package io.jenkins.plugins.puppetenterprise.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Arms faults per endpoint, for the next N requests or for a window of the simulator's clock.
 * When several armed faults match a request, the one armed first applies. Naming no endpoint
 * means every endpoint (use {@link PeEndpoint#of(PeService)} for one whole service).
 */
public final class FaultInjector {
    private final Clock clock;
    private final List<ArmedFault> armed = new ArrayList<>();
    private final AtomicLong largeBodyBytes = new AtomicLong();
    private final AtomicLong abandonedAnswers = new AtomicLong();

    FaultInjector(Clock clock) {
        this.clock = clock;
    }

    /** The next {@code count} requests to the endpoints get the fault. */
    public synchronized void forNextRequests(int count, Fault fault, PeEndpoint... endpoints) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1; got " + count);
        }
        armed.add(new ArmedFault(fault, endpointSet(endpoints), count, null));
    }

    /** Every request to the endpoints gets the fault from now until {@code window} has passed on the simulator's clock. */
    public synchronized void forDuration(Duration window, Fault fault, PeEndpoint... endpoints) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive; got " + window);
        }
        armed.add(new ArmedFault(
                fault, endpointSet(endpoints), -1, clock.instant().plus(window)));
    }

    /**
     * How many bytes of {@link Fault.Kind#LARGE_BODY} answers the simulator handed to the connection
     * (not counting a chunk the connection refused): what a client read, plus what its socket buffers hold.
     */
    public long largeBodyBytesSent() {
        return largeBodyBytes.get();
    }

    void largeBodyBytesSent(long bytes) {
        largeBodyBytes.addAndGet(bytes);
    }

    /** How many {@link Fault.Kind#TRICKLING_BODY} answers the client hung up on before they ended. */
    public long abandonedAnswers() {
        return abandonedAnswers.get();
    }

    void answerAbandoned() {
        abandonedAnswers.incrementAndGet();
    }

    /**
     * How many armed faults still wait for requests: a fault for the next requests counts until the
     * last of them arrived (so a test knows a delayed request is being held), a window until it passed.
     */
    public synchronized int armed() {
        Instant now = clock.instant();
        armed.removeIf(candidate -> candidate.until != null && !now.isBefore(candidate.until));
        return armed.size();
    }

    /** Disarms every fault. */
    public synchronized void clear() {
        armed.clear();
    }

    synchronized Optional<Fault> take(PeEndpoint endpoint, Instant now) {
        Iterator<ArmedFault> it = armed.iterator();
        while (it.hasNext()) {
            ArmedFault candidate = it.next();
            if (candidate.until != null && !now.isBefore(candidate.until)) {
                it.remove();
                continue;
            }
            if (!candidate.endpoints.contains(endpoint)) {
                continue;
            }
            if (candidate.remaining > 0) {
                candidate.remaining--;
                if (candidate.remaining == 0) {
                    it.remove();
                }
            }
            return Optional.of(candidate.fault);
        }
        return Optional.empty();
    }

    private static Set<PeEndpoint> endpointSet(PeEndpoint... endpoints) {
        return endpoints.length == 0 ? EnumSet.allOf(PeEndpoint.class) : EnumSet.copyOf(List.of(endpoints));
    }

    private static final class ArmedFault {
        final Fault fault;
        final Set<PeEndpoint> endpoints;
        final Instant until;
        int remaining;

        ArmedFault(Fault fault, Set<PeEndpoint> endpoints, int remaining, Instant until) {
            this.fault = fault;
            this.endpoints = endpoints;
            this.remaining = remaining;
            this.until = until;
        }
    }
}
