package dev.joulebench.spectra;

import java.util.Arrays;

/**
 * A Marchenko-Pastur bulk fitted to a covariance spectrum by least squares between its histogram and the
 * MP density, the way RMT-KD (Ettori et al. 2025) finds the noise level of a layer's activations.
 *
 * <p>The eigenvalues are those of {@code S = X^T X / samples} for {@code features} features, so pure noise
 * of variance {@code sigma2} gives MP with ratio {@code q = features / samples}. {@code q} may exceed 1:
 * then {@code S} has {@code features - samples} structural zeros, and its {@code samples} non-zero
 * eigenvalues are those of the companion {@code X X^T / samples}, distributed as {@code q * MP(sigma2, 1/q)};
 * the edges are {@code sigma2 (1 +- sqrt q)^2} in both cases ({@link #density} and {@link #cdf} are the law of
 * the non-zero eigenvalues for any {@code q > 0}). Only the {@code min(features, samples)} largest
 * eigenvalues are fitted.
 *
 * <p>Fit: {@code sigma2} starts at the {@code quantile} of those eigenvalues. The histogram has fixed bins
 * over {@code [lambda-(s0)/2, 2 lambda+(s0)]} ({@code s0} the start), normalised as a density over all fitted
 * eigenvalues (outliers beyond the range count in the total, not in a bin). For a candidate {@code sigma2}
 * the model of bin {@code b} is {@code w * f_b}: {@code f_b} the MP probability of the bin divided by its
 * width (exact, from the CDF, so the square-root edges and the pole at 0 when {@code q = 1} are integrated,
 * not sampled), {@code w in [0, 1]} the bulk's share of the eigenvalues (the rest are outliers), chosen by
 * linear least squares. {@code sigma2} minimises the summed squared residual over all bins (bins outside
 * {@code [lambda-, lambda+]} compare the histogram with 0, so the bulk cannot shrink away from its
 * eigenvalues): a log-spaced grid over {@code [s0/4, 4 s0]}, then golden-section search around the best grid
 * point.
 *
 * @param quantile         the quantile {@code sigma2} started from
 * @param sigma2Initial    that quantile of the fitted eigenvalues
 * @param sigma2           the fitted noise variance
 * @param ratio            {@code q = features / samples}
 * @param lambdaMinus      {@code sigma2 (1 - sqrt q)^2}
 * @param lambdaPlus       {@code sigma2 (1 + sqrt q)^2}: eigenvalues above it are outliers (signal)
 * @param bulkWeight       the fitted share {@code w} of eigenvalues in the bulk
 * @param residual         root mean squared residual over the bins at the optimum, in density units
 * @param binEdges         the fixed bins, {@code bins + 1} ascending edges
 * @param histogram        the histogram density of each bin
 * @param atSearchBound    the optimum lies at an end of {@code [s0/4, 4 s0]} (the spectrum is far from MP)
 */
