package io.jenkins.plugins.puppetenterprise.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when a test moves it, so token expiry, deploy durations and plan jobs
 * can be tested without sleeping. Safe to share between threads.
 */
public final class FakeClock extends Clock {
    /** Where a {@code new FakeClock()} starts: a fixed, readable instant. */
    public static final Instant DEFAULT_START = Instant.parse("2024-05-20T16:00:00Z");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public FakeClock() {
        this(DEFAULT_START);
    }

    public FakeClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    private FakeClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** Moves the clock forward and returns the new time. */
    public Instant advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("A fake clock only moves forward; got " + duration);
        }
        return now.updateAndGet(instant -> instant.plus(duration));
    }

    /** Sets the time, forward or backward. */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same moving time seen in another zone. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new FakeClock(now, zone);
    }

    @Override
    public String toString() {
        return "FakeClock[" + now.get() + "]";
    }
}
