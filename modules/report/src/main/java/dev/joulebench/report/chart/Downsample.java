package dev.joulebench.report.chart;

/**
 * Keeps vector charts small: a series of more than {@code max} points is drawn as the means of consecutive
 * buckets (the mean keeps the area under a power curve, so the picture still shows the energy). NaN gaps stay gaps.
 */
final class Downsample {
    static final int MAX = 1200;

    private Downsample() {}

    /** @return {x[], y[]} with at most {@code max} points */
    static double[][] means(double[] x, double[] y, int max) {
        int n = x.length;
        if (n <= max) {
            return new double[][] {x, y};
        }
        int buckets = max;
        double[] ox = new double[buckets];
        double[] oy = new double[buckets];
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            double sx = 0;
            double sy = 0;
            int k = 0;
            boolean gap = false;
            for (int i = from; i < to; i++) {
                sx += x[i];
                if (Double.isNaN(y[i])) {
                    gap = true;
                } else {
                    sy += y[i];
                    k++;
                }
            }
            ox[b] = sx / (to - from);
            oy[b] = gap && k == 0 ? Double.NaN : sy / Math.max(1, k);
        }
        return new double[][] {ox, oy};
    }
}
