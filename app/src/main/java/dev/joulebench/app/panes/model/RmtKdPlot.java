package dev.joulebench.app.panes.model;

import java.util.Locale;

/**
 * What the RMT-KD spectrum chart draws for one layer: the histogram density as a step outline over its fixed bins,
 * the fitted MP density, {@code lambda+}, the kept outliers as points on the axis, and the x range.
 *
 * <p>The outliers a cut keeps often lie tens or hundreds of times above {@code lambda+}, where a linear axis would
 * press the whole bulk and its MP curve into the first few pixels; so when the largest eigenvalue is more than
 * {@value #LOG_BEYOND} times the histogram's upper edge, the λ axis is logarithmic (bulk and outliers both
 * readable), else linear. The log axis starts at the histogram's first positive edge.
 *
 * @param stepX    histogram outline: each bin's edges at its density, down to 0 at both ends
 * @param outlierX the kept eigenvalues; {@code outlierY} puts them just above the axis (5 % of the peak)
 * @param log      a log λ axis over [xMin, xMax]
 */
public record RmtKdPlot(double[] stepX, double[] stepY, double[] mpX, double[] mpY, double[] outlierX,
                        double[] outlierY, double lambdaPlus, double xMin, double xMax, boolean log) {
    /** Above this ratio of the largest eigenvalue to the histogram's upper edge, the λ axis is logarithmic. */
    static final double LOG_BEYOND = 4;

    public static RmtKdPlot of(RmtKdRun.Layer l) {
        double[] edges = l.histogramEdges();
        double[] h = l.histogram();
        int bins = Math.min(h.length, Math.max(0, edges.length - 1));
        double top = l.eigenvalues().length == 0 ? 0 : l.eigenvalues()[0];
        double upper = bins > 0 ? edges[bins] : Double.isFinite(l.lambdaPlus()) ? 2 * l.lambdaPlus() : top;
        boolean log = upper > 0 && top > LOG_BEYOND * upper;
        double hi = Math.max(upper, top) * (log ? 1.6 : 1.04);
        double lo = 0;
        if (log) {
            lo = Double.NaN;
            for (int i = 0; i <= bins && Double.isNaN(lo); i++) {
                lo = edges[i] > 0 ? edges[i] : Double.NaN;
            }
            lo = Double.isNaN(lo) ? upper / 100 : lo / 1.25;
        } else if (bins > 0) {
            lo = Math.max(0, edges[0]);
        }
        double[] sx = new double[bins == 0 ? 0 : 2 * bins + 2];
        double[] sy = new double[sx.length];
        if (bins > 0) {
            sx[0] = edges[0];
            for (int b = 0; b < bins; b++) {
                sx[2 * b + 1] = edges[b];
                sy[2 * b + 1] = h[b];
                sx[2 * b + 2] = edges[b + 1];
                sy[2 * b + 2] = h[b];
            }
            sx[sx.length - 1] = edges[bins];
            for (int i = 0; i < sx.length; i++) {
                sx[i] = Math.max(sx[i], lo); // a log axis has no 0: the first bin starts at its left end
            }
        }
        double peak = 0;
        for (double v : h) {
            peak = Math.max(peak, v);
        }
        for (double v : l.mpY()) {
            peak = Math.max(peak, v);
        }
        double[] ox = l.outliers();
        double[] oy = new double[ox.length];
        java.util.Arrays.fill(oy, 0.05 * (peak > 0 ? peak : 1));
        return new RmtKdPlot(sx, sy, l.mpX(), l.mpY(), ox, oy, l.lambdaPlus(), lo, hi, log);
    }

    /** "fc1: d = 32, k = 5 kept above λ+ = 0.41 (σ² = 0.12), top λ = 38.2 (93 × λ+), log λ axis". */
    public static String caption(RmtKdRun.Layer l, RmtKdPlot p) {
        double top = l.eigenvalues().length == 0 ? Double.NaN : l.eigenvalues()[0];
        String margin = l.threshold() > l.lambdaPlus() * (1 + 1e-9)
                ? String.format(Locale.ROOT, ", threshold %.3g", l.threshold()) : "";
        return String.format(Locale.ROOT, "%s: d = %d, k = %d kept above λ+ = %.3g (σ² = %.3g%s), %d samples; "
                        + "top λ = %.3g (%.0f × λ+)%s", l.key(), l.features(), l.kept(), l.lambdaPlus(), l.sigma2(),
                margin, l.samples(), top, top / l.lambdaPlus(),
                p.log() ? "; log λ axis: the outliers lie far right of the bulk" : "");
    }
}
