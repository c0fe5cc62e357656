package dev.joulebench.compress.tensor;

import java.util.Arrays;

/** Unstructured magnitude pruning: keep the k entries of largest |w|, store them as CSR. */
public final class MagnitudePruning {
    private MagnitudePruning() {
    }

    /**
     * Keeps {@code k = max(1, round(keepFraction · rows · cols))} entries of largest magnitude (ties broken by
     * position, earlier first, so exactly k are kept).
     */
    public static PrunedMatrix keep(DenseMatrix w, double keepFraction) {
        if (!(keepFraction > 0 && keepFraction <= 1)) {
            throw new IllegalArgumentException("keep fraction must be in (0, 1], e.g. 0.2 to keep 20% of the weights (got "
                    + keepFraction + ")");
        }
        long k = Math.max(1, Math.round(keepFraction * w.values().length));
        return keepLargest(w, k);
    }

    /** Keeps exactly {@code k} entries (1 ≤ k ≤ rows·cols) of largest magnitude. */
    public static PrunedMatrix keepLargest(DenseMatrix w, long k) {
        float[] v = w.values();
        if (k < 1 || k > v.length) {
            throw new IllegalArgumentException("number of kept weights must be between 1 and " + v.length + " (got " + k + ")");
        }
        float[] mags = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            mags[i] = Math.abs(v[i]);
        }
        Arrays.sort(mags);
        float threshold = mags[v.length - (int) k];
        long above = 0;
        for (float x : v) {
            if (Math.abs(x) > threshold) {
                above++;
            }
        }
        long tiesToKeep = k - above;
        int[] rowPointers = new int[w.rows() + 1];
        int[] columns = new int[(int) k];
        float[] values = new float[(int) k];
        int n = 0;
        for (int r = 0; r < w.rows(); r++) {
            for (int c = 0; c < w.cols(); c++) {
                float x = v[r * w.cols() + c];
                float a = Math.abs(x);
                boolean keep = a > threshold;
                if (!keep && a == threshold && tiesToKeep > 0) {
                    keep = true;
                    tiesToKeep--;
                }
                if (keep) {
                    columns[n] = c;
                    values[n] = x;
                    n++;
                }
            }
            rowPointers[r + 1] = n;
        }
        return new PrunedMatrix(w.rows(), w.cols(), rowPointers, columns, values);
    }
}
