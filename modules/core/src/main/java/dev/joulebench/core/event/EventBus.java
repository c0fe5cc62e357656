package dev.joulebench.core.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans events out to any number of listeners. Each listener has its own queue and its own named
 * daemon thread, so a slow listener delays only itself and never the job; {@link #emit} never blocks.
 *
 * <p>A listener's queue holds at most {@code capacity} ordinary events; past that they are dropped for
 * that listener and counted, per listener and per run ({@link #droppedInRun}), so a run can record what
 * its listeners missed. {@link RunEvent.RunStarted} and {@link RunEvent.RunEnded} are never dropped:
 * they go into the same queue beyond the bound (a run adds only two), so each listener still sees them
 * in emission order relative to the events it did get. The run store does not depend on this path; it
 * is written synchronously by the job runner.
 */
public final class EventBus implements EventSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private static final RunEvent STOP = new RunEvent.LogLine("", 0, "STOP", "");

    private final int capacity;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicLong threadCounter = new AtomicLong();
    /** run id -> listener name -> events dropped; a run's entry goes when its RunEnded is emitted. */
    private final Map<String, Map<String, AtomicLong>> droppedByRun = new ConcurrentHashMap<>();

    public EventBus() {
        this(16_384);
    }

    /** @param capacity ordinary events each listener's queue holds before further ones are dropped */
    public EventBus(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.capacity = capacity;
    }

    /** Adds a listener; the returned handle removes it (after it has seen the events already queued). */
    public AutoCloseable subscribe(String name, RunEventListener listener) {
        Subscription s = new Subscription(name, name + "-" + threadCounter.incrementAndGet(), listener);
        subscriptions.add(s);
        s.thread.start();
        return () -> {
            if (subscriptions.remove(s)) {
                s.stop();
            }
        };
    }

    /** Whether an event is part of a run's lifecycle, which every listener must see. */
    static boolean lifecycle(RunEvent event) {
        return event instanceof RunEvent.RunStarted || event instanceof RunEvent.RunEnded;
    }

    @Override
    public void emit(RunEvent event) {
        boolean always = lifecycle(event);
        for (Subscription s : subscriptions) {
            if (!s.offer(event, always, capacity)) {
                droppedByRun.computeIfAbsent(event.runId(), k -> new ConcurrentHashMap<>())
                        .computeIfAbsent(s.name, k -> new AtomicLong()).incrementAndGet();
            }
        }
        if (event instanceof RunEvent.RunEnded) {
            // the runner read the run's counts before it ended the run; nothing of it can be dropped now
            droppedByRun.remove(event.runId());
        }
    }

    /** Events dropped so far, over the whole bus, for listeners whose name starts with the prefix. */
    public long dropped(String namePrefix) {
        return subscriptions.stream().filter(s -> s.name.startsWith(namePrefix))
                .mapToLong(s -> s.dropped.get()).sum();
    }

    /** Events dropped so far for every listener, by the name it subscribed with (listeners that dropped none are absent). */
    public Map<String, Long> dropped() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Subscription s : subscriptions) {
            long n = s.dropped.get();
            if (n > 0) {
                out.merge(s.name, n, Long::sum);
            }
        }
        return out;
    }

    /**
     * Events of one run dropped so far, by listener name (empty when none were); available until the run's
     * {@link RunEvent.RunEnded} is emitted, after which it is forgotten (a bus outlives many runs).
     */
    public Map<String, Long> droppedInRun(String runId) {
        Map<String, AtomicLong> counts = droppedByRun.get(runId);
        Map<String, Long> out = new LinkedHashMap<>();
        if (counts != null) {
            counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.put(e.getKey(), e.getValue().get()));
        }
        return out;
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
        /** Unbounded as a structure; {@link #ordinary} bounds what is not lifecycle. */
        final BlockingQueue<RunEvent> queue = new LinkedBlockingQueue<>();
        final AtomicInteger ordinary = new AtomicInteger();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong queued = new AtomicLong();
        final AtomicLong handled = new AtomicLong();
        final Thread thread;

        Subscription(String name, String threadName, RunEventListener listener) {
            this.name = name;
            this.listener = listener;
            this.thread = new Thread(this::loop, "events-" + threadName);
            this.thread.setDaemon(true);
        }

        /** Queues the event unless it is ordinary and the listener already has {@code capacity} waiting. */
        boolean offer(RunEvent event, boolean always, int capacity) {
            if (!always) {
                if (ordinary.incrementAndGet() > capacity) {
                    ordinary.decrementAndGet();
                    dropped.incrementAndGet();
                    return false;
                }
            }
            // count before queueing, so that drain() never misses an event the listener has already handled
            queued.incrementAndGet();
            queue.add(event);
            return true;
        }

        void stop() {
            queue.add(STOP);
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
                if (!lifecycle(e)) {
                    ordinary.decrementAndGet();
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
