package dev.joulebench.compress.rmtkd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The unit-aligned basis spans the same subspace, and finds the units when the subspace is made of unit axes. */
class UnitAlignedBasisTest {
    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    /** {@code P^T P}, the orthogonal projector onto the rows' span. */
    static double[] projector(float[] p, int k, int d) {
        double[] m = new double[d * d];
        for (int r = 0; r < k; r++) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    m[i * d + j] += (double) p[r * d + i] * p[r * d + j];
                }
            }
        }
        return m;
    }

    @Test
    void spansTheSameSubspaceWithOrthonormalRows() {
        int k = 7;
        int d = 40;
        float[] p = toFloat(PlantedSignal.orthonormalRows(new Random(3), k, d));
        float[] q = UnitAlignedBasis.of(p, k, d);
        double[] before = projector(p, k, d);
        double[] after = projector(q, k, d);
        for (int i = 0; i < before.length; i++) {
            assertThat(after[i]).isCloseTo(before[i], within(1e-5));
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += (double) q[a * d + j] * q[b * d + j];
                }
                assertThat(dot).isCloseTo(a == b ? 1 : 0, within(1e-5));
            }
        }
        // Procrustes optimality: on the k units of largest leverage (a property of the subspace, not of its basis),
        // tr(Q P E) is at least that of the given basis and of any other rotation of it
        double[] lev = new double[d];
        for (int r = 0; r < k; r++) {
            for (int j = 0; j < d; j++) {
                lev[j] += (double) p[r * d + j] * p[r * d + j];
            }
        }
        int[] units = java.util.stream.IntStream.range(0, d).boxed()
                .sorted((x, y) -> Double.compare(lev[y], lev[x])).limit(k).sorted().mapToInt(Integer::intValue).toArray();
        double aligned = trace(q, units, d);
        assertThat(aligned).isGreaterThan(trace(p, units, d));
        Random rnd = new Random(4);
        for (int t = 0; t < 5; t++) {
            double[] rot = PlantedSignal.orthonormalRows(rnd, k, k);
            float[] other = new float[k * d];
            for (int r = 0; r < k; r++) {
                for (int j = 0; j < d; j++) {
                    double v = 0;
                    for (int m = 0; m < k; m++) {
                        v += rot[r * k + m] * p[m * d + j];
                    }
                    other[r * d + j] = (float) v;
                }
            }
            assertThat(aligned).isGreaterThanOrEqualTo(trace(other, units, d) - 1e-6);
        }
    }

    /** {@code sum_r B[r, units[r]]}: how far each row points along its unit. */
    static double trace(float[] basis, int[] units, int d) {
        double t = 0;
        for (int r = 0; r < units.length; r++) {
            t += basis[r * d + units[r]];
        }
        return t;
    }

    @Test
    void aSubspaceOfUnitAxesInARotatedBasisComesBackAsThoseUnits() {
        int d = 12;
        int[] units = {1, 4, 5, 9};
        int k = units.length;
        double[] rotation = PlantedSignal.orthonormalRows(new Random(8), k, k); // a random k x k orthogonal matrix
        float[] p = new float[k * d];
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < k; c++) {
                p[r * d + units[c]] = (float) rotation[r * k + c];
            }
        }
        float[] q = UnitAlignedBasis.of(p, k, d);
        for (int r = 0; r < k; r++) {
            for (int j = 0; j < d; j++) {
                assertThat((double) q[r * d + j]).as("row %d unit %d", r, j).isCloseTo(j == units[r] ? 1 : 0, within(1e-6));
            }
        }
    }

    @Test
    void aMisshapenProjectionIsRefused() {
        assertThatThrownBy(() -> UnitAlignedBasis.of(new float[5], 2, 3)).hasMessageContaining("2 x 3");
    }
}