public record MpBulkFit(double quantile, double sigma2Initial, double sigma2, double ratio, double lambdaMinus,
                        double lambdaPlus, double bulkWeight, double residual, double[] binEdges, double[] histogram,
                        boolean atSearchBound) {
    /** Log-spaced grid points of the first search. */
    static final int GRID = 160;
    /** The search spans {@code sigma2} from the start divided by this to the start times this. */
    static final double SEARCH_FACTOR = 4.0;
    private static final int GOLDEN_STEPS = 60;

    /** Bins used for {@code count} eigenvalues: {@code clamp(round(1.5 sqrt(count)), 10, 80)}. */
    public static int defaultBins(int count) {
        return (int) Math.max(10, Math.min(80, Math.round(1.5 * Math.sqrt(count))));
    }

    /** Fits with {@link #defaultBins} bins. */
    public static MpBulkFit fit(double[] eigenvalues, int features, int samples, double quantile) {
        int fitted = Math.min(features, samples);
        return fit(eigenvalues, features, samples, quantile, defaultBins(fitted));
    }

    /**
     * Fits the bulk of a covariance spectrum.
     *
     * @param eigenvalues eigenvalues of {@code X^T X / samples} in any order: at least the
     *                    {@code min(features, samples)} largest (more are allowed and ignored)
     * @param features    {@code d}, the covariance's size
     * @param samples     {@code n}, the samples (degrees of freedom) behind it
     * @param quantile    {@code tau} in (0, 1): where {@code sigma2} starts
     * @param bins        histogram bins, at least 3
     */
    public static MpBulkFit fit(double[] eigenvalues, int features, int samples, double quantile, int bins) {
        if (features < 2 || samples < 2) {
            throw new IllegalArgumentException("need at least 2 features and 2 samples, got " + features + " and "
                    + samples);
        }
        if (!(quantile > 0 && quantile < 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1), got " + quantile);
        }
        if (bins < 3) {
            throw new IllegalArgumentException("need at least 3 bins, got " + bins);
        }
        int fitted = Math.min(features, samples);
        if (eigenvalues.length < fitted) {
            throw new IllegalArgumentException(eigenvalues.length + " eigenvalues given; a " + features
                    + "-feature covariance of " + samples + " samples has " + fitted + " to fit");
        }
        double[] sorted = eigenvalues.clone();
        Arrays.sort(sorted);
        double[] top = Arrays.copyOfRange(sorted, sorted.length - fitted, sorted.length);
        for (double v : top) {
            if (!Double.isFinite(v)) {
                throw new SpectrumException("eigenvalues contain " + v);
            }
        }
        double ratio = (double) features / samples;
        double s0 = quantileOfSorted(top, quantile);
        if (!(s0 > 0)) {
            throw new SpectrumException("the " + quantile + " quantile of the spectrum is " + s0
                    + ": most directions carry no variance, so there is no noise bulk to fit");
        }
        double lo = 0.5 * edgeMinus(s0, ratio);
        double hi = 2 * edgePlus(s0, ratio);
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = lo + (hi - lo) * i / bins;
        }
        double width = (hi - lo) / bins;
        double[] h = new double[bins];
        for (double v : top) {
            if (v >= lo && v < hi) {
                h[Math.min(bins - 1, (int) ((v - lo) / width))] += 1;
            }
        }
        for (int b = 0; b < bins; b++) {
            h[b] /= top.length * width;
        }
        Objective objective = new Objective(edges, h, ratio);

        double a = s0 / SEARCH_FACTOR;
        double logSpan = Math.log(SEARCH_FACTOR * SEARCH_FACTOR);
        int best = 0;
        double bestValue = Double.POSITIVE_INFINITY;
        double[] grid = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            grid[i] = a * Math.exp(logSpan * i / (GRID - 1));
            double v = objective.residual(grid[i]);
            if (v < bestValue) {
                bestValue = v;
                best = i;
            }
        }
        double left = grid[Math.max(0, best - 1)];
        double right = grid[Math.min(GRID - 1, best + 1)];
        double sigma2 = golden(objective, left, right);
        if (objective.residual(sigma2) > bestValue) {
            sigma2 = grid[best];
        }
        double w = objective.weight(sigma2);
        double rms = Math.sqrt(objective.residual(sigma2) / bins);
        return new MpBulkFit(quantile, s0, sigma2, ratio, edgeMinus(sigma2, ratio), edgePlus(sigma2, ratio), w, rms,
                edges, h, best == 0 || best == GRID - 1);
    }

    /** Lower edge {@code sigma2 (1 - sqrt q)^2}, for any {@code q > 0}. */
    public static double edgeMinus(double sigma2, double ratio) {
        double s = 1 - Math.sqrt(ratio);
        return sigma2 * s * s;
    }

    /** Upper edge {@code sigma2 (1 + sqrt q)^2}, for any {@code q > 0}. */
    public static double edgePlus(double sigma2, double ratio) {
        double s = 1 + Math.sqrt(ratio);
        return sigma2 * s * s;
    }

    /**
     * Density of the non-zero eigenvalues of pure noise: {@link MarchenkoPastur#density} for {@code q <= 1},
     * {@code (1/q) f(x/q; sigma2, 1/q)} for {@code q > 1} (the companion matrix's law, scaled).
     */
    public static double density(double x, double sigma2, double ratio) {
        return ratio <= 1 ? MarchenkoPastur.density(x, sigma2, ratio)
                : MarchenkoPastur.density(x / ratio, sigma2, 1 / ratio) / ratio;
    }

    /** CDF of the non-zero eigenvalues of pure noise, for any {@code q > 0} (see {@link #density}). */
    public static double cdf(double x, double sigma2, double ratio) {
        return ratio <= 1 ? MarchenkoPastur.cdf(x, sigma2, ratio) : MarchenkoPastur.cdf(x / ratio, sigma2, 1 / ratio);
    }

    /** The fitted density scaled by the bulk share, at {@code points} cell midpoints of {@code [lambda-, lambda+]}. */
    public Curve curve(int points) {
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = lambdaMinus + (lambdaPlus - lambdaMinus) * (i + 0.5) / points;
            y[i] = bulkWeight * density(x[i], sigma2, ratio);
        }
        return new Curve(x, y);
    }

    /** Quantile by linear interpolation between order statistics (R's type 7) of ascending values. */
    static double quantileOfSorted(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    private static double golden(Objective f, double a, double b) {
        double phi = (Math.sqrt(5) - 1) / 2;
        double c = b - phi * (b - a);
        double d = a + phi * (b - a);
        double fc = f.residual(c);
        double fd = f.residual(d);
        for (int i = 0; i < GOLDEN_STEPS; i++) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - phi * (b - a);
                fc = f.residual(c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + phi * (b - a);
                fd = f.residual(d);
            }
        }
        return fc < fd ? c : d;
    }

    /** The summed squared residual of the histogram against the best-scaled MP bin densities. */
    private record Objective(double[] edges, double[] histogram, double ratio) {
        double[] model(double sigma2) {
            int bins = histogram.length;
            double[] f = new double[bins];
            double prev = cdf(edges[0], sigma2, ratio);
            for (int b = 0; b < bins; b++) {
                double next = cdf(edges[b + 1], sigma2, ratio);
                f[b] = (next - prev) / (edges[b + 1] - edges[b]);
                prev = next;
            }
            return f;
        }

        double weight(double sigma2) {
            return weight(model(sigma2));
        }

        double weight(double[] f) {
            double hf = 0;
            double ff = 0;
            for (int b = 0; b < f.length; b++) {
                hf += histogram[b] * f[b];
                ff += f[b] * f[b];
            }
            return ff > 0 ? Math.max(0, Math.min(1, hf / ff)) : 0;
        }

        double residual(double sigma2) {
            double[] f = model(sigma2);
            double w = weight(f);
            double sum = 0;
            for (int b = 0; b < f.length; b++) {
                double r = histogram[b] - w * f[b];
                sum += r * r;
            }
            return sum;
        }
    }
}
