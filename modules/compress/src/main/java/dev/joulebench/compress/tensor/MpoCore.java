package dev.joulebench.compress.tensor;

/**
 * One MPO core: a 4-index tensor {@code [left][row k][col k][right]} stored row-major, i.e. element
 * {@code (a, i, j, b)} is {@code values[((a * rowDim + i) * colDim + j) * right + b]}. Viewed as a matrix
 * {@code (left·rowDim·colDim) x right}, the cores a TT-SVD writes (all but the last) have orthonormal columns.
 */
public record MpoCore(int left, int rowDim, int colDim, int right, float[] values) {
    public MpoCore {
        if (left < 1 || rowDim < 1 || colDim < 1 || right < 1) {
            throw new IllegalArgumentException("core dimensions must be positive (got [" + left + "][" + rowDim + "]["
                    + colDim + "][" + right + "])");
        }
        if (values == null || (long) left * rowDim * colDim * right != values.length) {
            throw new IllegalArgumentException("core [" + left + "][" + rowDim + "][" + colDim + "][" + right + "] needs "
                    + (long) left * rowDim * colDim * right + " values (got " + (values == null ? "null" : values.length) + ")");
        }
    }

    /** Number of parameters, {@code left·rowDim·colDim·right}. */
    public int size() {
        return values.length;
    }

    public float get(int a, int i, int j, int b) {
        return values[((a * rowDim + i) * colDim + j) * right + b];
    }
}
