package dev.joulebench.testkit;

import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.event.RunEventListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Records every event it receives, in order, for assertions. Thread-safe: the bus delivers on its
 * own thread while the test waits with {@link #awaitEvent(Class, Duration)}.
 *
 * <p>Usage: {@code bus.subscribe("test", rec); ...; rec.awaitEvent(RunEvent.RunEnded.class, Duration.ofSeconds(10))}.
 */
public final class RecordingListener implements RunEventListener {
    private final List<RunEvent> events = new ArrayList<>();

    @Override
    public synchronized void onEvent(RunEvent event) {
        events.add(event);
        notifyAll();
    }

    /** A snapshot of everything received so far, in delivery order. */
    public synchronized List<RunEvent> events() {
        return List.copyOf(events);
    }

    public synchronized int size() {
        return events.size();
    }

    /** The events of one type received so far, in order. */
    public synchronized <T extends RunEvent> List<T> ofType(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (RunEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    /** The first event of this type (already received or still to come); fails the test after the timeout. */
    public <T extends RunEvent> T awaitEvent(Class<T> type, Duration timeout) {
        return awaitEvent(type, e -> true, timeout);
    }

    /** The first event of this type matching the condition; fails the test (AssertionError) after the timeout. */
    public synchronized <T extends RunEvent> T awaitEvent(Class<T> type, Predicate<? super T> condition,
                                                          Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < events.size(); checked++) {
                RunEvent e = events.get(checked);
                if (type.isInstance(e) && condition.test(type.cast(e))) {
                    return type.cast(e);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("No " + type.getSimpleName() + " event within " + timeout + "; received "
                        + events.size() + " events: " + summary());
            }
            try {
                wait(Math.max(1, left / 1_000_000), 0);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + type.getSimpleName(), ex);
            }
        }
    }

    /** Waits until at least {@code n} events of this type have arrived; returns them. */
    public synchronized <T extends RunEvent> List<T> awaitCount(Class<T> type, int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<T> found = ofType(type);
            if (found.size() >= n) {
                return found;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Only " + found.size() + " of " + n + " " + type.getSimpleName()
                        + " events within " + timeout);
            }
            try {
                wait(Math.max(1, left / 1_000_000), 0);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + type.getSimpleName(), ex);
            }
        }
    }

    public synchronized void clear() {
        events.clear();
    }

    private String summary() {
        StringBuilder sb = new StringBuilder("[");
        int shown = Math.min(events.size(), 20);
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(events.get(i).getClass().getSimpleName());
        }
        return sb.append(events.size() > shown ? ", ...]" : "]").toString();
    }
}
