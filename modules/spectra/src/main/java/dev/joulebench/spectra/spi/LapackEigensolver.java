package dev.joulebench.spectra.spi;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import dev.joulebench.spectra.SymmetricEigenbasis;
import dev.joulebench.spectra.SymmetricEigensolver;
import dev.joulebench.spectra.SymmetricEigenvectorSolver;
import java.util.Optional;

/**
 * Symmetric eigenvalues and eigenvectors by LAPACK's divide-and-conquer {@code dsyevd}, called through
 * JNA in the system's OpenBLAS ({@code libopenblas.so.0}, Debian's {@code libopenblas0-pthread}) or else
 * its {@code liblapack.so.3}: the routine numpy's {@code eigvalsh}/{@code eigh} call, several times
 * faster than EJML's pure-Java QR at the 1,000 to 4,096 sizes spectra meets. Priority 10, so it is
 * {@link SymmetricEigensolver#get()}'s choice wherever a library loads; where none does it is not
 * available (the reason is logged once at debug) and EJML serves. {@code -Djoulebench.eigensolver=ejml}
 * still picks EJML. OpenBLAS uses as many threads as cores unless {@code OPENBLAS_NUM_THREADS} says
 * otherwise.
 *
 * <p>Row-major symmetric input is its own column-major transpose, so it goes to LAPACK as it is (one
 * copy into native memory, which also keeps the caller's array unmodified); LAPACK's column-major
 * eigenvectors, read back in memory order, are the rows of {@link SymmetricEigenbasis#vectors()}. Every
 * call allocates its own native buffers, so one instance serves any number of threads.
 */
public final class LapackEigensolver implements SymmetricEigenvectorSolver {
    /** The name this solver is selected by. */
    public static final String NAME = "lapack";

    /** Above EJML's 0: a loadable LAPACK is the default. */
    static final int PRIORITY = 10;

    private static final String[] ARGUMENTS = {"JOBZ", "UPLO", "N", "A", "LDA", "W", "WORK", "LWORK", "IWORK",
        "LIWORK"};

    private final LapackBinding binding;

    /** The solver on this JVM's LAPACK binding (what ServiceLoader creates). */
    public LapackEigensolver() {
        this(LapackBinding.system());
    }

    LapackEigensolver(LapackBinding binding) {
        this.binding = binding;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /** Whether a LAPACK library loaded; never throws. */
    @Override
    public boolean isAvailable() {
        return binding.loaded();
    }

    /** The shared library in use, e.g. {@code libopenblas.so.0}; empty when none loaded. */
    public Optional<String> library() {
        return binding.library();
    }

    /** The library and, for OpenBLAS, its build line (version, CPU kernel), or why none loaded. */
    public String description() {
        if (!binding.loaded()) {
            return binding.reason();
        }
        return binding.library().orElseThrow() + binding.config().map(c -> " (" + c + ")").orElse("");
    }

    @Override
    public double[] eigenvalues(double[] a, int n) {
        SymmetricEigensolver.requireSymmetric(a, n);
        double[] values = new double[n];
        dsyevd(a, n, values, null);
        return values;
    }

    @Override
    public SymmetricEigenbasis eigenbasis(double[] a, int n) {
        SymmetricEigensolver.requireSymmetric(a, n);
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        dsyevd(a, n, values, vectors);
        return new SymmetricEigenbasis(n, values, vectors, NAME);
    }

    /**
     * Runs {@code dsyevd} on a copy of {@code a}: the workspace query first, then the decomposition, with
     * the ascending eigenvalues written to {@code values} and, when {@code vectors} is not null, the
     * eigenvectors to it (eigenvector {@code i} in row {@code i}).
     */
    private void dsyevd(double[] a, int n, double[] values, double[] vectors) {
        LapackLibrary lapack = lapack();
        boolean withVectors = vectors != null;
        String jobz = withVectors ? "V" : "N";
        Workspace minimum = Workspace.minimum(n, withVectors);
        IntByReference order = new IntByReference(n);
        IntByReference info = new IntByReference();
        try (Memory matrix = new Memory(8L * n * n); Memory w = new Memory(8L * n);
                Memory workQuery = new Memory(Double.BYTES); Memory iworkQuery = new Memory(Integer.BYTES)) {
            matrix.write(0, a, 0, a.length);
            lapack.dsyevd_(jobz, "L", order, matrix, order, w, workQuery, new IntByReference(-1), iworkQuery,
                    new IntByReference(-1), info, 1, 1);
            check(info.getValue(), n, withVectors, "workspace query");
            // never below the documented minimum: some builds have answered the query too small
            long lwork = Math.max(minimum.lwork(), (long) Math.ceil(workQuery.getDouble(0)));
            long liwork = Math.max(minimum.liwork(), iworkQuery.getInt(0));
            try (Memory work = new Memory(8L * lwork); Memory iwork = new Memory(4L * liwork)) {
                lapack.dsyevd_(jobz, "L", order, matrix, order, w, work, new IntByReference(Math.toIntExact(lwork)),
                        iwork, new IntByReference(Math.toIntExact(liwork)), info, 1, 1);
            }
            check(info.getValue(), n, withVectors, "decomposition");
            w.read(0, values, 0, n);
            if (withVectors) {
                matrix.read(0, vectors, 0, vectors.length); // column j of LAPACK's V is contiguous: row j here
            }
        }
    }

    private LapackLibrary lapack() {
        if (!binding.loaded()) {
            throw new IllegalStateException("The LAPACK eigensolver is not available: " + binding.reason());
        }
        return binding.lapack();
    }

    /** LAPACK's workspace lengths, which it takes as 32-bit integers. */
    record Workspace(long lwork, long liwork) {
        /** {@code dsyevd}'s documented minimum for size {@code n}. */
        static Workspace minimum(int n, boolean vectors) {
            Workspace w;
            if (n == 1) {
                w = new Workspace(1, 1);
            } else if (vectors) {
                w = new Workspace(1 + 6L * n + 2L * n * n, 3 + 5L * n);
            } else {
                w = new Workspace(2L * n + 1, 1);
            }
            if (w.lwork > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("LAPACK's 32-bit workspace size cannot hold the " + w.lwork
                        + " doubles dsyevd needs for the eigenvectors of a " + n + "x" + n + " matrix (at most "
                        + "32766x32766); ask for eigenvalues only, or use -D" + SymmetricEigensolver.PROPERTY
                        + "=ejml");
            }
            return w;
        }
    }

    /** Turns a non-zero {@code INFO} into an {@link ArithmeticException} saying what LAPACK meant by it. */
    private void check(int info, int n, boolean vectors, String step) {
        if (info == 0) {
            return;
        }
        String where = "LAPACK dsyevd (" + binding.library().orElse("?") + ", " + step + ") on a " + n + "x" + n
                + " matrix: INFO = " + info + ", ";
        if (info < 0) {
            int argument = -info;
            String argumentName = argument <= ARGUMENTS.length ? ARGUMENTS[argument - 1] : "?";
            throw new ArithmeticException(where + "argument " + argument + " (" + argumentName
                    + ") had an illegal value");
        }
        if (vectors) {
            throw new ArithmeticException(where + "did not converge: it failed to compute an eigenvalue while working "
                    + "on the submatrix in rows and columns " + info / (n + 1) + " through " + info % (n + 1));
        }
        throw new ArithmeticException(where + "did not converge: " + info + " off-diagonal elements of an "
                + "intermediate tridiagonal form did not converge to zero");
    }

    @Override
    public String toString() {
        return "LapackEigensolver[" + NAME + ", " + description() + "]";
    }
}
