package dev.joulebench.spectra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Eigenvalues and orthonormal eigenvectors, and which solver computes them. */
class SymmetricEigenbasisTest {

    @BeforeEach
    void clear() {
        RecordingEigensolver.drain();
    }

    static double[] randomSymmetric(long seed, int n) {
        Random rnd = new Random(seed);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = rnd.nextGaussian();
                a[i * n + j] = v;
                a[j * n + i] = v;
            }
        }
        return a;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 64, 300})
    void decomposesASymmetricMatrixIntoAscendingValuesAndAnOrthonormalBasis(int n) {
        double[] a = randomSymmetric(n, n);
        double[] copy = a.clone();
        SymmetricEigenbasis e = SymmetricEigenbasis.of(a, n);
        assertThat(a).isEqualTo(copy);
        for (int i = 1; i < n; i++) {
            assertThat(e.values()[i]).isGreaterThanOrEqualTo(e.values()[i - 1]);
        }
        double scale = Math.max(1, Math.abs(e.values()[n - 1]));
        for (int i = 0; i < n; i++) {
            double[] v = e.vector(i);
            for (int r = 0; r < n; r++) { // A v = lambda v
                double av = 0;
                for (int c = 0; c < n; c++) {
                    av += a[r * n + c] * v[c];
                }
                assertThat(av).isCloseTo(e.values()[i] * v[r], within(1e-9 * scale));
            }
            for (int j = i; j < n; j++) { // V V^T = I
                double dot = 0;
                double[] w = e.vector(j);
                for (int c = 0; c < n; c++) {
                    dot += v[c] * w[c];
                }
                assertThat(dot).isCloseTo(i == j ? 1.0 : 0.0, within(1e-9));
            }
        }
        // the same values as the eigenvalue-only service
        double[] values = SymmetricEigensolver.named("ejml").eigenvalues(a, n);
        for (int i = 0; i < n; i++) {
            assertThat(e.values()[i]).isCloseTo(values[i], within(1e-9 * scale));
        }
    }

    @Test
    void repeatedEigenvaluesStillGetAnOrthonormalBasis() {
        int n = 5; // diag(2, 2, 2, 1, 1) in a rotated basis is still a multiple-root case; the identity is the extreme one
        double[] identity = new double[n * n];
        for (int i = 0; i < n; i++) {
            identity[i * n + i] = 3;
        }
        SymmetricEigenbasis e = SymmetricEigenbasis.of(identity, n);
        assertThat(e.values()).containsOnly(3.0);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int c = 0; c < n; c++) {
                    dot += e.vector(i)[c] * e.vector(j)[c];
                }
                assertThat(dot).isCloseTo(i == j ? 1.0 : 0.0, within(1e-12));
            }
        }
    }

    @Test
    void aSelectedSolverWithVectorsComputesTheBasisAndOneWithValuesOnlyFallsBackToEjml() {
        double[] a = randomSymmetric(3, 6);
        SymmetricEigenbasis expected = SymmetricEigenbasis.ejml(a, 6);
        SymmetricEigenvectorSolver withVectors = new SymmetricEigenvectorSolver() {
            @Override
            public String name() {
                return "fake-vectors";
            }

            @Override
            public double[] eigenvalues(double[] m, int n) {
                return eigenbasis(m, n).values();
            }

            @Override
            public SymmetricEigenbasis eigenbasis(double[] m, int n) {
                SymmetricEigenbasis e = SymmetricEigenbasis.ejml(m, n);
                return new SymmetricEigenbasis(n, e.values(), e.vectors(), name());
            }
        };
        assertThat(SymmetricEigenbasis.of(withVectors, a, 6).solver()).isEqualTo("fake-vectors");
        // the service selected in these tests is the values-only recording solver: the basis comes from EJML
        assertThat(SymmetricEigensolver.get()).isInstanceOf(RecordingEigensolver.class);
        SymmetricEigenbasis viaService = SymmetricEigenbasis.of(a, 6);
        assertThat(viaService.solver()).isEqualTo("ejml");
        assertThat(viaService.values()).isEqualTo(expected.values());
    }

    @Test
    void inputsOutsideTheContractAreRefused() {
        assertThatThrownBy(() -> SymmetricEigenbasis.of(new double[] {1, 2, 3, 4}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not symmetric");
        assertThatThrownBy(() -> SymmetricEigenbasis.of(new double[] {1, Double.NaN, Double.NaN, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new SymmetricEigenbasis(2, new double[2], new double[3], "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
