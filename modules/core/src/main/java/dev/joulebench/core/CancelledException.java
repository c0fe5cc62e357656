package dev.joulebench.core;

/** Thrown by {@link CancellationToken#throwIfCancelled()}; the runner marks the run cancelled. */
public final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CancelledException() {
        super("cancelled by the user");
    }
}
