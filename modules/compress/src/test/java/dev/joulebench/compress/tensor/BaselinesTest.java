package dev.joulebench.compress.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.Test;

class BaselinesTest {
    @Test
    void lowRankErrorIsTheRootOfTheDiscardedSingularValuesSquared() {
        for (int[] dims : new int[][] {{40, 60}, {70, 30}, {50, 50}}) {
            DenseMatrix w = TestMatrices.decaying(dims[0], dims[1], dims[0]);
            double[] sigma = ejmlSingularValues(w);
            double total = 0;
            for (double s : sigma) {
                total += s * s;
            }
            for (int rank : new int[] {1, 5, 17, Math.min(dims[0], dims[1])}) {
                LowRankFactors f = LowRank.truncate(w, rank);
                double tail = 0;
                for (int i = rank; i < sigma.length; i++) {
                    tail += sigma[i] * sigma[i];
                }
                double eckartYoung = Math.sqrt(tail / total);
                assertThat(f.relativeError()).as("%s rank %d", Arrays.toString(dims), rank).isCloseTo(eckartYoung, within(1e-6));
                assertThat(w.relativeDistance(f.toDense())).isCloseTo(eckartYoung, within(1e-5));
                for (int i = 0; i < rank; i++) {
                    assertThat(f.singularValues()[i]).isCloseTo(sigma[i], within(1e-5 * sigma[0]));
                }
                assertThat(f.parameterCount()).isEqualTo((long) rank * (dims[0] + dims[1]));
            }
        }
        assertThatThrownBy(() -> LowRank.truncate(TestMatrices.gaussian(4, 3, 1), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and min(rows, cols) = 3");
    }

    @Test
    void rankForParameterBudget() {
        assertThat(LowRank.rankForParameterBudget(784, 1000, 1784 * 10)).isEqualTo(10);
        assertThat(LowRank.rankForParameterBudget(784, 1000, 1784 * 10 - 1)).isEqualTo(9);
        assertThat(LowRank.rankForParameterBudget(10, 20, 1_000_000)).isEqualTo(10);
        assertThatThrownBy(() -> LowRank.rankForParameterBudget(784, 1000, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("below rank 1");
    }

    @Test
    void pruningKeepsExactlyTheLargestMagnitudes() {
        DenseMatrix w = TestMatrices.gaussian(30, 40, 2);
        PrunedMatrix p = MagnitudePruning.keep(w, 0.2);
        assertThat(p.nonZeros()).isEqualTo(240);
        float[] mags = new float[w.values().length];
        for (int i = 0; i < mags.length; i++) {
            mags[i] = Math.abs(w.values()[i]);
        }
        Arrays.sort(mags);
        float threshold = mags[mags.length - 240];
        DenseMatrix back = p.toDense();
        for (int i = 0; i < mags.length; i++) {
            float orig = w.values()[i];
            if (Math.abs(orig) >= threshold) {
                assertThat(back.values()[i]).isEqualTo(orig);
            } else {
                assertThat(back.values()[i]).isZero();
            }
        }
        assertThat(p.storageBytes()).isEqualTo(240L * 4 + 240L * 2 + 31L * 4);
        PrunedMatrix wide = MagnitudePruning.keep(TestMatrices.gaussian(1, 70_000, 3), 0.001);
        assertThat(wide.nonZeros()).isEqualTo(70);
        assertThat(wide.storageBytes()).isEqualTo(70L * 4 + 70L * 4 + 2L * 4);
    }

    @Test
    void pruningTiesStillKeepExactlyK() {
        float[] v = {1, -1, 1, 0.5f, -1, 1};
        PrunedMatrix p = MagnitudePruning.keepLargest(new DenseMatrix(2, 3, v), 3);
        assertThat(p.nonZeros()).isEqualTo(3);
        assertThat(p.toDense().values()).containsExactly(1, -1, 1, 0, 0, 0);
        assertThatThrownBy(() -> MagnitudePruning.keep(new DenseMatrix(2, 3, v), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1]");
    }

    @Test
    void int8RoundTripIsWithinHalfAScalePerElementAndZeroColumnsStayZero() {
        DenseMatrix w = TestMatrices.gaussian(50, 20, 6);
        float[] v = w.values().clone();
        for (int r = 0; r < 50; r++) {
            v[r * 20 + 7] = 0; // an all-zero column
            v[r * 20 + 3] *= 1e-3f; // a small-valued one gets its own fine scale
        }
        DenseMatrix withZero = new DenseMatrix(50, 20, v);
        QuantizedMatrix q = Int8Quantizer.quantize(withZero);
        DenseMatrix back = q.dequantize();
        assertThat(q.scales()[7]).isZero();
        for (int c = 0; c < 20; c++) {
            float max = 0;
            for (int r = 0; r < 50; r++) {
                max = Math.max(max, Math.abs(v[r * 20 + c]));
            }
            assertThat(q.scales()[c]).isEqualTo(max / 127f);
            for (int r = 0; r < 50; r++) {
                float err = Math.abs(v[r * 20 + c] - back.get(r, c));
                assertThat(err).isLessThanOrEqualTo(q.scales()[c] / 2 * (1 + 1e-5f));
                assertThat(q.values()[r * 20 + c]).isBetween((byte) -127, (byte) 127);
            }
        }
        assertThat(back.get(0, 7)).isZero();
        assertThat(q.storageBytes()).isEqualTo(1000 + 4 * 20);
    }

    @Test
    void int8MpoCoresAreQuantizedPerRightBondIndex() {
        MpoShape shape = MpoShape.balanced(64, 48, 3);
        Mpo mpo = TtSvd.decompose(TestMatrices.decaying(64, 48, 8), shape, Truncation.bond(6)).mpo();
        Mpo q = Int8Quantizer.quantizeCores(mpo);
        long expectedBytes = 0;
        for (int k = 0; k < mpo.cores().size(); k++) {
            MpoCore c = mpo.cores().get(k);
            MpoCore d = q.cores().get(k);
            int rowsAsMatrix = c.left() * c.rowDim() * c.colDim();
            for (int b = 0; b < c.right(); b++) {
                float max = 0;
                for (int a = 0; a < rowsAsMatrix; a++) {
                    max = Math.max(max, Math.abs(c.values()[a * c.right() + b]));
                }
                for (int a = 0; a < rowsAsMatrix; a++) {
                    float err = Math.abs(c.values()[a * c.right() + b] - d.values()[a * c.right() + b]);
                    assertThat(err).isLessThanOrEqualTo(max / 127f / 2 * (1 + 1e-5f));
                }
            }
            expectedBytes += c.size() + 4L * c.right();
        }
        assertThat(Int8Quantizer.quantizedCoreBytes(mpo)).isEqualTo(expectedBytes);
        assertThat(q.bonds()).isEqualTo(mpo.bonds());
        assertThat(mpo.toDense().relativeDistance(q.toDense())).isGreaterThan(0).isLessThan(0.05);
    }

    private static double[] ejmlSingularValues(DenseMatrix w) {
        DMatrixRMaj a = new DMatrixRMaj(w.rows(), w.cols());
        for (int i = 0; i < w.values().length; i++) {
            a.data[i] = w.values()[i];
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(w.rows(), w.cols(), false, false, true);
        assertThat(svd.decompose(a)).isTrue();
        double[] s = Arrays.copyOf(svd.getSingularValues(), svd.numberOfSingularValues());
        Arrays.sort(s);
        for (int i = 0, j = s.length - 1; i < j; i++, j--) {
            double t = s[i];
            s[i] = s[j];
            s[j] = t;
        }
        return s;
    }
}
