package dev.joulebench.app.panes.model;

import java.util.Arrays;

/**
 * What the spectra pane draws for one snapshot: a density histogram of the eigenvalues, the fitted
 * Marchenko–Pastur curve, its upper edge and the spikes above it.
 *
 * @param layer      layer name
 * @param kind       "activation" or "weight"
 * @param step       optimizer step of the snapshot (-1 for final weights)
 * @param t          seconds since the run started (NaN for final weights)
 * @param binCentres histogram bin centres
 * @param density    histogram density per bin (integrates to 1)
 * @param mpX        MP curve abscissae
 * @param mpY        MP density
 * @param lambdaPlus MP upper edge
 * @param spikes     eigenvalues above the edge (plus the finite-size margin where the writer applied one)
 */
public record SpectrumView(String layer, String kind, long step, double t, double[] binCentres, double[] density,
                           double[] mpX, double[] mpY, double lambdaPlus, double[] spikes) {
    public static final int BINS = 40;
    public static final int CURVE_POINTS = 200;

    /** "relu1 · activations · step 200" */
    public String label() {
        return "weight".equals(kind) ? layer + " · weights (final)" : layer + " · activations · step " + step;
    }

    /**
     * From an activation snapshot as {@code ActivationSpectra} writes it: all {@code features}
     * covariance eigenvalues (zeros when features >= samples) of a window of {@code samples} rows.
     * Following {@code ActivationSpectrum}: dof = samples − 1, gamma = features / dof, sigma2 = mean
     * eigenvalue. The histogram covers the non-zero part (the top min(features, dof) eigenvalues), the
     * curve is MP's continuous part renormalised to the same mass.
     *
     * @param lambdaPlusWritten the writer's {@code mp_lambda_plus} (NaN to compute it), spikes are above it
     */
    public static SpectrumView ofActivations(String layer, long step, double t, double[] eigenvalues, int samples,
                                             int features, double lambdaPlusWritten) {
        double[] sorted = eigenvalues.clone();
        Arrays.sort(sorted);
        int dof = Math.max(1, samples - 1);
        int nonZero = Math.min(sorted.length, Math.min(features, dof));
        double[] bulk = Arrays.copyOfRange(sorted, sorted.length - nonZero, sorted.length);
        double sigma2 = sorted.length == 0 ? 0 : Arrays.stream(sorted).sum() / Math.max(features, sorted.length);
        double gamma = (double) features / dof;
        double[] mpX = new double[0];
        double[] mpY = new double[0];
        double lp = lambdaPlusWritten;
        if (sigma2 > 0 && gamma > 0) {
            MpDensity mp = new MpDensity(sigma2, gamma);
            MpDensity.Curve c = mp.sample(CURVE_POINTS);
            mpX = c.x();
            mpY = c.y();
            if (Double.isNaN(lp)) {
                lp = mp.lambdaPlus();
            }
        }
        double max = bulk.length == 0 ? 1 : Math.max(bulk[bulk.length - 1], Double.isNaN(lp) ? 0 : lp);
        double[][] h = histogram(bulk, 0, 1.05 * max, BINS);
        double edge = lp;
        double[] spikes = Arrays.stream(bulk).filter(v -> v > edge).toArray();
        return new SpectrumView(layer, "activation", step, t, h[0], h[1], mpX, mpY, lp, spikes);
    }

    /** Density histogram over [lo, hi]: {bin centres, density}; values outside fall in the end bins. */
    public static double[][] histogram(double[] values, double lo, double hi, int bins) {
        double width = (hi - lo) / bins;
        double[] centres = new double[bins];
        double[] density = new double[bins];
        for (int i = 0; i < bins; i++) {
            centres[i] = lo + width * (i + 0.5);
        }
        if (values.length == 0 || !(width > 0)) {
            return new double[][] {centres, density};
        }
        for (double v : values) {
            int b = (int) Math.floor((v - lo) / width);
            density[Math.max(0, Math.min(bins - 1, b))] += 1;
        }
        for (int i = 0; i < bins; i++) {
            density[i] /= values.length * width;
        }
        return new double[][] {centres, density};
    }
}
