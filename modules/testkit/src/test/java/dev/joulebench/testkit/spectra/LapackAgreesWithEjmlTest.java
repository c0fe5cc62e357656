package dev.joulebench.testkit.spectra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.joulebench.spectra.Esd;
import dev.joulebench.spectra.SymmetricEigenbasis;
import dev.joulebench.spectra.spi.EjmlEigensolver;
import dev.joulebench.spectra.spi.LapackEigensolver;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * LAPACK and EJML give the same decomposition of seeded random matrices of the two kinds spectra meets,
 * covariances {@code X^T X / m} (positive semi-definite, rank-deficient when {@code m < n}) and Gaussian
 * symmetric ones: eigenvalues to 1e-10 of the largest, eigenvectors entry by entry up to sign wherever
 * the eigenvalue is separated from its neighbours (inside a cluster only the spanned subspace is defined).
 * The ESD computed through the default solver (LAPACK here) matches the one forced onto EJML.
 */
class LapackAgreesWithEjmlTest {
    private static final double VALUE_TOLERANCE = 1e-10;
    private static final double VECTOR_TOLERANCE = 1e-7;
    /** Eigenvectors are compared only where the nearest other eigenvalue is this far, relative to the largest. */
    private static final double MIN_RELATIVE_GAP = 1e-6;

    private final LapackEigensolver lapack = new LapackEigensolver();
    private final EjmlEigensolver ejml = new EjmlEigensolver();

    @BeforeEach
    void requireLapack() {
        LapackEigensolverContractTest.requireLapack(lapack);
    }

    @ParameterizedTest(name = "{0} features, {1} samples")
    @CsvSource({"5, 40", "50, 200", "200, 100", "400, 1000"})
    void covariancesAgree(int features, int samples) {
        assertAgree(covariance(features, samples, new Random(features * 31L + samples)), features,
                Math.min(features, samples));
    }

    @ParameterizedTest(name = "n = {0}")
    @CsvSource({"2", "33", "257"})
    void gaussianSymmetricMatricesAgree(int n) {
        assertAgree(SymmetricEigensolverContract.randomSymmetric(n, new Random(n)), n, n);
    }

    @Test
    void anEsdThroughTheDefaultSolverMatchesTheOneOnEjml() {
        int rows = 300;
        int cols = 120;
        Random random = new Random(9);
        float[] w = new float[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        double[] viaDefault = Esd.of(w, rows, cols).eigenvalues();
        double[][] viaEjml = new double[1][];
        SelectedSolver.with("ejml", () -> viaEjml[0] = Esd.of(w, rows, cols).eigenvalues());
        assertThat(viaDefault).containsExactly(viaEjml[0], within(VALUE_TOLERANCE * viaEjml[0][cols - 1]));
    }

    /** {@code rank}: how many eigenvalues are not round-off zeros, whose vectors can be told apart. */
    private void assertAgree(double[] a, int n, int rank) {
        SymmetricEigenbasis l = lapack.eigenbasis(a, n);
        SymmetricEigenbasis e = ejml.eigenbasis(a, n);
        double scale = Math.max(Math.abs(e.values()[0]), Math.abs(e.values()[n - 1]));
        assertThat(l.values()).as("eigenbasis values").containsExactly(e.values(), within(VALUE_TOLERANCE * scale));
        assertThat(lapack.eigenvalues(a, n)).as("eigenvalues only")
                .containsExactly(ejml.eigenvalues(a, n), within(VALUE_TOLERANCE * scale));
        int compared = 0;
        for (int i = 0; i < n; i++) {
            double gap = Double.POSITIVE_INFINITY;
            if (i > 0) {
                gap = e.values()[i] - e.values()[i - 1];
            }
            if (i < n - 1) {
                gap = Math.min(gap, e.values()[i + 1] - e.values()[i]);
            }
            if (gap < MIN_RELATIVE_GAP * scale) {
                continue;
            }
            double[] lv = l.vector(i);
            double[] ev = e.vector(i);
            double dot = 0;
            for (int c = 0; c < n; c++) {
                dot += lv[c] * ev[c];
            }
            double sign = Math.signum(dot);
            for (int c = 0; c < n; c++) {
                assertThat(lv[c]).as("entry %d of eigenvector %d (lambda = %s)", c, i, e.values()[i])
                        .isCloseTo(sign * ev[c], within(VECTOR_TOLERANCE));
            }
            compared++;
        }
        assertThat(compared).as("eigenvectors compared (the rest lie in clusters)").isGreaterThanOrEqualTo(rank / 2);
    }

    /** {@code X^T X / m} of an {@code m x n} Gaussian {@code X}, exactly symmetric. */
    private static double[] covariance(int n, int m, Random random) {
        double[] x = new double[m * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                for (int k = 0; k < m; k++) {
                    s += x[k * n + i] * x[k * n + j];
                }
                c[i * n + j] = s / m;
                c[j * n + i] = s / m;
            }
        }
        return c;
    }
}
