package dev.joulebench.core;

import java.time.Instant;

/** Wall time for labels, monotonic nanoseconds for durations; tests pass a manual clock. */
public interface MonotonicClock {
    long nanoTime();

    Instant now();

    static MonotonicClock system() {
        return new MonotonicClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Instant now() {
                return Instant.now();
            }
        };
    }
}
