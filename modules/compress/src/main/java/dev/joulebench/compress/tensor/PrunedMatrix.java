package dev.joulebench.compress.tensor;

/**
 * A sparse matrix in CSR form: row r's entries are {@code values[rowPointers[r] .. rowPointers[r+1])} at
 * columns {@code columnIndices[...]}.
 */
public record PrunedMatrix(int rows, int cols, int[] rowPointers, int[] columnIndices, float[] values) {
    public PrunedMatrix {
        if (rowPointers.length != rows + 1 || columnIndices.length != values.length
                || rowPointers[rows] != values.length) {
            throw new IllegalArgumentException("inconsistent CSR arrays for a " + rows + "x" + cols + " matrix");
        }
    }

    public long nonZeros() {
        return values.length;
    }

    /** Bytes per stored column index: int16 when every column fits in 0..65535, else int32. */
    public int columnIndexBytes() {
        return cols <= 65535 ? 2 : 4;
    }

    /**
     * What CSR storage really needs: {@code nnz·4} (float32 values) + {@code nnz·columnIndexBytes()} +
     * {@code (rows + 1)·4} (int32 row pointers).
     */
    public long storageBytes() {
        return nonZeros() * (4 + columnIndexBytes()) + 4L * (rows + 1);
    }

    /** Fraction of the dense matrix's entries kept. */
    public double density() {
        return (double) nonZeros() / ((double) rows * cols);
    }

    public DenseMatrix toDense() {
        float[] w = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int p = rowPointers[r]; p < rowPointers[r + 1]; p++) {
                w[r * cols + columnIndices[p]] = values[p];
            }
        }
        return new DenseMatrix(rows, cols, w);
    }
}
