package dev.joulebench.study;

/**
 * A trial whose job could not be started, for a reason of the executor rather than of its spec (a cluster's
 * {@code sbatch} refused it, say); the study records the trial as failed with this message and goes on.
 */
public final class TrialStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrialStartException(String message) {
        super(message);
    }

    public TrialStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
