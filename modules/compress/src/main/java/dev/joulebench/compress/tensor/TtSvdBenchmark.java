package dev.joulebench.compress.tensor;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * Timing of {@link TtSvd#decompose} on seeded N x N matrices, for comparison with bench/ttsvd_numpy.py (same
 * shape factorisation, same matrix recipes). Not a test: the timings depend on the machine.
 */
public final class TtSvdBenchmark {
    /** Matrix recipes shared with the numpy script. */
    public enum Recipe {
        /** standard normal entries (flat singular values: the hardest case for a randomized range finder) */
        GAUSSIAN,
        /** {@code G1 (N x N/4) · G2 (N/4 x N) / √(N/4)}: a product of Gaussians, decaying singular values */
        DECAYING;

        public static Recipe parse(String name) {
            for (Recipe r : values()) {
                if (r.name().equalsIgnoreCase(name)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("matrix recipe must be gaussian or decaying (got '" + name + "')");
        }
    }

    /**
     * @param seconds                each timed run, in order
     * @param relativeError          the error TT-SVD reported
     * @param reconstructedError     {@code ‖W − toDense()‖_F / ‖W‖_F} measured after timing, as a check
     */
    public record Result(int size, Recipe recipe, MpoShape shape, int chi, double[] seconds, double relativeError,
                         double reconstructedError, int[] bonds, long parameters) {
        public double medianSeconds() {
            double[] s = seconds.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        public double minSeconds() {
            return Arrays.stream(seconds).min().orElse(Double.NaN);
        }

        public double maxSeconds() {
            return Arrays.stream(seconds).max().orElse(Double.NaN);
        }

        public String describe() {
            return String.format(Locale.ROOT, "joulebench TT-SVD %s %dx%d shape %s chi %d: median %.3f s (min %.3f, max %.3f),"
                            + " relative error %.6f (reconstructed %.6f), bonds %s, %d parameters",
                    recipe.name().toLowerCase(Locale.ROOT), size, size, shape, chi, medianSeconds(), minSeconds(), maxSeconds(),
                    relativeError, reconstructedError, Arrays.toString(bonds), parameters);
        }
    }

    private TtSvdBenchmark() {
    }

    public static DenseMatrix matrix(Recipe recipe, int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("matrix size must be positive (got " + n + ")");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        if (recipe == Recipe.GAUSSIAN) {
            float[] v = new float[n * n];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) Linalg.gaussian(rnd);
            }
            return new DenseMatrix(n, n, v);
        }
        int inner = Math.max(1, n / 4);
        DMatrixRMaj a = new DMatrixRMaj(n, inner);
        DMatrixRMaj b = new DMatrixRMaj(inner, n);
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] = Linalg.gaussian(rnd);
        }
        for (int i = 0; i < b.data.length; i++) {
            b.data[i] = Linalg.gaussian(rnd);
        }
        DMatrixRMaj w = Linalg.mult(a, b);
        float[] v = new float[n * n];
        double s = 1 / Math.sqrt(inner);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (w.data[i] * s);
        }
        return new DenseMatrix(n, n, v);
    }

    /** One untimed warm-up, then {@code repeat} timed decompositions. */
    public static Result run(Recipe recipe, int n, int chi, int sites, int repeat, long seed) {
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1 (got " + repeat + ")");
        }
        DenseMatrix w = matrix(recipe, n, seed);
        MpoShape shape = MpoShape.balanced(n, n, sites);
        Truncation t = Truncation.bond(chi);
        TtSvd.decompose(w, shape, t);
        double[] seconds = new double[repeat];
        MpoDecomposition last = null;
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            last = TtSvd.decompose(w, shape, t);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
        }
        double reconstructed = w.relativeDistance(last.mpo().toDense());
        return new Result(n, recipe, shape, chi, seconds, last.relativeError(), reconstructed, last.mpo().bonds(),
                last.mpo().parameterCount());
    }

    /** {@code java -cp … TtSvdBenchmark [gaussian|decaying] size[,size…] chi sites repeat}. */
    public static void main(String[] args) {
        Recipe recipe = Recipe.parse(args.length > 0 ? args[0] : "gaussian");
        String sizes = args.length > 1 ? args[1] : "1024,2048,4096";
        int chi = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int sites = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int repeat = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        for (String s : sizes.split(",")) {
            System.out.println(run(recipe, Integer.parseInt(s.trim()), chi, sites, repeat, 42).describe());
        }
    }
}
