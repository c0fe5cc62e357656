package dev.joulebench.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoalescingUpdaterTest {
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "test-coalescer"));

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
    }

    @Test
    void aBurstOfValuesReachesTheUiAsFewUpdatesEndingWithTheLast() throws Exception {
        List<Integer> applied = new CopyOnWriteArrayList<>();
        List<Long> appliedAt = new CopyOnWriteArrayList<>();
        CountDownLatch last = new CountDownLatch(1);
        long interval = 50;
        CoalescingUpdater<Integer> u = new CoalescingUpdater<>(Runnable::run, timer, interval, v -> {
            applied.add(v);
            appliedAt.add(System.nanoTime());
            if (v == 9_999) {
                last.countDown();
            }
        });
        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            u.offer(i);
        }
        long offeredFor = System.nanoTime() - start;
        assertThat(last.await(5, TimeUnit.SECONDS)).isTrue();

        // At most one update per interval while offering, plus the first and the trailing one.
        long bound = TimeUnit.NANOSECONDS.toMillis(offeredFor) / interval + 2;
        assertThat(applied.size()).isLessThanOrEqualTo((int) bound);
        assertThat(applied.get(applied.size() - 1)).isEqualTo(9_999);
        assertThat(applied).isSorted();
        for (int i = 1; i < appliedAt.size(); i++) {
            // the timer may fire up to a millisecond early on coarse clocks
            assertThat(appliedAt.get(i) - appliedAt.get(i - 1)).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(interval - 2));
        }
    }

    @Test
    void aLoneValueIsDeliveredAtOnce() throws Exception {
        CountDownLatch got = new CountDownLatch(1);
        CoalescingUpdater<String> u = new CoalescingUpdater<>(Runnable::run, timer, 10_000, v -> got.countDown());
        long start = System.nanoTime();
        u.offer("only");
        assertThat(got.await(2, TimeUnit.SECONDS)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000);
    }
}
