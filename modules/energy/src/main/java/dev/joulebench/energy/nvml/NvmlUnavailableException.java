package dev.joulebench.energy.nvml;

/**
 * NVML, or one GPU's sensor, cannot be used; the message is the reason shown to the user, so it is
 * written to be acted on (which library, which function, which NVML error).
 */
final class NvmlUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    NvmlUnavailableException(String reason) {
        super(reason);
    }

    NvmlUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
