package dev.joulebench.spectra;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_MT_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The eigendecomposition {@code A = V^T diag(values) V} of a real symmetric {@code n x n} matrix.
 *
 * @param n       the matrix size
 * @param values  the {@code n} eigenvalues, ascending, with multiplicities (negative ones kept as computed)
 * @param vectors row-major {@code n x n}: row {@code i} is the unit eigenvector of {@code values[i]}; the rows
 *                are orthonormal
 * @param solver  name of the solver that computed it ({@code ejml} or a {@link SymmetricEigenvectorSolver}'s)
 */
public record SymmetricEigenbasis(int n, double[] values, double[] vectors, String solver) {
    /** From this size on EJML's multi-threaded decomposition is used, as for eigenvalues alone. */
    private static final int MT_SIZE = 256;

    public SymmetricEigenbasis {
        if (values.length != n || (long) n * n != vectors.length) {
            throw new IllegalArgumentException(values.length + " values and " + vectors.length
                    + " vector entries do not make a basis of size " + n);
        }
    }

    /**
     * The decomposition by the {@link SymmetricEigensolver#get() selected solver} when it gives vectors
     * ({@link SymmetricEigenvectorSolver}), else by EJML.
     *
     * @throws IllegalArgumentException if {@code a} is not a finite symmetric {@code n x n} matrix
     * @throws ArithmeticException      if the iteration does not converge
     */
    public static SymmetricEigenbasis of(double[] a, int n) {
        return of(SymmetricEigensolver.get(), a, n);
    }

    /** As {@link #of(double[], int)} with the solver given. */
    static SymmetricEigenbasis of(SymmetricEigensolver selected, double[] a, int n) {
        if (selected instanceof SymmetricEigenvectorSolver withVectors) {
            return withVectors.eigenbasis(a, n);
        }
        return ejml(a, n);
    }

    /** EJML's symmetric QR algorithm with vectors (tridiagonalisation, implicit QR), sorted ascending. */
    static SymmetricEigenbasis ejml(double[] a, int n) {
        SymmetricEigensolver.requireSymmetric(a, n);
        EigenDecomposition_F64<DMatrixRMaj> eig = n >= MT_SIZE
                ? DecompositionFactory_MT_DDRM.eig(n, true, true)
                : DecompositionFactory_DDRM.eig(n, true, true);
        DMatrixRMaj m = DMatrixRMaj.wrap(n, n, a);
        if (eig.inputModified()) {
            m = m.copy();
        }
        if (!eig.decompose(m)) {
            throw new ArithmeticException("EJML's symmetric eigendecomposition did not converge for a " + n + "x" + n
                    + " matrix");
        }
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            raw[i] = eig.getEigenvalue(i).getReal();
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> raw[i]));
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int r = 0; r < n; r++) {
            int i = order[r];
            values[r] = raw[i];
            DMatrixRMaj v = eig.getEigenVector(i); // n x 1, unit length
            System.arraycopy(v.data, 0, vectors, r * n, n);
        }
        return new SymmetricEigenbasis(n, values, vectors, "ejml");
    }

    /** Row {@code i} of {@link #vectors()}: the eigenvector of {@code values[i]}. */
    public double[] vector(int i) {
        return Arrays.copyOfRange(vectors, i * n, (i + 1) * n);
    }
}
