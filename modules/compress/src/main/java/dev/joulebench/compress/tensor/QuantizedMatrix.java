package dev.joulebench.compress.tensor;

/**
 * Symmetric per-output-channel (per column) int8: {@code w[r][c] ≈ values[r·cols + c] · scales[c]}, with
 * {@code scales[c] = max_r |w[r][c]| / 127} (0 for an all-zero column, whose codes are all 0).
 */
public record QuantizedMatrix(int rows, int cols, byte[] values, float[] scales) {
    public QuantizedMatrix {
        if ((long) rows * cols != values.length || scales.length != cols) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " quantized matrix needs " + (long) rows * cols
                    + " codes and " + cols + " scales (got " + values.length + " and " + scales.length + ")");
        }
    }

    /** One byte per weight plus one float32 scale per column. */
    public long storageBytes() {
        return values.length + 4L * scales.length;
    }

    public DenseMatrix dequantize() {
        float[] w = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                w[r * cols + c] = values[r * cols + c] * scales[c];
            }
        }
        return new DenseMatrix(rows, cols, w);
    }
}
