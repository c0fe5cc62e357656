package dev.joulebench.spectra;

/**
 * A sampled curve for plotting, e.g. the fitted Marchenko-Pastur density.
 *
 * @param x abscissae, ascending
 * @param y values at {@code x}
 */
public record Curve(double[] x, double[] y) {
}
