package dev.joulebench.app;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The app's background threads, each named for what it does: {@code io-loader-N} reads runs and
 * probes hardware (and the panes load recorded runs on it), {@code job-launcher} submits a job and
 * waits for its end, {@code ui-coalescer} times throttled UI updates, {@code spec-check} runs the job
 * factories' checks of the launcher's forms (they read run directories and datasets). Jobs themselves run on the
 * job runner's own {@code job-<run id>} thread.
 */
public final class AppExecutors implements AutoCloseable {
    private final ExecutorService io = Executors.newFixedThreadPool(2, named("io-loader"));
    private final ExecutorService launcher = Executors.newSingleThreadExecutor(named("job-launcher"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(named("ui-coalescer"));
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(named("spec-check"));

    public ExecutorService io() {
        return io;
    }

    public ExecutorService launcher() {
        return launcher;
    }

    public ScheduledExecutorService timer() {
        return timer;
    }

    public ScheduledExecutorService checks() {
        return checks;
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        launcher.shutdownNow();
        io.shutdownNow();
        timer.shutdownNow();
        checks.shutdownNow();
        try {
            io.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
