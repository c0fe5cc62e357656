package dev.joulebench.compress.tensor;

import java.util.List;

/**
 * A matrix product operator: a {@code rows x cols} weight {@code W} (for {@code y = x · W}) as a chain of
 * cores, {@code W[i, j] = Σ_{a} C_1[1][i_1][j_1][a_1] C_2[a_1][i_2][j_2][a_2] ⋯ C_d[a_{d−1}][i_d][j_d][1]}
 * with the index convention of {@link MpoShape} (mixed radix, {@code i_1} and {@code j_1} slowest).
 */
public record Mpo(MpoShape shape, List<MpoCore> cores) {
    public Mpo {
        if (shape == null || cores == null) {
            throw new IllegalArgumentException("an MPO needs a shape and cores");
        }
        cores = List.copyOf(cores);
        if (cores.size() != shape.sites()) {
            throw new IllegalArgumentException("shape " + shape + " has " + shape.sites() + " sites but " + cores.size()
                    + " cores were given");
        }
        for (int k = 0; k < cores.size(); k++) {
            MpoCore c = cores.get(k);
            if (c.rowDim() != shape.rowFactor(k) || c.colDim() != shape.colFactor(k)) {
                throw new IllegalArgumentException("core " + k + " has physical dimensions " + c.rowDim() + "x" + c.colDim()
                        + " but the shape " + shape + " needs " + shape.rowFactor(k) + "x" + shape.colFactor(k));
            }
            int expectedLeft = k == 0 ? 1 : cores.get(k - 1).right();
            if (c.left() != expectedLeft) {
                throw new IllegalArgumentException("core " + k + " has left bond " + c.left() + " but "
                        + (k == 0 ? "the first core's left bond must be 1" : "core " + (k - 1) + "'s right bond is " + expectedLeft));
            }
        }
        if (cores.get(cores.size() - 1).right() != 1) {
            throw new IllegalArgumentException("the last core's right bond must be 1 (got " + cores.get(cores.size() - 1).right() + ")");
        }
    }

    public int rows() {
        return shape.rows();
    }

    public int cols() {
        return shape.cols();
    }

    /** Sum of the cores' sizes. */
    public long parameterCount() {
        long n = 0;
        for (MpoCore c : cores) {
            n += c.size();
        }
        return n;
    }

    /** Parameters of the dense matrix, {@code rows·cols}. */
    public static long denseParameterCount(int rows, int cols) {
        return (long) rows * cols;
    }

    /** The d−1 internal bond dimensions, {@code bonds()[k]} between core k and k+1. */
    public int[] bonds() {
        int[] b = new int[cores.size() - 1];
        for (int k = 0; k < b.length; k++) {
            b[k] = cores.get(k).right();
        }
        return b;
    }

    /** Largest internal bond (1 for a single site). */
    public int maxBond() {
        int m = 1;
        for (int b : bonds()) {
            m = Math.max(m, b);
        }
        return m;
    }

    /** The dense matrix the MPO represents (contracted in double, then rounded to float). */
    public DenseMatrix toDense() {
        // D holds the contraction of cores 1..k as a (Π_{l≤k} m_l n_l) x r_k matrix in interleaved order.
        double[] d = {1.0};
        int prefix = 1;
        int bond = 1;
        for (MpoCore c : cores) {
            int phys = c.rowDim() * c.colDim();
            int right = c.right();
            double[] next = new double[prefix * phys * right];
            for (int p = 0; p < prefix; p++) {
                for (int a = 0; a < bond; a++) {
                    double da = d[p * bond + a];
                    if (da == 0) {
                        continue;
                    }
                    int coreBase = a * phys * right;
                    int outBase = p * phys * right;
                    for (int t = 0; t < phys * right; t++) {
                        next[outBase + t] += da * c.values()[coreBase + t];
                    }
                }
            }
            d = next;
            prefix *= phys;
            bond = right;
        }
        Interleaving il = new Interleaving(shape);
        float[] w = new float[rows() * cols()];
        for (int i = 0; i < rows(); i++) {
            int ro = il.rowOffset(i);
            for (int j = 0; j < cols(); j++) {
                w[i * cols() + j] = (float) d[ro + il.colOffset(j)];
            }
        }
        return new DenseMatrix(rows(), cols(), w);
    }

