package dev.joulebench.compress;

import dev.joulebench.compress.tensor.DenseMatrix;
import dev.joulebench.compress.tensor.Int8Quantizer;
import dev.joulebench.compress.tensor.LowRank;
import dev.joulebench.compress.tensor.LowRankFactors;
import dev.joulebench.compress.tensor.MagnitudePruning;
import dev.joulebench.compress.tensor.Mpo;
import dev.joulebench.compress.tensor.MpoDecomposition;
import dev.joulebench.compress.tensor.MpoShape;
import dev.joulebench.compress.tensor.PrunedMatrix;
import dev.joulebench.compress.tensor.QuantizedMatrix;
import dev.joulebench.compress.tensor.Truncation;
import dev.joulebench.compress.tensor.TtSvd;
import dev.joulebench.core.BadInputException;
import java.util.Arrays;

/** Compresses one dense weight (rows = inputs) with one method and says what it cost and saved. */
public final class LayerCompressor {
    /**
     * How far to compress one layer; the first that is set decides (chi / eps / budget).
     *
     * @param chi             MPO bond or low-rank rank
     * @param eps             relative Frobenius error bound
     * @param maxWeightParams weight parameters this layer may keep (also the kept count for prune)
     * @param sites           MPO cores per layer
     */
    public record Setting(Integer chi, Double eps, Long maxWeightParams, int sites) {}

    public record Result(Replacement replacement, LayerReport report) {}

    private LayerCompressor() {}

    public static Result compress(String layer, DenseMatrix w, String method, Setting s) {
        long dense = (long) w.rows() * w.cols();
        return switch (method) {
            case "mpo", "mpo+int8" -> mpo(layer, w, method, s, dense);
            case "lowrank" -> lowRank(layer, w, s, dense);
            case "prune" -> prune(layer, w, s, dense);
            case "int8" -> {
                QuantizedMatrix q = Int8Quantizer.quantize(w);
                DenseMatrix back = q.dequantize();
                yield new Result(new Replacement.Dense(back, null), new LayerReport(layer, w.rows(), w.cols(), method,
                        null, null, null, null, null, null, dense, dense, 4 * dense, q.storageBytes(), dense, dense,
                        relativeError(w, back)));
            }
            default -> throw new BadInputException("Unknown compression method '" + method + "'");
        };
    }

    private static Result mpo(String layer, DenseMatrix w, String method, Setting s, long dense) {
        MpoShape shape = MpoShape.balanced(w.rows(), w.cols(), s.sites());
        Truncation t;
        if (s.chi() != null) {
            t = s.eps() != null ? new Truncation(s.chi(), s.eps()) : Truncation.bond(s.chi());
        } else if (s.eps() != null) {
            t = Truncation.error(s.eps());
        } else {
            t = Truncation.bond(Math.max(1, TtSvd.bondForParameterBudget(shape, s.maxWeightParams())));
        }
        MpoDecomposition d = TtSvd.decompose(w, shape, t);
        Mpo mpo = d.mpo();
        int[] bonds = mpo.bonds();
        int chi = Arrays.stream(bonds).max().orElse(1);
        long macs = new MpoLinear(shape.rowFactors(), shape.colFactors(), bonds).multiplyAccumulates(1);
        if (method.equals("mpo")) {
            return new Result(new Replacement.MpoCores(mpo), new LayerReport(layer, w.rows(), w.cols(), method, chi, null,
                    null, shape.rowFactors(), shape.colFactors(), bonds, dense, mpo.parameterCount(), 4 * dense,
                    4 * mpo.parameterCount(), dense, macs, d.relativeError()));
        }
        Mpo rounded = Int8Quantizer.quantizeCores(mpo);
        return new Result(new Replacement.MpoCores(rounded), new LayerReport(layer, w.rows(), w.cols(), method, chi, null,
                null, shape.rowFactors(), shape.colFactors(), bonds, dense, rounded.parameterCount(), 4 * dense,
                Int8Quantizer.quantizedCoreBytes(mpo), dense, macs, relativeError(w, rounded.toDense())));
    }

    private static Result lowRank(String layer, DenseMatrix w, Setting s, long dense) {
        int full = Math.min(w.rows(), w.cols());
        LowRankFactors f;
        if (s.chi() != null) {
            // with --eps too, as for MPO: the rank is at most χ and otherwise as small as ε allows
            int rank = Math.min(full, s.chi());
            if (s.eps() != null) {
                rank = Math.min(rank, rankForError(LowRank.truncate(w, full).singularValues(), s.eps()));
            }
            f = LowRank.truncate(w, rank);
        } else if (s.eps() != null) {
            f = LowRank.truncate(w, rankForError(LowRank.truncate(w, full).singularValues(), s.eps()));
        } else {
            f = LowRank.truncate(w, Math.max(1, LowRank.rankForParameterBudget(w.rows(), w.cols(), s.maxWeightParams())));
        }
        int r = f.left().cols();
        return new Result(new Replacement.Factors(f), new LayerReport(layer, w.rows(), w.cols(), "lowrank", null, r, null,
                null, null, null, dense, f.parameterCount(), 4 * dense, 4 * f.parameterCount(), dense,
                (long) r * (w.rows() + w.cols()), f.relativeError()));
    }

    /** Smallest rank whose discarded singular values have norm at most eps·‖W‖_F (Eckart–Young). */
    static int rankForError(double[] singularValues, double eps) {
        double total = 0;
        for (double v : singularValues) {
            total += v * v;
        }
        double tail = 0;
        int r = singularValues.length;
        while (r > 1) {
            double next = tail + singularValues[r - 1] * singularValues[r - 1];
            if (next > eps * eps * total) {
                break;
            }
            tail = next;
            r--;
        }
        return r;
    }

    private static Result prune(String layer, DenseMatrix w, Setting s, long dense) {
        if (s.maxWeightParams() == null) {
            throw new BadInputException("--method prune needs --target-params (the weights to keep, a count or a "
                    + "fraction such as 0.2)");
        }
        double keep = Math.min(1.0, (double) s.maxWeightParams() / dense);
        PrunedMatrix p = MagnitudePruning.keep(w, keep);
        DenseMatrix back = p.toDense();
        float[] mask = new float[back.values().length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = back.values()[i] != 0f ? 1f : 0f;
        }
        return new Result(new Replacement.Dense(back, mask), new LayerReport(layer, w.rows(), w.cols(), "prune", null,
                null, (double) p.nonZeros() / dense, null, null, null, dense, p.nonZeros(), 4 * dense, p.storageBytes(),
                dense, dense, relativeError(w, back)));
    }

    static double relativeError(DenseMatrix exact, DenseMatrix approx) {
        double diff = 0;
        double norm = 0;
        float[] a = exact.values();
        float[] b = approx.values();
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            diff += d * d;
            norm += (double) a[i] * a[i];
        }
        return norm == 0 ? 0 : Math.sqrt(diff / norm);
    }
}
