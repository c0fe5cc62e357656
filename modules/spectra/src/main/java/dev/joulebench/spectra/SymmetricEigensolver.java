package dev.joulebench.spectra;

import java.util.List;

/**
 * Eigenvalues of a real symmetric matrix: the one numeric kernel every spectrum in this module
 * rests on (weight ESDs, conv slices, activation covariances). It is a service so that a faster
 * implementation (native LAPACK, a GPU solver) can replace the pure-Java EJML default just by being
 * on the classpath, without spectra depending on it.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} (list them in
 * {@code META-INF/services/dev.joulebench.spectra.SymmetricEigensolver}). {@link #get()} uses the
 * available one with the highest {@link #priority()}; the system property {@value #PROPERTY} picks one
 * by {@link #name()} instead. Spectra ships two: LAPACK's {@code dsyevd} ({@code "lapack"}, priority 10,
 * {@link dev.joulebench.spectra.spi.LapackEigensolver}), the default wherever the system's OpenBLAS or
 * {@code liblapack.so.3} loads, and EJML ({@code "ejml"}, priority 0), always there as the fallback.
 *
 * <p>Contract (checked for every implementation by testkit's {@code SymmetricEigensolverContract}):
 * the input is a row-major {@code n x n} array, {@code n >= 1}, with finite entries, symmetric to
 * within {@link #SYMMETRY_TOLERANCE} of its largest magnitude entry (float round-off passes, a
 * non-symmetric matrix does not); anything else is an {@link IllegalArgumentException} saying what is
 * wrong ({@link #requireSymmetric} does these checks). The input is not modified. The result holds
 * the {@code n} eigenvalues, ascending, with multiplicities; negative values are kept as computed.
 * One instance serves every caller (training, CLI and GUI threads at once), so it must be thread-safe.
 */
public interface SymmetricEigensolver {
    /** System property naming the solver {@link #get()} returns, e.g. {@code -Djoulebench.eigensolver=ejml}. */
    String PROPERTY = "joulebench.eigensolver";

    /** Largest accepted {@code |a_ij - a_ji|}, relative to the largest {@code |a_ij|}. */
    double SYMMETRY_TOLERANCE = 1e-6;

    /** Short, stable name used to select this solver ({@value #PROPERTY}) and in provenance. */
    String name();

    /** Higher wins when several solvers are available; the EJML default has 0. */
    default int priority() {
        return 0;
    }

    /**
     * Whether this solver can run here (a GPU solver without a GPU, a native one without its
     * library, answer false and are passed over). Called once, when the solvers are discovered.
     */
    default boolean isAvailable() {
        return true;
    }

    /**
     * The eigenvalues of the symmetric row-major {@code n x n} matrix {@code a}, ascending.
     *
     * @throws IllegalArgumentException if {@code a} is not a finite symmetric {@code n x n} matrix
     * @throws ArithmeticException      if the iteration does not converge
     */
    double[] eigenvalues(double[] a, int n);

    /** As {@link #eigenvalues(double[], int)} for float entries, computed in double precision. */
    default double[] eigenvalues(float[] a, int n) {
        if (a == null) {
            throw new IllegalArgumentException("matrix is null");
        }
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return eigenvalues(d, n);
    }

    /**
     * The solver spectra uses: the one named by {@value #PROPERTY} if set, else the available one with
     * the highest priority. Discovery runs once; the property is read on every call.
     *
     * @throws IllegalStateException if the property names a solver that is not available
     */
    static SymmetricEigensolver get() {
        return Eigensolvers.select(System.getProperty(PROPERTY));
    }

    /**
     * The available solver called {@code name} (case-insensitive).
     *
     * @throws IllegalStateException if there is none, listing those that are available
     */
    static SymmetricEigensolver named(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("eigensolver name is empty");
        }
        return Eigensolvers.select(name);
    }

    /** Every available solver, highest priority first (ties by name). */
    static List<SymmetricEigensolver> available() {
        return Eigensolvers.discovered();
    }

    /**
     * Checks the input contract: {@code a} has {@code n * n} finite entries, {@code n >= 1}, and is
     * symmetric within {@link #SYMMETRY_TOLERANCE}. Implementations call it first.
     *
     * @throws IllegalArgumentException naming the first offending entry
     */
    static void requireSymmetric(double[] a, int n) {
        if (a == null) {
            throw new IllegalArgumentException("matrix is null");
        }
        if (n < 1) {
            throw new IllegalArgumentException("matrix size must be at least 1, got " + n);
        }
        if ((long) n * n != a.length) {
            throw new IllegalArgumentException(a.length + " values do not fill a " + n + "x" + n + " matrix");
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            double v = a[i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("matrix contains " + v + " at [" + i / n + "," + i % n + "]");
            }
            max = Math.max(max, Math.abs(v));
        }
        double tolerance = SYMMETRY_TOLERANCE * max;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double upper = a[i * n + j];
                double lower = a[j * n + i];
                if (Math.abs(upper - lower) > tolerance) {
                    throw new IllegalArgumentException("matrix is not symmetric: [" + i + "," + j + "] = " + upper
                            + " but [" + j + "," + i + "] = " + lower);
                }
            }
        }
    }
}
