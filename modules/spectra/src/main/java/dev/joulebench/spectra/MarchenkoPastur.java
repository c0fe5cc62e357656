package dev.joulebench.spectra;

import java.util.Arrays;

/**
 * The Marchenko-Pastur law for the eigenvalues of {@code W^T W / N}, {@code W} an {@code N x M}
 * matrix of i.i.d. entries with variance {@code sigma2}, ratio {@code c = M/N <= 1}:
 * density {@code sqrt((l+ - x)(x - l-)) / (2 pi sigma2 c x)} on {@code [l-, l+]},
 * {@code l+- = sigma2 (1 +- sqrt c)^2}, mean {@code sigma2}. Used as the null model of "no learned
 * structure": eigenvalues beyond its upper edge (spikes) carry information.
 */
public final class MarchenkoPastur {
    /**
     * Number of Tracy-Widom scale units above {@code lambda+} an eigenvalue must be to count as a
     * spike. The TW1 law has mean -1.21 and its 99.9% quantile near 3; 4 units leaves room for the
     * max of several pooled slices and for the error in the fitted {@code sigma2}, while still being
     * only a few percent of {@code lambda+} for N in the hundreds.
     */
    public static final double TW_UNITS = 4.0;

    private MarchenkoPastur() {
    }

    /** Upper bulk edge {@code sigma2 (1 + sqrt(ratio))^2}. */
    public static double lambdaPlus(double sigma2, double ratio) {
        double s = 1 + Math.sqrt(ratio);
        return sigma2 * s * s;
    }

    /** Lower bulk edge {@code sigma2 (1 - sqrt(ratio))^2}. */
    public static double lambdaMinus(double sigma2, double ratio) {
        double s = 1 - Math.sqrt(ratio);
        return sigma2 * s * s;
    }

    /** MP density at {@code x}; 0 outside {@code [lambda-, lambda+]}. */
    public static double density(double x, double sigma2, double ratio) {
        checkRatio(ratio);
        double lo = lambdaMinus(sigma2, ratio);
        double hi = lambdaPlus(sigma2, ratio);
        if (x <= lo || x >= hi || x <= 0) {
            return 0.0;
        }
        return Math.sqrt((hi - x) * (x - lo)) / (2 * Math.PI * sigma2 * ratio * x);
    }

    /**
     * MP cumulative distribution, in closed form. With {@code x = mid - r cos t} ({@code mid} the
     * centre and {@code r} the half-width of the support) the integral becomes
     * {@code r^2/(2 pi sigma2 c) * Int_0^t sin^2 u / (mid - r cos u) du}, which is elementary; this
     * avoids quadrature error at the square-root edges and at the {@code 1/x} pole when c = 1.
     */
    public static double cdf(double x, double sigma2, double ratio) {
        checkRatio(ratio);
        double lo = lambdaMinus(sigma2, ratio);
        double hi = lambdaPlus(sigma2, ratio);
        if (x <= lo) {
            return 0.0;
        }
        if (x >= hi) {
            return 1.0;
        }
        double mid = 0.5 * (hi + lo);
        double r = 0.5 * (hi - lo);
        double t = Math.acos(Math.max(-1, Math.min(1, (mid - x) / r)));
        // Int sin^2/(mid - r cos) = sin t / r + mid t / r^2 + (1 - mid^2/r^2) Int du/(mid - r cos u)
        double sum = Math.sin(t) / r + mid * t / (r * r);
        double diff = mid * mid - r * r; // = sigma2^2 (1 - c)^2
        if (diff > 0) {
            double root = Math.sqrt(diff);
            double j = 2 / root * Math.atan(Math.sqrt((mid + r) / (mid - r)) * Math.tan(t / 2));
            sum += (1 - mid * mid / (r * r)) * j;
        }
        double f = r * r / (2 * Math.PI * sigma2 * ratio) * sum;
        return Math.max(0.0, Math.min(1.0, f));
    }

