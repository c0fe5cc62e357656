package dev.joulebench.spectra;

/**
 * A histogram normalised as a probability density (so it can be overlaid on the MP density).
 *
 * @param edges   bin edges, ascending, {@code density.length + 1} of them
 * @param density count / (total * bin width) for each bin
 */
public record Histogram(double[] edges, double[] density) {

    /**
     * Density histogram of {@code values} over {@code [lo, hi]} with {@code bins} equal bins; values
     * outside the range are counted in the end bins (the range is chosen to cover them anyway).
     */
    static Histogram of(double[] values, double lo, double hi, int bins) {
        double[] edges = new double[bins + 1];
        double width = (hi - lo) / bins;
        for (int i = 0; i <= bins; i++) {
            edges[i] = lo + width * i;
        }
        double[] density = new double[bins];
        if (values.length == 0 || !(width > 0)) {
            return new Histogram(edges, density);
        }
        for (double v : values) {
            int b = (int) Math.floor((v - lo) / width);
            density[Math.max(0, Math.min(bins - 1, b))] += 1;
        }
        for (int i = 0; i < bins; i++) {
            density[i] /= values.length * width;
        }
        return new Histogram(edges, density);
    }
}
