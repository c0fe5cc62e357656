package dev.joulebench.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A hang (e.g. a blocking emit or a completion that never ends) fails the test instead of the build. */
@Timeout(20)
class EventBusTest {
    /** Opened at the end of each test so no listener thread is left blocked. */
    private final CountDownLatch release = new CountDownLatch(1);
    private EventBus bus;

    @AfterEach
    void tearDown() {
        release.countDown();
        if (bus != null) {
            bus.close();
        }
    }

    private static RunEvent point(long step) {
        return new RunEvent.MetricPoint("run", step / 1000.0, step, 0, "train/loss", step);
    }

    /** Thread-safe, minimal recorder (core tests cannot use the testkit). */
    private static final class Recorder implements RunEventListener {
        private final List<RunEvent> events = new ArrayList<>();

        @Override
        public synchronized void onEvent(RunEvent event) {
            events.add(event);
            notifyAll();
        }

        synchronized boolean awaitSize(int n, long timeoutMillis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (events.size() < n) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                wait(left);
            }
            return true;
        }

        synchronized List<RunEvent> events() {
            return List.copyOf(events);
        }

        synchronized List<Long> steps() {
            return events.stream().map(e -> ((RunEvent.MetricPoint) e).step()).toList();
        }
    }

    @Test
    void slowListenerDoesNotSlowTheEmitterAndFastListenerGetsEverythingInOrder() throws Exception {
        bus = new EventBus();
        AtomicInteger slowSeen = new AtomicInteger();
        bus.subscribe("slow", e -> {
            slowSeen.incrementAndGet();
            try {
                // 200 ms per event until the test ends
                release.await(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        Recorder fast = new Recorder();
        bus.subscribe("fast", fast);

        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            bus.emit(point(i));
        }
        long emitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        // Synchronous delivery to the slow listener would take 1000 x 200 ms; even one event is 200 ms.
        assertThat(emitMillis).as("ms to emit 1000 events past a 200 ms/event listener").isLessThan(150);
        assertThat(slowSeen.get()).as("events the slow listener has handled by now").isLessThan(10);

        // wait for the fast listener only: the slow one is still on its first events
        assertThat(fast.awaitSize(1000, 10_000)).as("fast listener got all 1000").isTrue();
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < 1000; i++) {
            expected.add(i);
        }
        assertThat(fast.steps()).containsExactlyElementsOf(expected);
        assertThat(bus.dropped("fast")).isZero();
        assertThat(bus.dropped("slow")).isZero();
    }

    @Test
    void fullQueueDropsAndCountsButNeverBlocksTheEmitter() throws Exception {
        bus = new EventBus(10);
        CountDownLatch firstTaken = new CountDownLatch(1);
        Recorder delivered = new Recorder();
        bus.subscribe("blocked", e -> {
            delivered.onEvent(e);
            firstTaken.countDown();
            try {
                release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });

        bus.emit(point(0));
        assertThat(firstTaken.await(10, TimeUnit.SECONDS)).isTrue(); // the listener now holds event 0 and blocks

        long start = System.nanoTime();
        for (int i = 1; i <= 100; i++) {
            bus.emit(point(i));
        }
        long emitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(emitMillis).as("emit must not wait for a full queue").isLessThan(1000);

        // queue of 10 holds events 1..10; 11..100 are dropped
        assertThat(bus.dropped("blocked")).isEqualTo(90);
        assertThat(bus.dropped("nobody")).isZero();
        assertThat(bus.drain(20, TimeUnit.MILLISECONDS)).as("drain while the listener is blocked").isFalse();

        release.countDown();
        assertThat(bus.drain(10, TimeUnit.SECONDS)).isTrue();
        assertThat(delivered.steps()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    private static RunEvent point(String run, long step) {
        return new RunEvent.MetricPoint(run, step / 1000.0, step, 0, "train/loss", step);
    }

    private static RunEvent.RunStarted started(String run) {
        return new RunEvent.RunStarted(run, 0, "train", "bp", "/runs/" + run);
    }

    private static RunEvent.RunEnded ended(String run) {
        return new RunEvent.RunEnded(run, 1, "finished", null, java.util.Map.of());
    }

    /** A listener that records each event, then blocks in it until the test ends. */
    private RunEventListener blockedAfterRecording(Recorder delivered, CountDownLatch firstTaken) {
        return e -> {
            delivered.onEvent(e);
            firstTaken.countDown();
            try {
                release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void lifecycleEventsReachABlockedListenerInOrderWhileOrdinaryOnesAreDroppedAndCounted() throws Exception {
        bus = new EventBus(5);
        Recorder delivered = new Recorder();
        CountDownLatch firstTaken = new CountDownLatch(1);
        bus.subscribe("blocked", blockedAfterRecording(delivered, firstTaken));

        bus.emit(started("a"));
        assertThat(firstTaken.await(10, TimeUnit.SECONDS)).isTrue(); // holds RunStarted(a), blocks
        for (int i = 1; i <= 50; i++) {
            bus.emit(point("a", i));
        }
        // the queue is full of run a's points: the run's end and the next run's start still get in
        assertThat(bus.droppedInRun("a")).containsExactly(java.util.Map.entry("blocked", 45L));
        bus.emit(ended("a"));
        bus.emit(started("b"));
        bus.emit(point("b", 1)); // still full: dropped, counted for run b
        bus.emit(ended("b"));

        assertThat(bus.dropped("blocked")).isEqualTo(46);
        assertThat(bus.dropped()).containsExactly(java.util.Map.entry("blocked", 46L));
        assertThat(bus.droppedInRun("a")).as("forgotten once the run ended").isEmpty();
        assertThat(bus.droppedInRun("b")).isEmpty();

        release.countDown();
        assertThat(bus.drain(10, TimeUnit.SECONDS)).isTrue();
        List<String> seen = delivered.events().stream().map(e -> e.getClass().getSimpleName() + ":" + e.runId()
                + (e instanceof RunEvent.MetricPoint p ? ":" + p.step() : "")).toList();
        assertThat(seen).containsExactly("RunStarted:a", "MetricPoint:a:1", "MetricPoint:a:2", "MetricPoint:a:3",
                "MetricPoint:a:4", "MetricPoint:a:5", "RunEnded:a", "RunStarted:b", "RunEnded:b");
    }

    @Test
    void droppedEventsAreCountedPerRunAndListenerWhileTheRunLasts() throws Exception {
        bus = new EventBus(2);
        Recorder blockedSeen = new Recorder();
        CountDownLatch taken = new CountDownLatch(1);
        bus.subscribe("pane", blockedAfterRecording(blockedSeen, taken));
        bus.emit(point("x", 0));
        assertThat(taken.await(10, TimeUnit.SECONDS)).isTrue(); // pane holds x:0
        bus.emit(point("x", 1));
        bus.emit(point("y", 1)); // queue of 2 is now full
        bus.emit(point("x", 2));
        bus.emit(point("x", 3));
        bus.emit(point("y", 2));
        assertThat(bus.droppedInRun("x")).containsExactly(java.util.Map.entry("pane", 2L));
        assertThat(bus.droppedInRun("y")).containsExactly(java.util.Map.entry("pane", 1L));
        assertThat(bus.droppedInRun("z")).isEmpty();
        assertThat(bus.dropped("pane")).isEqualTo(3);
    }

    @Test
    void throwingListenerKeepsReceivingAndOthersAreUnaffected() throws Exception {
        bus = new EventBus();
        Recorder seenByThrower = new Recorder();
        bus.subscribe("thrower", e -> {
            seenByThrower.onEvent(e);
            if (((RunEvent.MetricPoint) e).step() % 2 == 0) {
                throw new IllegalStateException("listener bug on " + e);
            }
        });
        Recorder other = new Recorder();
        bus.subscribe("other", other);

        for (int i = 0; i < 20; i++) {
            bus.emit(point(i));
        }
        assertThat(bus.drain(10, TimeUnit.SECONDS)).isTrue();

        assertThat(seenByThrower.steps()).hasSize(20).last().isEqualTo(19L);
        assertThat(other.steps()).hasSize(20).last().isEqualTo(19L);
    }

    @Test
    void drainWaitsUntilEveryEventIsHandled() throws Exception {
        bus = new EventBus();
        Recorder r = new Recorder();
        bus.subscribe("deliberately-slow", e -> {
            try {
                Thread.sleep(20); // the deliberately slow listener
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            r.onEvent(e);
        });
        for (int i = 0; i < 10; i++) {
            bus.emit(point(i));
        }
        assertThat(r.events().size()).as("not all delivered right after emit").isLessThan(10);

        assertThat(bus.drain(10, TimeUnit.SECONDS)).isTrue();
        assertThat(r.steps()).hasSize(10);
    }

    @Test
    void drainWithoutListenersReturnsAtOnce() throws Exception {
        bus = new EventBus();
        bus.emit(point(1));
        assertThat(bus.drain(0, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void unsubscribedListenerGetsNothingMore() throws Exception {
        bus = new EventBus();
        Recorder r = new Recorder();
        AutoCloseable sub = bus.subscribe("r", r);
        bus.emit(point(1));
        sub.close(); // delivers what was queued, then stops
        bus.emit(point(2));
        assertThat(bus.drain(1, TimeUnit.SECONDS)).isTrue();
        assertThat(r.steps()).containsExactly(1L);
    }

    @Test
    void listenersRunOnTheirOwnNamedThreads() throws Exception {
        bus = new EventBus();
        List<String> threads = new ArrayList<>();
        bus.subscribe("progress-bar", e -> {
            synchronized (threads) {
                threads.add(Thread.currentThread().getName());
            }
        });
        bus.emit(point(1));
        assertThat(bus.drain(10, TimeUnit.SECONDS)).isTrue();
        synchronized (threads) {
            assertThat(threads).singleElement().asString().startsWith("events-progress-bar")
                    .isNotEqualTo(Thread.currentThread().getName());
        }
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> new EventBus(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
