package dev.joulebench.app.panes;

import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;

/**
 * Runs a task on the FX thread at most once per request burst: however many samples ask for it
 * before it runs, one {@code Platform.runLater} is queued (so never one per sample).
 */
final class FxCoalescer {
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Runnable task;
    private volatile boolean closed;

    FxCoalescer(Runnable task) {
        this.task = task;
    }

    /** Any thread. */
    void request() {
        if (!closed && pending.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                pending.set(false);
                if (!closed) {
                    task.run();
                }
            });
        }
    }

    void close() {
        closed = true;
    }
}
