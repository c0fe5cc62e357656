package dev.joulebench.core.event;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans events out to any number of listeners. Each listener has its own bounded queue and its own
 * named daemon thread, so a slow listener delays only itself and never the job: when its queue is
 * full the event is dropped for that listener and counted (the run store does not depend on this
 * path; it is written synchronously by the job runner).
 */
public final class EventBus implements EventSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private static final RunEvent STOP = new RunEvent.LogLine("", 0, "STOP", "");

    private final int capacity;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicLong threadCounter = new AtomicLong();

    public EventBus() {
        this(16_384);
    }

    public EventBus(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.capacity = capacity;
    }

    /** Adds a listener; the returned handle removes it (after it has seen the events already queued). */
    public AutoCloseable subscribe(String name, RunEventListener listener) {
        Subscription s = new Subscription(name + "-" + threadCounter.incrementAndGet(), listener,
                new ArrayBlockingQueue<>(capacity));
        subscriptions.add(s);
        s.thread.start();
        return () -> {
            if (subscriptions.remove(s)) {
                s.stop();
            }
        };
    }

    @Override
    public void emit(RunEvent event) {
        for (Subscription s : subscriptions) {
            if (s.queue.offer(event)) {
                s.queued.incrementAndGet();
            } else {
                s.dropped.incrementAndGet();
            }
        }
    }

    /** Events dropped so far for the named listener's queue overflowing (0 for an unknown name). */
    public long dropped(String namePrefix) {
        return subscriptions.stream().filter(s -> s.name.startsWith(namePrefix))
                .mapToLong(s -> s.dropped.get()).sum();
    }

    /** Waits until every listener has handled what was emitted before this call, or the timeout passes. */
    public boolean drain(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (Subscription s : subscriptions) {
            long target = s.queued.get();
            while (s.handled.get() < target) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(1);
            }
        }
        return true;
    }

    @Override
    public void close() {
        for (Subscription s : subscriptions) {
            s.stop();
        }
        subscriptions.clear();
    }

    private static final class Subscription {
        final String name;
        final RunEventListener listener;
        final BlockingQueue<RunEvent> queue;
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong queued = new AtomicLong();
        final AtomicLong handled = new AtomicLong();
        final Thread thread;

        Subscription(String name, RunEventListener listener, BlockingQueue<RunEvent> queue) {
            this.name = name;
            this.listener = listener;
            this.queue = queue;
            this.thread = new Thread(this::loop, "events-" + name);
            this.thread.setDaemon(true);
        }

        void stop() {
            // The stop marker must get in even if the queue is full of undelivered events.
            while (!queue.offer(STOP)) {
                queue.poll();
            }
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void loop() {
            while (true) {
                RunEvent e;
                try {
                    e = queue.take();
                } catch (InterruptedException ex) {
                    return;
                }
                if (e == STOP) {
                    return;
                }
                try {
                    listener.onEvent(e);
                } catch (RuntimeException | AssertionError | LinkageError ex) {
                    // A broken listener loses this event, not its later ones (and never the job's).
                    LOG.warn("Event listener {} failed on {}: {}", name, e.getClass().getSimpleName(), ex.toString());
                } finally {
                    handled.incrementAndGet();
                }
            }
        }
    }
}
