package dev.joulebench.energy;

/** A read that failed; the sampler records a gap for that source and goes on. */
public class SensorException extends Exception {
    private static final long serialVersionUID = 1L;

    public SensorException(String message) {
        super(message);
    }

    public SensorException(String message, Throwable cause) {
        super(message, cause);
    }
}
