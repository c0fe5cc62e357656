package dev.joulebench.app.panes.model;

/**
 * The Marchenko–Pastur law of a sample covariance with aspect ratio {@code gamma = features / dof}
 * and element variance {@code sigma2}, for any {@code gamma > 0}. For {@code gamma > 1} the law has
 * an atom of mass {@code 1 − 1/gamma} at zero; {@link #density} is its continuous part divided by
 * the continuous mass {@code min(1, 1/gamma)}, so it integrates to 1 and can be laid over a density
 * histogram of the non-zero eigenvalues. For {@code gamma <= 1} it equals the spectra module's
 * {@code MarchenkoPastur.density}.
 */
public record MpDensity(double sigma2, double gamma) {
    public MpDensity {
        if (!(sigma2 > 0) || !(gamma > 0) || !Double.isFinite(sigma2) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("MP needs sigma2 > 0 and gamma > 0, got " + sigma2 + ", " + gamma);
        }
    }

    public double lambdaPlus() {
        double s = 1 + Math.sqrt(gamma);
        return sigma2 * s * s;
    }

    public double lambdaMinus() {
        double s = 1 - Math.sqrt(gamma);
        return sigma2 * s * s;
    }

    /** Mass of the continuous part: 1 for gamma <= 1, else 1/gamma. */
    public double continuousMass() {
        return Math.min(1.0, 1.0 / gamma);
    }

    /** Density of the continuous part, normalised to integrate to 1. */
    public double density(double x) {
        double lo = lambdaMinus();
        double hi = lambdaPlus();
        if (x <= lo || x >= hi || x <= 0) {
            return 0.0;
        }
        return Math.sqrt((hi - x) * (x - lo)) / (2 * Math.PI * sigma2 * gamma * x) / continuousMass();
    }

    /** {@code points} samples at cell midpoints of [lambda-, lambda+] (midpoints avoid the pole at 0 when gamma = 1). */
    public Curve sample(int points) {
        double lo = lambdaMinus();
        double hi = lambdaPlus();
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = lo + (hi - lo) * (i + 0.5) / points;
            y[i] = density(x[i]);
        }
        return new Curve(x, y);
    }

    /** A sampled curve. */
    public record Curve(double[] x, double[] y) {}
}
