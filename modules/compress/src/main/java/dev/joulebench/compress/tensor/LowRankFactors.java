package dev.joulebench.compress.tensor;

/**
 * A rank-r factorisation {@code W ≈ left · right}.
 *
 * @param left           rows x r with orthonormal columns (the left singular vectors)
 * @param right          r x cols, {@code Σ Vᵀ}: orthogonal rows whose norms are the singular values
 * @param singularValues the r kept singular values, descending
 * @param relativeError  {@code ‖W − left·right‖_F / ‖W‖_F}, exact (Eckart–Young: the root of the discarded σ²)
 */
public record LowRankFactors(DenseMatrix left, DenseMatrix right, double[] singularValues, double relativeError) {
    public LowRankFactors {
        if (left.cols() != right.rows()) {
            throw new IllegalArgumentException("left is " + left.rows() + "x" + left.cols() + " but right is "
                    + right.rows() + "x" + right.cols());
        }
    }

    public int rank() {
        return left.cols();
    }

    /** {@code r·(rows + cols)}. */
    public long parameterCount() {
        return (long) left.values().length + right.values().length;
    }

    public DenseMatrix toDense() {
        int rows = left.rows();
        int cols = right.cols();
        int r = rank();
        float[] w = new float[rows * cols];
        double[] acc = new double[cols];
        for (int i = 0; i < rows; i++) {
            java.util.Arrays.fill(acc, 0);
            for (int k = 0; k < r; k++) {
                double l = left.values()[i * r + k];
                int base = k * cols;
                for (int j = 0; j < cols; j++) {
                    acc[j] += l * right.values()[base + j];
                }
            }
            for (int j = 0; j < cols; j++) {
                w[i * cols + j] = (float) acc[j];
            }
        }
        return new DenseMatrix(rows, cols, w);
    }
}
