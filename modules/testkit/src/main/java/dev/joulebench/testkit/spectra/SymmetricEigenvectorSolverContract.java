package dev.joulebench.testkit.spectra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.joulebench.spectra.SymmetricEigenbasis;
import dev.joulebench.spectra.SymmetricEigenvectorSolver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link SymmetricEigenvectorSolver} must do on top of the eigenvalue contract it inherits:
 * {@link SymmetricEigenvectorSolver#eigenbasis} gives the same ascending values, and row {@code i} of its
 * vectors (not column {@code i}: a hand-checked 3x3 case tells the two apart) is a unit eigenvector of
 * value {@code i}, the rows orthonormal also inside a repeated eigenvalue. Checked by residuals
 * {@code |A v - lambda v|} and {@code V V^T = I} on the same known spectra, so no second eigensolver is
 * trusted. An implementation's test extends this class instead of {@link SymmetricEigensolverContract}.
 */
public abstract class SymmetricEigenvectorSolverContract extends SymmetricEigensolverContract {

    @Override
    protected abstract SymmetricEigenvectorSolver solver();

    /**
     * {@code [[2,0,0],[0,3,4],[0,4,9]]}: eigenvalues 1, 2, 11 with eigenvectors {@code (0,2,-1)/sqrt 5},
     * {@code (1,0,0)}, {@code (0,1,2)/sqrt 5}, solved by hand from the 2x2 block. Their matrix is not
     * symmetric even up to signs, so eigenvectors returned in columns instead of rows fail here.
     */
    @Test
    void threeByThreeGivesItsHandSolvedEigenvectorsAsRows() {
        SymmetricEigenbasis e = solver().eigenbasis(new double[] {2, 0, 0, 0, 3, 4, 0, 4, 9}, 3);
        assertThat(e.n()).isEqualTo(3);
        assertThat(e.values()).containsExactly(new double[] {1, 2, 11}, within(1e-12));
        double[][] expected = {{0, 2, -1}, {1, 0, 0}, {0, 1, 2}};
        for (int i = 0; i < 3; i++) {
            assertThat(upToSign(e.vector(i), expected[i])).as("row %d: eigenvector of %s", i, e.values()[i])
                    .containsExactly(normalised(expected[i]), within(1e-12));
        }
    }

    @Test
    void oneByOneIsItsEntryWithTheUnitVector() {
        SymmetricEigenbasis e = solver().eigenbasis(new double[] {-2.5}, 1);
        assertThat(e.values()).containsExactly(-2.5);
        assertThat(Math.abs(e.vectors()[0])).isCloseTo(1.0, within(1e-15));
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {2, 17, 64, 300})
    void knownSpectrumGivesResidualFreeOrthonormalEigenvectors(int n) {
        double[] spectrum = knownSpectrum(n);
        double[] a = rotated(spectrum, new Random(2000 + n));
        double[] expected = spectrum.clone();
        Arrays.sort(expected);
        SymmetricEigenbasis e = solver().eigenbasis(a, n);
        double scale = maxAbs(expected);
        assertThat(e.values()).as("values of the basis").containsExactly(expected, within(relativeTolerance() * scale));
        assertThat(e.values()).as("the same values as eigenvalues()")
                .containsExactly(solver().eigenvalues(a, n), within(relativeTolerance() * scale));
        assertEigenvectors(a, e);
    }

    /** The identity (every value repeated) and a triple root inside a spread still give a full orthonormal basis. */
    @Test
    void repeatedEigenvaluesStillGetAnOrthonormalBasis() {
        int n = 6;
        double[] identity = diagonal(new double[] {3, 3, 3, 3, 3, 3});
        SymmetricEigenbasis e = solver().eigenbasis(identity, n);
        assertThat(e.values()).containsOnly(3.0);
        assertEigenvectors(identity, e);

        double[] triple = rotated(knownSpectrum(30), new Random(31)); // 1.25 three times, 0 once
        assertEigenvectors(triple, solver().eigenbasis(triple, 30));
    }

    @Test
    void eigenbasisLeavesItsInputUnmodified() {
        double[] a = rotated(knownSpectrum(25), new Random(8));
        double[] copy = a.clone();
        solver().eigenbasis(a, 25);
        assertThat(a).containsExactly(copy);
    }

    @Test
    void eigenbasisRejectsWhatEigenvaluesRejects() {
        assertThatThrownBy(() -> solver().eigenbasis(new double[] {1, 2, 0, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not symmetric");
        assertThatThrownBy(() -> solver().eigenbasis(new double[] {1, Double.NaN, Double.NaN, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> solver().eigenbasis(new double[5], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2x2");
        assertThatThrownBy(() -> solver().eigenbasis(null, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
    }

    /** RMT-KD cuts layers from several threads; each call must give what it gives alone. */
    @Test
    void concurrentEigenbasesGiveTheSequentialResults() throws Exception {
        int tasks = 6;
        int n = 50;
        List<double[]> inputs = new ArrayList<>();
        List<SymmetricEigenbasis> sequential = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            inputs.add(randomSymmetric(n, new Random(300 + t)));
            sequential.add(solver().eigenbasis(inputs.get(t), n));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<SymmetricEigenbasis>> futures = new ArrayList<>();
            for (double[] a : inputs) {
                futures.add(pool.submit(() -> solver().eigenbasis(a, n)));
            }
            for (int t = 0; t < tasks; t++) {
                SymmetricEigenbasis alone = sequential.get(t);
                SymmetricEigenbasis together = futures.get(t).get();
                double scale = maxAbs(alone.values());
                assertThat(together.values()).containsExactly(alone.values(), within(relativeTolerance() * scale));
                assertEigenvectors(inputs.get(t), together);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Row {@code i} satisfies {@code A v = lambda_i v} and the rows are orthonormal, both to the contract's tolerance. */
    private void assertEigenvectors(double[] a, SymmetricEigenbasis e) {
        int n = e.n();
        double scale = Math.max(maxAbs(e.values()), Double.MIN_NORMAL);
        double residualTolerance = relativeTolerance() * scale;
        double[] vectors = e.vectors();
        for (int i = 0; i < n; i++) {
            double worst = 0;
            for (int r = 0; r < n; r++) {
                double av = 0;
                for (int c = 0; c < n; c++) {
                    av += a[r * n + c] * vectors[i * n + c];
                }
                worst = Math.max(worst, Math.abs(av - e.values()[i] * vectors[i * n + r]));
            }
            assertThat(worst).as("max |A v - lambda v| of row %d (lambda = %s), tolerance %.3g", i, e.values()[i],
                    residualTolerance).isLessThanOrEqualTo(residualTolerance);
        }
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double dot = 0;
                for (int c = 0; c < n; c++) {
                    dot += vectors[i * n + c] * vectors[j * n + c];
                }
                assertThat(dot).as("row %d . row %d", i, j).isCloseTo(i == j ? 1.0 : 0.0, within(relativeTolerance()));
            }
        }
    }

    /** {@code v} turned to point the way {@code reference} does (an eigenvector's sign is arbitrary). */
    private static double[] upToSign(double[] v, double[] reference) {
        double dot = 0;
        for (int i = 0; i < v.length; i++) {
            dot += v[i] * reference[i];
        }
        double[] aligned = v.clone();
        if (dot < 0) {
            for (int i = 0; i < aligned.length; i++) {
                aligned[i] = -aligned[i];
            }
        }
        return aligned;
    }

    private static double[] normalised(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        double[] u = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = v[i] / norm;
        }
        return u;
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
