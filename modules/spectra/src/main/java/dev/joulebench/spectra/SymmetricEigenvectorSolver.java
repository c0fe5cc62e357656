package dev.joulebench.spectra;

/**
 * A {@link SymmetricEigensolver} that also returns eigenvectors. The base service gives eigenvalues only,
 * which is all a spectrum needs; cutting a layer to its outlier directions (RMT-KD) needs the vectors too.
 * A provider found through the service (a LAPACK {@code dsyevd}, a GPU solver) implements this interface
 * to serve both; {@link SymmetricEigenbasis#of} uses the selected solver when it does and EJML's symmetric
 * QR with vectors otherwise, so the choice of solver stays in one place ({@link SymmetricEigensolver#get()}).
 *
 * <p>Contract: the input is as for {@link SymmetricEigensolver#eigenvalues(double[], int)} (checked by
 * {@link SymmetricEigensolver#requireSymmetric}) and is not modified. The result's values are ascending
 * with multiplicities; row {@code i} of its vectors is a unit eigenvector of value {@code i}, rows mutually
 * orthogonal (an orthonormal basis also within repeated eigenvalues).
 */
public interface SymmetricEigenvectorSolver extends SymmetricEigensolver {
    /** Eigenvalues (ascending) and orthonormal eigenvectors of the symmetric row-major {@code n x n} matrix {@code a}. */
    SymmetricEigenbasis eigenbasis(double[] a, int n);
}
