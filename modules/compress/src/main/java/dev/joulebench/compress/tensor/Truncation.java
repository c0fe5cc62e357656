package dev.joulebench.compress.tensor;

/**
 * How far a TT-SVD may truncate: a maximum bond dimension χ, a relative Frobenius error ε, or both
 * (null = no limit of that kind). With both, every bond is at most χ and otherwise as small as ε allows;
 * χ wins when the two disagree, so the ε bound is only guaranteed when χ did not bind.
 */
public record Truncation(Integer maxBond, Double relativeError) {
    public Truncation {
        if (maxBond != null && maxBond < 1) {
            throw new IllegalArgumentException("maximum bond dimension χ must be at least 1 (got " + maxBond + ")");
        }
        if (relativeError != null && !(relativeError > 0 && Double.isFinite(relativeError))) {
            throw new IllegalArgumentException("relative error ε must be a positive finite number, e.g. 0.05 (got "
                    + relativeError + ")");
        }
    }

    public static Truncation bond(int chi) {
        return new Truncation(chi, null);
    }

    public static Truncation error(double eps) {
        return new Truncation(null, eps);
    }

    /** Both limits; either may be null. */
    public static Truncation of(Integer chi, Double eps) {
        return new Truncation(chi, eps);
    }

    /** No truncation: the exact decomposition (bonds equal the unfolding ranks). */
    public static Truncation none() {
        return new Truncation(null, null);
    }
}
