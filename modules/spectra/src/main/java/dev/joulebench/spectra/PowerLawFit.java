package dev.joulebench.spectra;

import java.util.Arrays;

/**
 * Power-law fit {@code p(x) ~ x^-alpha} of the tail of an ESD, as WeightWatcher does it through the
 * {@code powerlaw} package (Clauset, Shalizi and Newman 2009): for every candidate {@code xmin}
 * (each distinct positive eigenvalue that leaves at least {@link #MIN_TAIL} values in the tail),
 * the continuous maximum-likelihood exponent {@code alpha = 1 + n / sum ln(x_i / xmin)} over
 * {@code x_i >= xmin}; the {@code xmin} kept is the one whose fitted law has the smallest
 * Kolmogorov-Smirnov distance {@code D} to the empirical tail CDF. alpha is scale-free, so it is the
 * same on the {@code W^T W / N} and on WeightWatcher's {@code sigma^2} scale.
 *
 * @param alpha     fitted exponent, NaN if fewer than 3 positive eigenvalues
 * @param xmin      start of the tail (same scale as the input)
 * @param ks        KS distance of the tail from the fitted law
 * @param tailCount number of eigenvalues {@code >= xmin}
 */
public record PowerLawFit(double alpha, double xmin, double ks, int tailCount) {
    /**
     * Minimum tail size for a candidate xmin. Below about 10 points the MLE of alpha has a standard
     * error of order (alpha - 1)/3 and the KS minimum is dominated by noise, so tiny tails made of
     * the top few eigenvalues would be chosen spuriously. Spectra with fewer positive eigenvalues use
     * all of them.
     */
    public static final int MIN_TAIL = 10;

    /** Eigenvalues at or below this fraction of the largest are numerically zero and ignored. */
    static final double ZERO_TOL = 1e-12;

    /** Fits the tail of {@code eigenvalues} (any order, any positive scale). */
    public static PowerLawFit fit(double[] eigenvalues) {
        double max = 0;
        for (double v : eigenvalues) {
            if (Double.isFinite(v)) {
                max = Math.max(max, v);
            }
        }
        final double floor = max * ZERO_TOL;
        double[] x = Arrays.stream(eigenvalues).filter(v -> Double.isFinite(v) && v > floor).sorted().toArray();
        int total = x.length;
        if (total < 3) {
            return new PowerLawFit(Double.NaN, Double.NaN, Double.NaN, total);
        }
        int minTail = Math.min(MIN_TAIL, total);
        double[] suffixLog = new double[total + 1];
        for (int i = total - 1; i >= 0; i--) {
            suffixLog[i] = suffixLog[i + 1] + Math.log(x[i]);
        }
        double bestD = Double.POSITIVE_INFINITY;
        double bestAlpha = Double.NaN;
        double bestXmin = Double.NaN;
        int bestCount = 0;
        for (int k = 0; total - k >= minTail; k++) {
            if (k > 0 && x[k] == x[k - 1]) {
                continue; // same xmin as the previous candidate
            }
            int n = total - k;
            double xmin = x[k];
            double logSum = suffixLog[k] - n * Math.log(xmin);
            if (!(logSum > 0)) {
                continue; // all tail values equal: no exponent
            }
            double alpha = 1 + n / logSum;
            double d = 0;
            for (int i = 0; i < n; i++) {
                double model = 1 - Math.pow(x[k + i] / xmin, 1 - alpha);
                d = Math.max(d, Math.max((i + 1.0) / n - model, model - (double) i / n));
                if (d >= bestD) {
                    break; // cannot win any more
                }
            }
            if (d < bestD) {
                bestD = d;
                bestAlpha = alpha;
                bestXmin = xmin;
                bestCount = n;
            }
        }
        if (Double.isNaN(bestAlpha)) {
            return new PowerLawFit(Double.NaN, Double.NaN, Double.NaN, total);
        }
        return new PowerLawFit(bestAlpha, bestXmin, bestD, bestCount);
    }
}
