package dev.joulebench.spectra;

import java.util.Arrays;

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

    /** EJML's symmetric QR algorithm with vectors, whichever solver is selected. */
    static SymmetricEigenbasis ejml(double[] a, int n) {
        return new dev.joulebench.spectra.spi.EjmlEigensolver().eigenbasis(a, n);
    }

    /** Row {@code i} of {@link #vectors()}: the eigenvector of {@code values[i]}. */
    public double[] vector(int i) {
        return Arrays.copyOfRange(vectors, i * n, (i + 1) * n);
    }
}
