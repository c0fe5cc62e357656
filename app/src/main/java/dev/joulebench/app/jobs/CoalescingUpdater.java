package dev.joulebench.app.jobs;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands the latest of a stream of values to the UI at most once per interval: any number of
 * {@link #offer} calls from event threads cost at most one {@code fx.execute} per interval (so the FX
 * thread sees ~10 updates a second, never one per event), and the last value always arrives.
 */
public final class CoalescingUpdater<T> {
    private final Executor fx;
    private final ScheduledExecutorService timer;
    private final long intervalNanos;
    private final Consumer<T> apply;
    private final AtomicReference<T> latest = new AtomicReference<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long lastFlush = System.nanoTime() - Long.MAX_VALUE / 4;

    public CoalescingUpdater(Executor fx, ScheduledExecutorService timer, long intervalMillis, Consumer<T> apply) {
        this.fx = Objects.requireNonNull(fx);
        this.timer = Objects.requireNonNull(timer);
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.apply = Objects.requireNonNull(apply);
    }

    public void offer(T value) {
        latest.set(Objects.requireNonNull(value));
        if (pending.compareAndSet(false, true)) {
            long wait = Math.max(0, lastFlush + intervalNanos - System.nanoTime());
            timer.schedule(() -> fx.execute(this::flush), wait, TimeUnit.NANOSECONDS);
        }
    }

    private void flush() {
        lastFlush = System.nanoTime();
        pending.set(false);
        T value = latest.getAndSet(null);
        if (value != null) {
            apply.accept(value);
        }
    }
}
