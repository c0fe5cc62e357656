package dev.joulebench.testkit;

import dev.joulebench.core.MonotonicClock;
import java.time.Duration;
import java.time.Instant;

/**
 * A clock that moves only when a test says so. Wall time and monotonic time advance together, so a
 * run's {@code durationSeconds}, metric {@code t} values and {@code endedAt} are exact.
 *
 * <p>Thread-safe: a test may advance it while a job thread reads it.
 */
public final class ManualClock implements MonotonicClock {
    /** The default start: 2024-01-02T03:04:05Z, a time whose run-id stem is {@code 20240102-030405}. */
    public static final Instant DEFAULT_START = Instant.parse("2024-01-02T03:04:05Z");

    private final Instant origin;
    private long nanos;

    public ManualClock() {
        this(DEFAULT_START);
    }

    public ManualClock(Instant start) {
        this.origin = start;
    }

    /** Moves both clocks forward; a negative duration is a test bug and is rejected. */
    public synchronized ManualClock advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("a monotonic clock cannot go back: " + d);
        }
        nanos = Math.addExact(nanos, d.toNanos());
        return this;
    }

    public ManualClock advanceSeconds(double seconds) {
        return advance(Duration.ofNanos(Math.round(seconds * 1e9)));
    }

    /** Time advanced so far. */
    public synchronized Duration elapsed() {
        return Duration.ofNanos(nanos);
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized Instant now() {
        return origin.plusNanos(nanos);
    }
}
