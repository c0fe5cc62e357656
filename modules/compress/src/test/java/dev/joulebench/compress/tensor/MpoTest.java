package dev.joulebench.compress.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MpoTest {
    @Test
    void toDenseFollowsTheIndexConvention() {
        MpoShape shape = new MpoShape(new int[] {2, 3}, new int[] {4, 5});
        Mpo mpo = TestMatrices.randomMpo(shape, 2, 9);
        MpoCore c1 = mpo.cores().get(0);
        MpoCore c2 = mpo.cores().get(1);
        DenseMatrix w = mpo.toDense();
        for (int i1 = 0; i1 < 2; i1++) {
            for (int i2 = 0; i2 < 3; i2++) {
                for (int j1 = 0; j1 < 4; j1++) {
                    for (int j2 = 0; j2 < 5; j2++) {
                        double expected = 0;
                        for (int a = 0; a < 2; a++) {
                            expected += (double) c1.get(0, i1, j1, a) * c2.get(a, i2, j2, 0);
                        }
                        // i1 and j1 are the slowest digits
                        assertThat(w.get(i1 * 3 + i2, j1 * 5 + j2)).isCloseTo((float) expected, within(1e-5f));
                    }
                }
            }
        }
    }

    @Test
    void applyEqualsTheDenseProduct() {
        long seed = 3;
        for (MpoShape shape : List.of(new MpoShape(new int[] {2, 3}, new int[] {4, 5}), MpoShape.balanced(64, 48, 3),
                new MpoShape(new int[] {3, 1, 4, 2}, new int[] {2, 5, 1, 3}), MpoShape.balanced(7, 11, 1),
                MpoShape.balanced(784, 100, 4))) {
            Mpo mpo = TestMatrices.randomMpo(shape, 3, seed++);
            DenseMatrix w = mpo.toDense();
            int batch = 5;
            DenseMatrix x = TestMatrices.gaussian(batch, shape.rows(), seed++);
            float[] y = mpo.apply(x.values(), batch);
            double diff = 0;
            double norm = 0;
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < shape.cols(); j++) {
                    double dense = 0;
                    for (int i = 0; i < shape.rows(); i++) {
                        dense += (double) x.get(b, i) * w.get(i, j);
                    }
                    diff += (y[b * shape.cols() + j] - dense) * (y[b * shape.cols() + j] - dense);
                    norm += dense * dense;
                }
            }
            assertThat(Math.sqrt(diff / norm)).as("%s", shape).isLessThan(1e-4);
        }
    }

    @Test
    void multiplyAccumulatesMatchAHandCount() {
        // rows 2·3, cols 4·5, bond 2. Core 1: batch · (rows/2 = 3 pending i digits) · (1·2 summed) · (4·2 produced) = 48 per row;
        // core 2: batch · (4 j_1 values) · (1 pending) · (2·3 summed) · (5·1 produced) = 120 per row.
        Mpo mpo = TestMatrices.randomMpo(new MpoShape(new int[] {2, 3}, new int[] {4, 5}), 2, 1);
        assertThat(mpo.multiplyAccumulates(1)).isEqualTo(48 + 120);
        assertThat(mpo.multiplyAccumulates(3)).isEqualTo(3 * (48 + 120));
        // one site is the dense product
        Mpo dense = TestMatrices.randomMpo(MpoShape.balanced(7, 11, 1), 1, 1);
        assertThat(dense.multiplyAccumulates(2)).isEqualTo(2 * 7 * 11);
    }

    @Test
    void parameterAndBondAccessors() {
        Mpo mpo = TestMatrices.randomMpo(new MpoShape(new int[] {2, 3, 2}, new int[] {4, 5, 1}), 3, 1);
        assertThat(mpo.bonds()).containsExactly(3, 3);
        assertThat(mpo.parameterCount()).isEqualTo(8 * 3 + 3 * 15 * 3 + 3 * 2);
        assertThat(Mpo.denseParameterCount(12, 20)).isEqualTo(240);
    }

    @Test
    void inconsistentCoresAndInputsAreRejected() {
        MpoShape shape = new MpoShape(new int[] {2, 3}, new int[] {4, 5});
        MpoCore c1 = new MpoCore(1, 2, 4, 2, new float[16]);
        MpoCore wrongLeft = new MpoCore(3, 3, 5, 1, new float[45]);
        assertThatThrownBy(() -> new Mpo(shape, List.of(c1, wrongLeft)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("left bond 3");
        assertThatThrownBy(() -> new MpoCore(1, 2, 4, 2, new float[15]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 16 values");
        Mpo mpo = TestMatrices.randomMpo(shape, 2, 1);
        assertThatThrownBy(() -> mpo.apply(new float[7], 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch x 6");
    }

    @Test
    void balancedShapesSpreadPrimeFactorsEvenly() {
        MpoShape s = MpoShape.balanced(1024, 1024, 4);
        assertThat(s.rowFactors()).containsExactly(8, 8, 4, 4);
        assertThat(s.colFactors()).containsExactly(4, 4, 8, 8);
        MpoShape mlp = MpoShape.balanced(784, 1000, 4);
        assertThat(mlp.rowFactors()).containsExactly(7, 7, 4, 4);
        assertThat(mlp.colFactors()).containsExactly(5, 5, 5, 8);
        MpoShape prime = MpoShape.balanced(13, 10, 3);
        assertThat(prime.rowFactors()).containsExactly(13, 1, 1);
        assertThat(prime.colFactors()).containsExactly(1, 2, 5);
        SplittableRandom rnd = new SplittableRandom(4);
        for (int t = 0; t < 200; t++) {
            int rows = 1 + rnd.nextInt(5000);
            int cols = 1 + rnd.nextInt(5000);
            int sites = 1 + rnd.nextInt(5);
            MpoShape b = MpoShape.balanced(rows, cols, sites);
            assertThat(b.rows()).isEqualTo(rows);
            assertThat(b.cols()).isEqualTo(cols);
            assertThat(b.sites()).isEqualTo(sites);
        }
    }
}
