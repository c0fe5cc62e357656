package dev.joulebench.testkit.spectra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.joulebench.spectra.SymmetricEigensolver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link SymmetricEigensolver} must do, against answers known without any eigensolver:
 * diagonal matrices, the 2x2 closed form, {@code Q diag(d) Q^T} with a seeded random orthogonal
 * {@code Q} (Householder reflections, built here in plain Java) up to 300x300, the trace and
 * Frobenius invariants, and the input contract (ascending order, no input modification, clear
 * {@link IllegalArgumentException}s). An implementation's test extends this class and supplies the
 * solver; a single-precision solver may widen {@link #relativeTolerance()}.
 */
public abstract class SymmetricEigensolverContract {

    /** The solver under test; may return the same instance every time. */
    protected abstract SymmetricEigensolver solver();

    /** Allowed eigenvalue error relative to the largest |eigenvalue|; double precision needs far less. */
    protected double relativeTolerance() {
        return 1e-10;
    }

    @Test
    void hasAName() {
        assertThat(solver().name()).isNotBlank().doesNotContainAnyWhitespaces();
    }

    @Test
    void diagonalMatrixGivesItsDiagonalSorted() {
        double[] d = {3, -1, 2, 0, 2};
        assertSpectrum(solver().eigenvalues(diagonal(d), d.length), new double[] {-1, 0, 2, 2, 3});
    }

    @ParameterizedTest(name = "[[{0}, {1}], [{1}, {2}]]")
    @CsvSource({"2, 1, 2", "1, 0, 1", "0, 1, 0", "4, -2, 1", "0.001, 5, -7", "-3, 1e-8, -3"})
    void twoByTwoMatchesTheClosedForm(double a, double b, double c) {
        double mean = (a + c) / 2;
        double radius = Math.hypot((a - c) / 2, b);
        assertSpectrum(solver().eigenvalues(new double[] {a, b, b, c}, 2), new double[] {mean - radius, mean + radius});
    }

    @Test
    void oneByOneIsItsEntry() {
        assertThat(solver().eigenvalues(new double[] {-2.5}, 1)).containsExactly(-2.5);
    }

    @Test
    void zeroMatrixHasOnlyZeroEigenvalues() {
        double[] ev = solver().eigenvalues(new double[25], 5);
        assertThat(ev).hasSize(5);
        for (double v : ev) {
            assertThat(Math.abs(v)).isZero();
        }
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {3, 17, 64, 300})
    void knownSpectrumIsRecovered(int n) {
        double[] spectrum = knownSpectrum(n);
        double[] a = rotated(spectrum, new Random(1000 + n));
        double[] expected = spectrum.clone();
        Arrays.sort(expected);
        assertSpectrum(solver().eigenvalues(a, n), expected);
    }

    @ParameterizedTest(name = "scale {0}")
    @ValueSource(doubles = {1e-30, 1e30})
    void accuracyIsRelativeToTheMatrixScale(double scale) {
        double[] spectrum = knownSpectrum(20);
        for (int i = 0; i < spectrum.length; i++) {
            spectrum[i] *= scale;
        }
        double[] a = rotated(spectrum, new Random(7));
        Arrays.sort(spectrum);
        assertSpectrum(solver().eigenvalues(a, 20), spectrum);
    }

    @Test
    void traceIsTheSumAndFrobeniusNormTheSumOfSquares() {
        int n = 40;
        double[] a = randomSymmetric(n, new Random(42));
        double trace = 0;
        double frobenius2 = 0;
        for (int i = 0; i < n; i++) {
            trace += a[i * n + i];
        }
        for (double v : a) {
            frobenius2 += v * v;
        }
        double[] ev = solver().eigenvalues(a, n);
        double sum = 0;
        double squares = 0;
        double max = 0;
        for (double v : ev) {
            sum += v;
            squares += v * v;
            max = Math.max(max, Math.abs(v));
        }
        assertThat(sum).as("sum of eigenvalues vs trace").isCloseTo(trace,
                within(n * relativeTolerance() * max));
        assertThat(squares).as("sum of squared eigenvalues vs squared Frobenius norm").isCloseTo(frobenius2,
                within(n * relativeTolerance() * max * max));
    }

    @Test
    void eigenvaluesComeAscendingOnePerRow() {
        int n = 50;
        double[] ev = solver().eigenvalues(randomSymmetric(n, new Random(3)), n);
        assertThat(ev).hasSize(n);
        for (int i = 1; i < n; i++) {
            assertThat(ev[i]).as("eigenvalue %d vs %d", i, i - 1).isGreaterThanOrEqualTo(ev[i - 1]);
        }
    }

    @Test
    void inputIsNotModified() {
        double[] a = rotated(knownSpectrum(30), new Random(5));
        double[] copy = a.clone();
        solver().eigenvalues(a, 30);
        assertThat(a).containsExactly(copy);
    }

    @Test
    void floatInputGivesTheSameSpectrumAsItsDoubleValues() {
        int n = 12;
        double[] a = randomSymmetric(n, new Random(11));
        float[] f = new float[a.length];
        double[] widened = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
            widened[i] = f[i];
        }
        assertSpectrum(solver().eigenvalues(f, n), solver().eigenvalues(widened, n));
    }

    @Test
    void roundOffAsymmetryIsAccepted() {
        double[] a = {2, 1, 0, 1, 2, 1, 0, 1, 2};
        a[1] *= 1 + 1e-9; // what a product computed in another order leaves
        assertThat(solver().eigenvalues(a, 3)).hasSize(3);
    }

    @Test
    void nonSymmetricMatrixIsRejected() {
        assertThatThrownBy(() -> solver().eigenvalues(new double[] {1, 2, 0, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not symmetric");
        double[] almost = {2, 1, 1, 1, 2, 1, 1.001, 1, 2};
        assertThatThrownBy(() -> solver().eigenvalues(almost, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not symmetric");
    }

    @Test
    void nonFiniteEntriesAreRejected() {
        assertThatThrownBy(() -> solver().eigenvalues(new double[] {1, Double.NaN, Double.NaN, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> solver().eigenvalues(new double[] {Double.POSITIVE_INFINITY, 0, 0, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
        assertThatThrownBy(() -> solver().eigenvalues(new float[] {1, 0, 0, Float.NaN}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }

    @Test
    void malformedShapesAreRejected() {
        assertThatThrownBy(() -> solver().eigenvalues(new double[5], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2x2");
        assertThatThrownBy(() -> solver().eigenvalues(new double[0], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> solver().eigenvalues((double[]) null, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
    }

    /** Spectra calls the solver from training, CLI and GUI threads at once. */
    @Test
    void concurrentCallsGiveTheSequentialResults() throws Exception {
        int tasks = 8;
        int n = 60;
        List<double[]> inputs = new ArrayList<>();
        List<double[]> sequential = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            inputs.add(randomSymmetric(n, new Random(100 + t)));
            sequential.add(solver().eigenvalues(inputs.get(t), n));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (double[] a : inputs) {
                futures.add(pool.submit(() -> solver().eigenvalues(a, n)));
            }
            for (int t = 0; t < tasks; t++) {
                assertSpectrum(futures.get(t).get(), sequential.get(t));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- known answers, built without an eigensolver ----

    /** Eigenvalues with negatives, a zero, a triple one and a spread, in a seeded random order. */
    static double[] knownSpectrum(int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? 0 : (double) i / (n - 1);
            d[i] = -3 + 10 * x * x;
        }
        if (n >= 5) {
            d[1] = 1.25;
            d[2] = 1.25;
            d[3] = 1.25;
            d[4] = 0;
        }
        Random r = new Random(n);
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates, so the solver has to sort
            int j = r.nextInt(i + 1);
            double t = d[i];
            d[i] = d[j];
            d[j] = t;
        }
        return d;
    }

    static double[] diagonal(double[] d) {
        int n = d.length;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = d[i];
        }
        return a;
    }

    /**
     * {@code Q diag(d) Q^T} for a random orthogonal {@code Q}, the product of {@code n} Householder
     * reflections of Gaussian vectors, made exactly symmetric by averaging the two triangles.
     */
    static double[] rotated(double[] d, Random random) {
        int n = d.length;
        double[] a = diagonal(d);
        double[] v = new double[n];
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
            double norm2 = 0;
            for (int i = 0; i < n; i++) {
                v[i] = random.nextGaussian();
                norm2 += v[i] * v[i];
            }
            // A <- H A H with H = I - 2 v v^T / |v|^2: w = A v, then A - b v w^T - b w v^T + b^2 (v^T w) v v^T
            double beta = 2 / norm2;
            double vw = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += a[i * n + j] * v[j];
                }
                w[i] = s;
                vw += v[i] * s;
            }
            double c = beta * beta * vw;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i * n + j] += -beta * (v[i] * w[j] + w[i] * v[j]) + c * v[i] * v[j];
                }
            }
        }
        symmetrise(a, n);
        return a;
    }

    /** Gaussian entries, symmetrised. */
    static double[] randomSymmetric(int n, Random random) {
        double[] a = new double[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextGaussian();
        }
        symmetrise(a, n);
        return a;
    }

    private static void symmetrise(double[] a, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double m = (a[i * n + j] + a[j * n + i]) / 2;
                a[i * n + j] = m;
                a[j * n + i] = m;
            }
        }
    }

    private void assertSpectrum(double[] actual, double[] expected) {
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        double tolerance = relativeTolerance() * Math.max(scale, Double.MIN_NORMAL);
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("eigenvalue %d of %d (ascending), tolerance %.3g", i, expected.length, tolerance)
                    .isCloseTo(expected[i], within(tolerance));
        }
    }
}
