package dev.joulebench.compress.tensor;

import org.ejml.data.DMatrixRMaj;

/**
 * Truncated-SVD low rank baseline. Always the exact method (QR + symmetric eigendecomposition of the small
 * Gram matrix, see {@code Linalg}), so the result is the Eckart–Young optimum and comparisons with MPO are fair.
 */
public final class LowRank {
    private LowRank() {
    }

    public static LowRankFactors truncate(DenseMatrix w, int rank) {
        int full = Math.min(w.rows(), w.cols());
        if (rank < 1 || rank > full) {
            throw new IllegalArgumentException("rank must be between 1 and min(rows, cols) = " + full + " for a "
                    + w.rows() + "x" + w.cols() + " matrix (got " + rank + ")");
        }
        double[] a = new double[w.values().length];
        double norm2 = 0;
        for (int i = 0; i < a.length; i++) {
            a[i] = w.values()[i];
            norm2 += a[i] * a[i];
        }
        // Always the rotated exact path (even at full rank): the rows of `rest` must be Σ Vᵀ for the singular values.
        Linalg.Split split = Linalg.exactSplit(DMatrixRMaj.wrap(w.rows(), w.cols(), a), rank);
        double[] sigma = new double[rank];
        double[] rowNorms = Linalg.rowSquaredNorms(split.rest());
        for (int k = 0; k < rank; k++) {
            sigma[k] = Math.sqrt(rowNorms[k]);
        }
        DenseMatrix left = new DenseMatrix(w.rows(), rank, toFloat(split.u().data, w.rows() * rank));
        DenseMatrix right = new DenseMatrix(rank, w.cols(), toFloat(split.rest().data, rank * w.cols()));
        double rel = norm2 == 0 ? 0 : Math.sqrt(split.discarded2() / norm2);
        return new LowRankFactors(left, right, sigma, rel);
    }

    /** Largest r with {@code r·(rows + cols) ≤ maxParams}, at most {@code min(rows, cols)}. */
    public static int rankForParameterBudget(int rows, int cols, long maxParams) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix dimensions must be positive (got " + rows + "x" + cols + ")");
        }
        long r = maxParams / ((long) rows + cols);
        if (r < 1) {
            throw new IllegalArgumentException("a budget of " + maxParams + " parameters is below rank 1 of a " + rows + "x"
                    + cols + " matrix (" + ((long) rows + cols) + " parameters)");
        }
        return (int) Math.min(r, Math.min(rows, cols));
    }

    private static float[] toFloat(double[] v, int length) {
        float[] f = new float[length];
        for (int i = 0; i < length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
