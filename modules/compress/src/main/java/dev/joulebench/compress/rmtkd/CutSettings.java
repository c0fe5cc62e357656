package dev.joulebench.compress.rmtkd;

/**
 * How a layer's spectrum is read.
 *
 * @param quantile         {@code tau}: the MP noise variance starts at this quantile of the eigenvalues
 * @param centre           remove each feature's mean before the covariance (and fold the mean into the next
 *                         layer's bias after the cut)
 * @param tracyWidomMargin keep only eigenvalues above {@code lambda+} plus the finite-size Tracy-Widom margin
 *                         ({@link dev.joulebench.spectra.MarchenkoPastur#margin}), not merely above {@code lambda+}
 * @param alignToUnits     give the kept subspace the basis closest to the layer's units ({@link UnitAlignedBasis})
 *                         rather than the eigenvectors themselves
 */
public record CutSettings(double quantile, boolean centre, boolean tracyWidomMargin, boolean alignToUnits) {
    public CutSettings {
        if (!(quantile > 0 && quantile < 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1), got " + quantile);
        }
    }
}
