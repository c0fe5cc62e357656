package dev.joulebench.core;

/** Cooperative cancellation: the job polls it between units of work, nothing is interrupted mid-kernel. */
public final class CancellationToken {
    private volatile boolean cancelled;
    private volatile boolean pruned;

    public void cancel() {
        cancelled = true;
    }

    /** Cancels because a study's pruner stopped the run: it ends as {@code pruned}, not {@code cancelled}. */
    public void prune() {
        pruned = true;
        cancelled = true;
    }

    public boolean isPruned() {
        return pruned;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public void throwIfCancelled() {
        if (cancelled) {
            throw new CancelledException();
        }
    }
}
