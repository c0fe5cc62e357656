package dev.joulebench.testkit;

import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.core.Job;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.JobResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Small jobs for testing whatever runs jobs (the runner, the CLI, the app) without a model or data.
 * Metrics are named {@link #METRIC} with steps 1, 2, 3, ... and value {@code step / 10.0}, epoch 0.
 */
public final class Jobs {
    public static final String METRIC = MetricKeys.TRAIN_LOSS;

    private Jobs() {}

    /** Emits {@code n} metrics and finishes with the given summary (kept in its iteration order). */
    public static Job emitting(int n, Map<String, Double> summary) {
        Map<String, Double> copy = new LinkedHashMap<>(summary);
        return ctx -> {
            for (int step = 1; step <= n; step++) {
                ctx.metric(step, 0, METRIC, step / 10.0);
            }
            return new JobResult(copy);
        };
    }

    /** Finishes at once with the given summary. */
    public static Job finishing(Map<String, Double> summary) {
        return emitting(0, summary);
    }

    /** Emits {@code n} metrics, then throws {@code IllegalStateException(message)}: the run ends failed. */
    public static Job emittingThenFailing(int n, String message) {
        return emittingThenThrowing(n, new IllegalStateException(message));
    }

    /** Emits {@code n} metrics, then throws the given exception (or error). */
    public static Job emittingThenThrowing(int n, Throwable toThrow) {
        return ctx -> {
            for (int step = 1; step <= n; step++) {
                ctx.metric(step, 0, METRIC, step / 10.0);
            }
            if (toThrow instanceof Exception e) {
                throw e;
            }
            if (toThrow instanceof Error err) {
                throw err;
            }
            throw new IllegalArgumentException("neither an Exception nor an Error: " + toThrow, toThrow);
        };
    }

    /** Blocks until {@code release} opens (checking cancellation every 10 ms), then finishes with an empty summary. */
    public static Job awaiting(CountDownLatch release) {
        return ctx -> {
            while (!release.await(10, TimeUnit.MILLISECONDS)) {
                ctx.cancellation().throwIfCancelled();
            }
            return new JobResult(Map.of());
        };
    }

    /** A job that emits one metric per iteration until cancelled; see {@link Looping}. */
    public static Looping untilCancelled() {
        return new Looping(Duration.ofMillis(1));
    }

    /**
     * Loops until cancelled: each iteration emits a metric, polls {@code throwIfCancelled()} and then
     * pauses {@code pause} (a stand-in for a batch of work, so a test's run does not write
     * thousands of lines). Tests wait for progress with {@link #awaitIterations(long, Duration)} before
     * cancelling. A Looping job runs once.
     */
    public static final class Looping implements Job {
        private final Duration pause;
        private final AtomicLong iterations = new AtomicLong();
        private final Object lock = new Object();

        public Looping(Duration pause) {
            this.pause = pause;
        }

        @Override
        public JobResult run(JobContext ctx) throws InterruptedException {
            long step = 0;
            while (true) {
                step++;
                ctx.metric(step, 0, METRIC, step / 10.0);
                synchronized (lock) {
                    iterations.set(step);
                    lock.notifyAll();
                }
                ctx.cancellation().throwIfCancelled();
                if (!pause.isZero()) {
                    Thread.sleep(pause.toMillis(), (int) (pause.toNanos() % 1_000_000));
                }
            }
        }

        /** Iterations completed so far (each one wrote a metric). */
        public long iterations() {
            return iterations.get();
        }

        /** Waits until at least {@code n} iterations are done; fails the test (AssertionError) after the timeout. */
        public void awaitIterations(long n, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (lock) {
                while (iterations.get() < n) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("job did only " + iterations.get() + " of " + n
                                + " iterations within " + timeout);
                    }
                    lock.wait(Math.max(1, left / 1_000_000));
                }
            }
        }
    }
}