    /**
     * {@code x · W} for {@code x} of shape {@code batch x rows} (row-major), never forming {@code W}. The cores
     * are contracted left to right: before core k the state is {@code S[b, j_1..j_{k−1}][a_{k−1}][i_k][i_{k+1}..i_d]};
     * core k sums over {@code (a_{k−1}, i_k)} and leaves {@code S[b, j_1..j_k][a_k][i_{k+1}..i_d]}.
     */
    public float[] apply(float[] x, int batch) {
        if (batch < 1 || x == null || (long) batch * rows() != x.length) {
            throw new IllegalArgumentException("input must be batch x " + rows() + " = " + (long) Math.max(batch, 0) * rows()
                    + " values for batch " + batch + " (got " + (x == null ? "null" : x.length) + ")");
        }
        float[] state = x;
        long outer = batch; // b and the j digits produced so far
        int bond = 1;
        int tail = rows(); // Π_{l≥k} m_l: i digits not yet consumed
        for (MpoCore c : cores) {
            int m = c.rowDim();
            int n = c.colDim();
            int right = c.right();
            tail /= m;
            int inner = bond * m; // contracted (a, i_k)
            int produced = n * right; // (j_k, a_k)
            float[] next = new float[Math.toIntExact(outer * produced * tail)];
            float[] k = c.values();
            for (long p = 0; p < outer; p++) {
                int sBase = (int) (p * inner * tail);
                int oBase = (int) (p * produced * tail);
                if (tail >= 8) {
                    // out[c][q] += K[a][c] · S[a][q], unit stride over q
                    for (int a = 0; a < inner; a++) {
                        int sRow = sBase + a * tail;
                        for (int col = 0; col < produced; col++) {
                            float kv = k[a * produced + col];
                            if (kv == 0f) {
                                continue;
                            }
                            int oRow = oBase + col * tail;
                            for (int q = 0; q < tail; q++) {
                                next[oRow + q] += kv * state[sRow + q];
                            }
                        }
                    }
                } else {
                    // short tail: unit stride over the core's (j_k, a_k) instead
                    for (int a = 0; a < inner; a++) {
                        int kRow = a * produced;
                        for (int q = 0; q < tail; q++) {
                            float sv = state[sBase + a * tail + q];
                            if (sv == 0f) {
                                continue;
                            }
                            for (int col = 0; col < produced; col++) {
                                next[oBase + col * tail + q] += sv * k[kRow + col];
                            }
                        }
                    }
                }
            }
            state = next;
            outer *= n;
            bond = right;
        }
        return state;
    }

    /**
     * Multiply-accumulates of {@link #apply} for {@code batch} rows: core k costs
     * {@code batch · Π_{l<k} n_l · Π_{l>k} m_l · (a_{k−1} m_k) · (n_k a_k)}.
     */
    public long multiplyAccumulates(int batch) {
        long total = 0;
        long outer = batch;
        long tail = rows();
        int bond = 1;
        for (MpoCore c : cores) {
            tail /= c.rowDim();
            total += outer * tail * ((long) bond * c.rowDim()) * ((long) c.colDim() * c.right());
            outer *= c.colDim();
            bond = c.right();
        }
        return total;
    }

    /** Position of {@code W[i, j]} in the interleaved tensor is {@code rowOffset(i) + colOffset(j)}. */
    static final class Interleaving {
        private final int[] rowOffsets;
        private final int[] colOffsets;

        Interleaving(MpoShape shape) {
            int d = shape.sites();
            long[] stride = new long[d]; // stride of the site index (i_k, j_k) in the interleaved tensor
            long s = 1;
            for (int k = d - 1; k >= 0; k--) {
                stride[k] = s;
                s *= shape.siteDimension(k);
            }
            rowOffsets = new int[shape.rows()];
            colOffsets = new int[shape.cols()];
            for (int i = 0; i < rowOffsets.length; i++) {
                long off = 0;
                int rest = i;
                for (int k = d - 1; k >= 0; k--) {
                    int digit = rest % shape.rowFactor(k);
                    rest /= shape.rowFactor(k);
                    off += (long) digit * shape.colFactor(k) * stride[k];
                }
                rowOffsets[i] = Math.toIntExact(off);
            }
            for (int j = 0; j < colOffsets.length; j++) {
                long off = 0;
                int rest = j;
                for (int k = d - 1; k >= 0; k--) {
                    int digit = rest % shape.colFactor(k);
                    rest /= shape.colFactor(k);
                    off += (long) digit * stride[k];
                }
                colOffsets[j] = Math.toIntExact(off);
            }
        }

        int rowOffset(int i) {
            return rowOffsets[i];
        }

        int colOffset(int j) {
            return colOffsets[j];
        }
    }
}