    /**
     * Finite-size margin above {@code lambda+}: {@link #TW_UNITS} times the Tracy-Widom scale of the
     * largest eigenvalue of a white Wishart matrix (Johnstone 2001), which relative to
     * {@code lambda+} is {@code N^(-2/3) (1 + c^(-1/2))^(1/3) / (1 + sqrt c)}. Equivalently
     * {@code lambda+ * c_tw * N^(-2/3)} with {@code c_tw = 4 (1 + c^(-1/2))^(1/3) / (1 + sqrt c)}
     * (2.52 at c = 1, 3.83 at c = 1/4).
     */
    public static double margin(double lambdaPlus, int n, double ratio) {
        double scale = Math.pow(n, -2.0 / 3.0) * Math.cbrt(1 + 1 / Math.sqrt(ratio)) / (1 + Math.sqrt(ratio));
        return lambdaPlus * TW_UNITS * scale;
    }

    /**
     * Fits MP to an ESD of {@code W^T W / N} ({@code n x m}, {@code n >= m}). {@code sigma2} is the
     * mean of the bulk, because the MP mean is exactly {@code sigma2}; the bulk is found iteratively:
     * start with all eigenvalues, set {@code sigma2} = their mean, drop eigenvalues above
     * {@code lambda+ + margin}, repeat until nothing more is dropped. The mean, unlike a fit to the
     * edge, uses every bulk eigenvalue and so has tiny variance; removing spikes first keeps a few
     * large outliers from inflating it. The KS distance compares the bulk with MP(sigma2, m/n).
     */
    public static MpFit fit(double[] eigenvalues, int n, int m) {
        if (n < m || m < 1) {
            throw new IllegalArgumentException("need n >= m >= 1, got n=" + n + ", m=" + m);
        }
        if (eigenvalues.length == 0) {
            throw new SpectrumException("no eigenvalues to fit");
        }
        double ratio = (double) m / n;
        double[] sorted = eigenvalues.clone();
        Arrays.sort(sorted);
        int bulk = sorted.length;
        double[] prefix = new double[sorted.length + 1];
        for (int i = 0; i < sorted.length; i++) {
            prefix[i + 1] = prefix[i] + sorted[i];
        }
        double sigma2;
        double lp;
        double margin;
        while (true) {
            sigma2 = prefix[bulk] / bulk;
            lp = lambdaPlus(sigma2, ratio);
            margin = margin(lp, n, ratio);
            int keep = bulk;
            while (keep > 1 && sorted[keep - 1] > lp + margin) {
                keep--;
            }
            if (keep == bulk) {
                break;
            }
            bulk = keep;
        }
        double[] spikes = Arrays.copyOfRange(sorted, bulk, sorted.length);
        double ks = ks(Arrays.copyOf(sorted, bulk), sigma2, ratio);
        return new MpFit(sigma2, ratio, lambdaMinus(sigma2, ratio), lp, margin, ks, spikes.length, spikes);
    }

    /** Two-sided KS distance between sorted samples and MP(sigma2, ratio). */
    static double ks(double[] sortedSamples, double sigma2, double ratio) {
        int k = sortedSamples.length;
        double d = 0;
        for (int i = 0; i < k; i++) {
            double f = cdf(sortedSamples[i], sigma2, ratio);
            d = Math.max(d, Math.max((i + 1.0) / k - f, f - (double) i / k));
        }
        return d;
    }

    /** MP density sampled at {@code points} cell midpoints of {@code [lambda-, lambda+]} (midpoints avoid the pole at 0 when c = 1). */
    public static Curve curve(double sigma2, double ratio, int points) {
        double lo = lambdaMinus(sigma2, ratio);
        double hi = lambdaPlus(sigma2, ratio);
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = lo + (hi - lo) * (i + 0.5) / points;
            y[i] = density(x[i], sigma2, ratio);
        }
        return new Curve(x, y);
    }

    private static void checkRatio(double ratio) {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("MP ratio must be in (0, 1], got " + ratio);
        }
    }
}
