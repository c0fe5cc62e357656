package dev.joulebench.compress.tensor;

/**
 * A dense row-major {@code rows x cols} float matrix. Weights follow the {@code y = x · W} convention:
 * rows are inputs, columns are outputs (a DJL Linear weight, stored (out, in), must be transposed).
 */
public record DenseMatrix(int rows, int cols, float[] values) {
    public DenseMatrix {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("a matrix needs at least one row and one column (got " + rows + "x" + cols + ")");
        }
        if (values == null || (long) rows * cols != values.length) {
            throw new IllegalArgumentException(rows + "x" + cols + " matrix needs " + (long) rows * cols
                    + " values (got " + (values == null ? "null" : values.length) + ")");
        }
    }

    public static DenseMatrix of(int rows, int cols, float[] values) {
        return new DenseMatrix(rows, cols, values);
    }

    public float get(int r, int c) {
        return values[r * cols + c];
    }

    /** Frobenius norm, accumulated in double. */
    public double frobeniusNorm() {
        return Math.sqrt(squaredNorm(values));
    }

    public DenseMatrix transpose() {
        float[] t = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = values[r * cols + c];
            }
        }
        return new DenseMatrix(cols, rows, t);
    }

    /** {@code ‖this − other‖_F / ‖this‖_F} (0 when both are zero), in double. */
    public double relativeDistance(DenseMatrix other) {
        if (other.rows != rows || other.cols != cols) {
            throw new IllegalArgumentException("cannot compare a " + rows + "x" + cols + " matrix with a "
                    + other.rows + "x" + other.cols + " one");
        }
        double diff = 0;
        for (int i = 0; i < values.length; i++) {
            double d = (double) values[i] - other.values[i];
            diff += d * d;
        }
        double norm = squaredNorm(values);
        return norm == 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
    }

    static double squaredNorm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return s;
    }
}
