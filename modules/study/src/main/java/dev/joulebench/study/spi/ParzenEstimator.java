package dev.joulebench.study.spi;

import dev.joulebench.study.Distribution;
import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;

/**
 * One parameter's Parzen estimator, as Optuna's (univariate, {@code prior_weight} 1, magic clip on, endpoints
 * off): a mixture of one truncated normal kernel per observation plus a prior kernel at the middle of the range
 * with the range as its width; for a categorical, one smoothed one-hot row per observation plus a uniform prior.
 *
 * <p>Numbers live in the transformed space of {@link Bounds} (log for a log scale). A kernel's width is the
 * larger gap to its neighbours among the sorted observations and the bounds (the outermost use their inner
 * gap), clipped to {@code [range / min(100, 1 + kernels), range]}. A grid's density is the kernel's mass over
 * the cell {@code x ± step/2}, so TPE compares probabilities of grid points, not densities.
 */
final class ParzenEstimator {
    static final double PRIOR_WEIGHT = 1.0;

    private final double[] weights;
    private final Bounds bounds;
    private final TruncatedNormalDistribution[] kernels;
    private final double[][] table;

    /**
     * @param observations internal values of the trials this side of the split, in trial-number order
     * @param obsWeights   their weights (Optuna's ramp for the oldest when there are 25 or more)
     */
    ParzenEstimator(Distribution d, double[] observations, double[] obsWeights) {
        int n = observations.length;
        weights = new double[n + 1];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = obsWeights[i];
            sum += weights[i];
        }
        weights[n] = n == 0 ? 1.0 : PRIOR_WEIGHT;
        sum += weights[n];
        for (int i = 0; i <= n; i++) {
            weights[i] /= sum;
        }
        if (d instanceof Distribution.Choices c) {
            bounds = null;
            kernels = null;
            table = categorical(observations, c.choices().size());
        } else {
            bounds = Bounds.of(d);
            table = null;
            kernels = numeric(observations, bounds);
        }
    }

    private static double[][] categorical(double[] observations, int choices) {
        int kernels = observations.length + 1;
        double[][] t = new double[kernels][choices];
        for (int k = 0; k < kernels; k++) {
            java.util.Arrays.fill(t[k], PRIOR_WEIGHT / kernels);
            if (k < observations.length) {
                t[k][(int) observations[k]] += 1;
            }
            double row = 0;
            for (double v : t[k]) {
                row += v;
            }
            for (int c = 0; c < choices; c++) {
                t[k][c] /= row;
            }
        }
        return t;
    }

    private static TruncatedNormalDistribution[] numeric(double[] observations, Bounds b) {
        int n = observations.length;
        double[] mus = new double[n];
        for (int i = 0; i < n; i++) {
            mus[i] = b.transform(observations[i]);
        }
        double[] sigmas = sigmas(mus, b.low(), b.high());
        TruncatedNormalDistribution[] k = new TruncatedNormalDistribution[n + 1];
        for (int i = 0; i < n; i++) {
            k[i] = TruncatedNormalDistribution.of(mus[i], sigmas[i], b.low(), b.high());
        }
        k[n] = TruncatedNormalDistribution.of(0.5 * (b.low() + b.high()), b.high() - b.low(), b.low(), b.high());
        return k;
    }

    /** Optuna's kernel widths: the larger neighbour gap, inner gap at the ends, magic-clipped. */
    static double[] sigmas(double[] mus, double low, double high) {
        int n = mus.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(mus[x], mus[y]));
        double[] s = new double[n + 2];
        s[0] = low;
        for (int i = 0; i < n; i++) {
            s[i + 1] = mus[order[i]];
        }
        s[n + 1] = high;
        double[] sorted = new double[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = Math.max(s[i + 1] - s[i], s[i + 2] - s[i + 1]);
        }
        if (n >= 2) {
            sorted[0] = s[2] - s[1];
            sorted[n - 1] = s[n] - s[n - 1];
        }
        double max = high - low;
        double min = (high - low) / Math.min(100.0, 1.0 + (n + 1));
        double[] sigmas = new double[n];
        for (int i = 0; i < n; i++) {
            sigmas[order[i]] = Math.min(max, Math.max(min, sorted[i]));
        }
        return sigmas;
    }

    /** {@code size} internal values drawn from the mixture. */
    double[] sample(SplittableRandom rng, int size) {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            int k = pick(rng.nextDouble());
            if (table != null) {
                double u = rng.nextDouble();
                double cum = 0;
                int c = 0;
                for (; c < table[k].length - 1; c++) {
                    cum += table[k][c];
                    if (u < cum) {
                        break;
                    }
                }
                out[i] = c;
            } else {
                out[i] = bounds.untransform(kernels[k].inverseCumulativeProbability(rng.nextDouble()));
            }
        }
        return out;
    }

    /** The log density (log probability on a grid or for a choice) of an internal value under the mixture. */
    double logPdf(double x) {
        double[] terms = new double[weights.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < weights.length; k++) {
            double lp;
            if (table != null) {
                lp = Math.log(table[k][(int) x]);
            } else if (bounds.step() == 0) {
                lp = kernels[k].logDensity(bounds.transform(x));
            } else {
                double left = bounds.transform(x - bounds.step() / 2);
                double right = bounds.transform(x + bounds.step() / 2);
                lp = Math.log(kernels[k].probability(left, right));
            }
            terms[k] = lp + Math.log(weights[k]);
            max = Math.max(max, terms[k]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (double t : terms) {
            s += Math.exp(t - max);
        }
        return max + Math.log(s);
    }

    private int pick(double u) {
        double cum = 0;
        for (int k = 0; k < weights.length - 1; k++) {
            cum += weights[k];
            if (u < cum) {
                return k;
            }
        }
        return weights.length - 1;
    }
}
