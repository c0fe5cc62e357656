package dev.joulebench.compress.tensor;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * TT-SVD (Oseledets 2011) of a weight matrix into an {@link Mpo}: the matrix is reshaped to the interleaved
 * tensor {@code T[i_1, j_1, …, i_d, j_d]} (see {@link MpoShape}) and split site by site with truncated SVDs
 * of the unfoldings {@code (a_{k−1} i_k j_k) x (i_{k+1} j_{k+1} …)}; the left factor becomes core k, the
 * remainder {@code Uᵀ C} is carried to the next step (a free row-major reshape).
 *
 * <p>Truncation: a bond cap χ and/or a relative error ε. With ε every step may discard at most
 * {@code ε²‖W‖²/(d−1)} (per-step tolerance {@code ε/√(d−1)·‖W‖_F}), so {@code ‖W − Ŵ‖_F ≤ ε‖W‖_F}; ranks are
 * chosen by an exact method (QR + symmetric eigendecomposition of the small Gram matrix). With χ alone and
 * χ well below the unfolding's rank, a randomized range finder replaces the SVD (see {@code Linalg}); its
 * discarded norm is still computed exactly, so the reported error is the true one. All arithmetic is in
 * double; cores are stored as float.
 */
public final class TtSvd {
    private static final long SEED = 0x5EEDL;

    private TtSvd() {
    }

    public static MpoDecomposition decompose(DenseMatrix w, MpoShape shape, Truncation t) {
        if (w == null || shape == null || t == null) {
            throw new IllegalArgumentException("TT-SVD needs a matrix, a shape and a truncation");
        }
        if (shape.rows() != w.rows() || shape.cols() != w.cols()) {
            throw new IllegalArgumentException("MPO shape " + shape + " is for a " + shape.rows() + "x" + shape.cols()
                    + " matrix but W is " + w.rows() + "x" + w.cols() + "; the row factors must multiply to the row count"
                    + " and the column factors to the column count");
        }
        int d = shape.sites();
        double[] cur = interleave(w, shape);
        double norm2 = 0;
        for (double v : cur) {
            norm2 += v * v;
        }
        Double tol2 = t.relativeError() == null || d == 1 ? null
                : t.relativeError() * t.relativeError() * norm2 / (d - 1);
        List<MpoCore> cores = new ArrayList<>(d);
        double[] discarded = new double[d - 1];
        boolean toleranceMet = true;
        int bond = 1;
        for (int k = 0; k < d - 1; k++) {
            int m = bond * shape.siteDimension(k);
            int n = cur.length / m;
            int cap = Math.min(t.maxBond() == null ? Integer.MAX_VALUE : t.maxBond(), Math.min(m, n));
            Linalg.Split split = Linalg.truncate(DMatrixRMaj.wrap(m, n, cur), cap, tol2, SEED + k);
            int rank = split.rank();
            cores.add(new MpoCore(bond, shape.rowFactor(k), shape.colFactor(k), rank, toFloat(split.u().data, m * rank)));
            discarded[k] = split.discarded2();
            toleranceMet &= tol2 == null || split.discarded2() <= tol2 * (1 + 1e-12);
            cur = split.rest().data.length == rank * n ? split.rest().data : java.util.Arrays.copyOf(split.rest().data, rank * n);
            bond = rank;
        }
        cores.add(new MpoCore(bond, shape.rowFactor(d - 1), shape.colFactor(d - 1), 1, toFloat(cur, cur.length)));
        double totalDiscarded = 0;
        double[] perStep = new double[d - 1];
        for (int k = 0; k < d - 1; k++) {
            totalDiscarded += discarded[k];
            perStep[k] = norm2 == 0 ? 0 : Math.sqrt(discarded[k] / norm2);
        }
        double rel = norm2 == 0 ? 0 : Math.sqrt(totalDiscarded / norm2);
        double bound = t.relativeError() != null && toleranceMet ? t.relativeError() : rel;
        return new MpoDecomposition(new Mpo(shape, cores), rel, bound, perStep);
    }

    /**
     * Parameters of the MPO a χ-capped TT-SVD produces: {@code Σ_k r_{k−1} m_k n_k r_k} with
     * {@code r_k = min(χ, Π_{l≤k} m_l n_l, Π_{l>k} m_l n_l)} (bonds capped by the unfolding ranks), {@code r_0 = r_d = 1}.
     */
    public static long parameterCount(MpoShape shape, int chi) {
        if (chi < 1) {
            throw new IllegalArgumentException("bond dimension χ must be at least 1 (got " + chi + ")");
        }
        long total = 0;
        long left = 1;
        for (int k = 0; k < shape.sites(); k++) {
            long right = k == shape.sites() - 1 ? 1 : Math.min(chi, shape.maxBond(k));
            total += left * shape.siteDimension(k) * right;
            left = right;
        }
        return total;
    }

    /** Bonds of a χ-capped TT-SVD, {@code r_k = min(χ, Π_{l≤k} m_l n_l, Π_{l>k} m_l n_l)}. */
    public static int[] bonds(MpoShape shape, int chi) {
        if (chi < 1) {
            throw new IllegalArgumentException("bond dimension χ must be at least 1 (got " + chi + ")");
        }
        int[] b = new int[shape.sites() - 1];
        for (int k = 0; k < b.length; k++) {
            b[k] = (int) Math.min(chi, shape.maxBond(k));
        }
        return b;
    }

    /**
     * Largest uniform χ whose MPO has at most {@code maxParams} parameters (capped at the largest useful χ,
     * beyond which the count no longer grows).
     *
     * @throws IllegalArgumentException if even χ = 1 needs more than {@code maxParams}
     */
    public static int bondForParameterBudget(MpoShape shape, long maxParams) {
        long smallest = parameterCount(shape, 1);
        if (maxParams < smallest) {
            throw new IllegalArgumentException("a budget of " + maxParams + " parameters is below the smallest MPO of shape "
                    + shape + " (χ = 1 needs " + smallest + "); raise the budget or use fewer sites");
        }
        int hi = 1;
        for (int k = 0; k < shape.sites() - 1; k++) {
            hi = (int) Math.max(hi, shape.maxBond(k));
        }
        int lo = 1; // parameterCount(lo) <= maxParams holds
        while (lo < hi) {
            int mid = lo + (hi - lo + 1) / 2;
            if (parameterCount(shape, mid) <= maxParams) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** W as the interleaved tensor {@code T[i_1, j_1, …, i_d, j_d]}, in double. */
    static double[] interleave(DenseMatrix w, MpoShape shape) {
        Mpo.Interleaving il = new Mpo.Interleaving(shape);
        double[] t = new double[w.values().length];
        int cols = w.cols();
        for (int i = 0; i < w.rows(); i++) {
            int ro = il.rowOffset(i);
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                t[ro + il.colOffset(j)] = w.values()[base + j];
            }
        }
        return t;
    }

    private static float[] toFloat(double[] v, int length) {
        float[] f = new float[length];
        for (int i = 0; i < length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
