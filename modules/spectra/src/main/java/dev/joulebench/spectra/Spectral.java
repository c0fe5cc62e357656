package dev.joulebench.spectra;

/** Scale-free summaries shared by weight and activation spectra. */
final class Spectral {
    private Spectral() {
    }

    /** Eigenvalues above {@code max * 1e-12}: the numerical rank (rounding leaves tiny non-zeros). */
    static int numericalRank(double[] eigenvalues) {
        double max = 0;
        for (double v : eigenvalues) {
            max = Math.max(max, v);
        }
        int rank = 0;
        for (double v : eigenvalues) {
            if (v > max * PowerLawFit.ZERO_TOL) {
                rank++;
            }
        }
        return rank;
    }

    /**
     * WeightWatcher's matrix entropy {@code -sum p ln p / ln(rank)}, {@code p = lambda / sum lambda}
     * ({@code lambda} = squared singular values): 1 for a flat spectrum, 0 for rank 1 (defined as 0
     * there, where {@code ln(rank) = 0}).
     */
    static double entropy(double[] eigenvalues) {
        int rank = numericalRank(eigenvalues);
        if (rank <= 1) {
            return 0.0;
        }
        double sum = 0;
        for (double v : eigenvalues) {
            sum += Math.max(0, v);
        }
        double h = 0;
        for (double v : eigenvalues) {
            if (v > 0) {
                double p = v / sum;
                h -= p * Math.log(p);
            }
        }
        return h / Math.log(rank);
    }
}
