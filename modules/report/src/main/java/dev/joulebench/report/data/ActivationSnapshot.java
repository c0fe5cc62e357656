package dev.joulebench.report.data;

/**
 * One line of spectra/activations.jsonl: the covariance spectrum of a hidden layer's activations at a step.
 *
 * @param eigenvalues  ascending
 * @param mpLambdaPlus the Marchenko-Pastur bulk edge for samples × features, NaN when not recorded
 */
public record ActivationSnapshot(double t, long step, String layer, int samples, int features, double[] eigenvalues,
                                 double mpLambdaPlus, double spectralGap, double spectralEntropy, double outliers,
                                 double klFromMp) {
    public double top() {
        return eigenvalues.length == 0 ? Double.NaN : eigenvalues[eigenvalues.length - 1];
    }
}
