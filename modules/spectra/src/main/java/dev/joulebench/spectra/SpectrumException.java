package dev.joulebench.spectra;

import dev.joulebench.core.BadInputException;

/**
 * A matrix that has no meaningful spectrum (empty, 1x1 or a vector, all zeros, NaN or infinite
 * entries). The message always names the layer, so a user analysing a whole model sees which
 * tensor is at fault rather than a bare numeric failure deep inside EJML.
 */
public class SpectrumException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public SpectrumException(String message) {
        super(message);
    }
}
