package dev.joulebench.compress.rmtkd;

import dev.joulebench.spectra.MarchenkoPastur;
import dev.joulebench.spectra.MpBulkFit;
import dev.joulebench.spectra.SymmetricEigenbasis;

/**
 * Which directions of a hidden layer carry signal, read from its activation covariance as RMT-KD does:
 * eigenvalues inside the fitted Marchenko-Pastur bulk are noise, those above its edge {@code lambda+} (plus
 * an optional Tracy-Widom margin) are kept, and their eigenvectors are the rows of the projection {@code P}
 * the layer is narrowed to.
 *
 * <p>The cut is its subspace; its basis matters only to the ReLU after the narrowed layer. By default
 * ({@link CutSettings#alignToUnits()}) it is rotated to the units ({@link UnitAlignedBasis}); otherwise the
 * eigenvectors are used as they are. An eigenvector is defined up to its sign; each kept one is oriented so that the layer's mean activation
 * projects onto it non-negatively. The narrowed layer applies its ReLU to these projections, so this sign lets
 * it pass a typical sample's projection rather than clip it (on a Fashion-MNIST MLP it raised the accuracy
 * right after a cut from 0.38 to 0.62 before any distillation); every exact case of {@link LayerSurgery}
 * is sign-independent or already oriented so.
 *
 * <p>The noise model has ratio {@code q = live / m}: the live (non-dead) features over the covariance's
 * degrees of freedom. {@code q > 1} (a layer wider than the calibration set) is handled by the companion law
 * in {@link MpBulkFit}: only the {@code m} non-zero eigenvalues are fitted; {@code lambda+} is the same formula.
 *
 * @param layer        the dense layer whose output this is ({@code fc1}, ...)
 * @param features     width {@code d} of the layer
 * @param samples      calibration samples
 * @param liveFeatures features that vary over them
 * @param ratio        {@code q}
 * @param fit          the MP bulk: {@code sigma2} and its start, {@code lambda+}, bulk share, histogram
 * @param margin       Tracy-Widom margin added to {@code lambda+} (0 when not asked for)
 * @param threshold    {@code lambda+ + margin}: eigenvalues above it are kept
 * @param eigenvalues  all {@code d} covariance eigenvalues, descending
 * @param kept         {@code k}, the number of eigenvalues above the threshold: the spectrum's answer
 * @param width        rows of {@code P}, the layer's width after the cut: {@code k}, or more when the caller asked
 *                     for a narrowest width ({@link #of(String, ActivationCovariance, CutSettings, int)}), at most
 *                     {@code d}
 * @param projection   {@code P}, row-major {@code width x d}, orthonormal rows spanning the eigenvectors of the
 *                     {@code width} largest eigenvalues: those eigenvectors, largest first, each oriented so that
 *                     {@code p . mean >= 0}; or, with {@link CutSettings#alignToUnits()}, the basis of their span
 *                     closest to the layer's units ({@link UnitAlignedBasis})
 * @param mean         each feature's mean over the calibration set (what {@code P} is centred on, when centred)
 * @param centred      whether the covariance was centred
 * @param solver       the eigensolver that computed the basis
 */
public record SpectralCut(String layer, int features, int samples, int liveFeatures, double ratio, MpBulkFit fit,
                          double margin, double threshold, double[] eigenvalues, int kept, int width, float[] projection,
                          double[] mean, boolean centred, String solver) {

    /** Reads the spectrum of {@code covariance} and selects the directions to keep. */
    public static SpectralCut of(String layer, ActivationCovariance covariance, CutSettings settings) {
        return of(layer, covariance, settings, 0);
    }

    /**
     * As {@link #of(String, ActivationCovariance, CutSettings)}, keeping at least {@code narrowest} directions
     * (the next ones by eigenvalue) when the spectrum keeps fewer: how a parameter target that needs only a
     * smaller cut limits it.
     */
    public static SpectralCut of(String layer, ActivationCovariance covariance, CutSettings settings, int narrowest) {
        int d = covariance.features();
        int live = covariance.liveFeatures();
        int dof = covariance.degreesOfFreedom();
        if (live < 2) {
            throw new IllegalArgumentException("layer " + layer + ": only " + live + " of its " + d
                    + " units vary over the calibration set; there is no spectrum to read");
        }
        SymmetricEigenbasis basis = SymmetricEigenbasis.of(covariance.covariance(), d);
        double[] ascending = basis.values();
        MpBulkFit fit = MpBulkFit.fit(ascending, live, dof, settings.quantile());
        double ratio = fit.ratio();
        double margin = settings.tracyWidomMargin()
                ? MarchenkoPastur.margin(fit.lambdaPlus(), Math.max(live, dof), Math.min(ratio, 1 / ratio)) : 0.0;
        double threshold = fit.lambdaPlus() + margin;
        double[] descending = new double[d];
        int k = 0;
        for (int i = 0; i < d; i++) {
            descending[i] = ascending[d - 1 - i];
            if (descending[i] > threshold) {
                k++;
            }
        }
        int width = Math.min(d, Math.max(k, narrowest));
        float[] p = new float[width * d];
        double[] mean = covariance.mean();
        for (int r = 0; r < width; r++) {
            int row = d - 1 - r; // the r-th largest
            double meanProjection = 0;
            for (int c = 0; c < d; c++) {
                meanProjection += basis.vectors()[row * d + c] * mean[c];
            }
            double sign = meanProjection < 0 ? -1 : 1;
            for (int c = 0; c < d; c++) {
                p[r * d + c] = (float) (sign * basis.vectors()[row * d + c]);
            }
        }
        if (settings.alignToUnits() && width > 0 && width < d) {
            p = UnitAlignedBasis.of(p, width, d);
        }
        return new SpectralCut(layer, d, covariance.samples(), live, ratio, fit, margin, threshold, descending, k, width, p,
                covariance.mean(), covariance.centred(), basis.solver());
    }

    /** The share of the layer's units the cut keeps, {@code width / d}. */
    public double keptFraction() {
        return (double) width / features;
    }
}
