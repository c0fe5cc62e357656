package dev.joulebench.compress.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TtSvdTest {
    private static final List<MpoShape> SHAPES = List.of(
            MpoShape.balanced(64, 64, 3),
            new MpoShape(new int[] {4, 3, 4}, new int[] {5, 3, 4}),
            MpoShape.balanced(128, 32, 4),
            new MpoShape(new int[] {2, 3, 4, 2}, new int[] {3, 1, 2, 5}));

    @Test
    void relativeErrorBoundHoldsAndReportedErrorIsTheTrueOne() {
        long seed = 1;
        for (MpoShape shape : SHAPES) {
            DenseMatrix w = TestMatrices.decaying(shape.rows(), shape.cols(), seed++);
            for (double eps : new double[] {0.01, 0.1, 0.3, 0.6}) {
                MpoDecomposition dec = TtSvd.decompose(w, shape, Truncation.error(eps));
                double actual = w.relativeDistance(dec.mpo().toDense());
                assertThat(actual).as("%s eps %s", shape, eps).isLessThanOrEqualTo(eps + 1e-6);
                assertThat(dec.relativeError()).as("reported error, %s eps %s", shape, eps).isCloseTo(actual, within(2e-5));
                assertThat(dec.errorBound()).isEqualTo(eps);
                double sumSquares = 0;
                for (double s : dec.discardedPerStep()) {
                    assertThat(s).isLessThanOrEqualTo(eps / Math.sqrt(shape.sites() - 1) + 1e-9);
                    sumSquares += s * s;
                }
                assertThat(Math.sqrt(sumSquares)).isCloseTo(dec.relativeError(), within(1e-12));
            }
        }
    }

    @Test
    void largerToleranceGivesFewerParameters() {
        MpoShape shape = MpoShape.balanced(64, 64, 3);
        DenseMatrix w = TestMatrices.decaying(64, 64, 7);
        MpoDecomposition tight = TtSvd.decompose(w, shape, Truncation.error(0.05));
        MpoDecomposition loose = TtSvd.decompose(w, shape, Truncation.error(0.4));
        assertThat(loose.mpo().parameterCount()).isLessThan(tight.mpo().parameterCount());
        assertThat(loose.relativeError()).isGreaterThan(tight.relativeError());
    }

    @Test
    void bothLimitsTheBondCapWinsAndTheBoundSaysSo() {
        MpoShape shape = MpoShape.balanced(64, 64, 3);
        DenseMatrix w = TestMatrices.decaying(64, 64, 8);
        MpoDecomposition capped = TtSvd.decompose(w, shape, Truncation.of(2, 0.01));
        assertThat(capped.mpo().maxBond()).isEqualTo(2);
        assertThat(capped.relativeError()).isGreaterThan(0.01);
        assertThat(capped.errorBound()).isEqualTo(capped.relativeError());
        MpoDecomposition loose = TtSvd.decompose(w, shape, Truncation.of(1000, 0.3));
        MpoDecomposition epsOnly = TtSvd.decompose(w, shape, Truncation.error(0.3));
        assertThat(loose.mpo().bonds()).isEqualTo(epsOnly.mpo().bonds());
        assertThat(loose.errorBound()).isEqualTo(0.3);
    }

    @Test
    void fullBondsReconstructWithinOneInAHundredThousand() {
        long seed = 11;
        for (MpoShape shape : List.of(SHAPES.get(0), SHAPES.get(1), SHAPES.get(3), MpoShape.balanced(30, 7, 1),
                MpoShape.balanced(96, 40, 2))) {
            DenseMatrix w = TestMatrices.gaussian(shape.rows(), shape.cols(), seed++);
            for (Truncation t : List.of(Truncation.none(), Truncation.bond(10_000))) {
                MpoDecomposition dec = TtSvd.decompose(w, shape, t);
                assertThat(w.relativeDistance(dec.mpo().toDense())).as("%s %s", shape, t).isLessThan(1e-5);
                assertThat(dec.relativeError()).isLessThan(1e-6);
                int[] expected = TtSvd.bonds(shape, Integer.MAX_VALUE);
                assertThat(dec.mpo().bonds()).isEqualTo(expected);
            }
        }
    }

    @Test
    void anExactMpoOfBondRIsRecoveredWithChiR() {
        // 256x256 over 3 sites: sites 32, 64, 32; bond 3 + oversampling is small enough for the randomized finder
        MpoShape big = MpoShape.balanced(256, 256, 3);
        MpoShape small = new MpoShape(new int[] {4, 3, 5}, new int[] {2, 6, 3});
        for (MpoShape shape : List.of(big, small)) {
            int r = 3;
            DenseMatrix w = TestMatrices.randomMpo(shape, r, 5).toDense();
            MpoDecomposition dec = TtSvd.decompose(w, shape, Truncation.bond(r));
            assertThat(dec.mpo().bonds()).as("%s", shape).containsOnly(r);
            assertThat(w.relativeDistance(dec.mpo().toDense())).as("%s", shape).isLessThan(1e-5);
            assertThat(dec.relativeError()).isLessThan(1e-5);
            // one bond less cannot be exact
            MpoDecomposition less = TtSvd.decompose(w, shape, Truncation.bond(r - 1));
            assertThat(less.relativeError()).isGreaterThan(1e-3);
            assertThat(less.relativeError()).isCloseTo(w.relativeDistance(less.mpo().toDense()), within(1e-5));
        }
    }

    @Test
    void randomizedBondTruncationReportsItsTrueErrorAndIsNearOptimal() {
        MpoShape shape = MpoShape.balanced(256, 256, 2); // one 256x256 unfolding (sites 256 and 256)
        DenseMatrix w = TestMatrices.decaying(256, 256, 3);
        MpoDecomposition randomized = TtSvd.decompose(w, shape, Truncation.bond(16));
        double actual = w.relativeDistance(randomized.mpo().toDense());
        assertThat(randomized.relativeError()).isCloseTo(actual, within(1e-5));
        // with two sites TT-SVD is a truncated SVD of the interleaved unfolding: compare with the exact optimum
        LowRankFactors optimum = LowRank.truncate(new DenseMatrix(256, 256, toFloat(TtSvd.interleave(w, shape))), 16);
        assertThat(randomized.relativeError()).isGreaterThanOrEqualTo(optimum.relativeError() - 1e-6)
                .isLessThan(optimum.relativeError() * 1.05);
    }

    @Test
    void parameterCountClosedFormEqualsTheCoresSizes() {
        MpoShape hand = new MpoShape(new int[] {2, 3, 4}, new int[] {5, 1, 2}); // sites 10, 3, 8
        assertThat(TtSvd.parameterCount(hand, 2)).isEqualTo(1 * 10 * 2 + 2 * 3 * 2 + 2 * 8 * 1);
        assertThat(TtSvd.parameterCount(hand, 100)).isEqualTo(1 * 10 * 10 + 10 * 3 * 8 + 8 * 8 * 1); // bonds capped at 10 and 8
        long seed = 21;
        for (MpoShape shape : SHAPES) {
            DenseMatrix w = TestMatrices.gaussian(shape.rows(), shape.cols(), seed++);
            for (int chi : new int[] {1, 2, 5, 16, 1000}) {
                Mpo mpo = TtSvd.decompose(w, shape, Truncation.bond(chi)).mpo();
                long actual = 0;
                for (MpoCore c : mpo.cores()) {
                    actual += (long) c.left() * c.rowDim() * c.colDim() * c.right();
                }
                assertThat(mpo.parameterCount()).isEqualTo(actual);
                assertThat(TtSvd.parameterCount(shape, chi)).as("%s chi %d", shape, chi).isEqualTo(actual);
                assertThat(mpo.bonds()).isEqualTo(TtSvd.bonds(shape, chi));
            }
        }
    }

    @Test
    void bondForParameterBudgetIsTheLargestChiThatFits() {
        MpoShape shape = MpoShape.balanced(784, 1000, 4);
        for (long budget : new long[] {2_000, 20_000, 156_800, 1_000_000}) {
            int chi = TtSvd.bondForParameterBudget(shape, budget);
            assertThat(TtSvd.parameterCount(shape, chi)).isLessThanOrEqualTo(budget);
            if (TtSvd.parameterCount(shape, chi + 1) > TtSvd.parameterCount(shape, chi)) {
                assertThat(TtSvd.parameterCount(shape, chi + 1)).isGreaterThan(budget);
            }
        }
        assertThatThrownBy(() -> TtSvd.bondForParameterBudget(shape, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("χ = 1");
    }

    @Test
    void singleSiteIsTheMatrixItself() {
        DenseMatrix w = TestMatrices.gaussian(5, 7, 3);
        MpoDecomposition dec = TtSvd.decompose(w, MpoShape.balanced(5, 7, 1), Truncation.bond(1));
        assertThat(dec.mpo().toDense().values()).containsExactly(w.values());
        assertThat(dec.relativeError()).isZero();
        assertThat(dec.discardedPerStep()).isEmpty();
    }

    @Test
    void badInputsAreRejectedWithClearMessages() {
        DenseMatrix w = TestMatrices.gaussian(12, 10, 1);
        assertThatThrownBy(() -> TtSvd.decompose(w, new MpoShape(new int[] {3, 5}, new int[] {2, 5}), Truncation.bond(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("15x10").hasMessageContaining("12x10");
        assertThatThrownBy(() -> MpoShape.of(12, 10, new int[] {3, 5}, new int[] {2, 5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiply to 15x10");
        assertThatThrownBy(() -> new MpoShape(new int[] {3, 4}, new int[] {10}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same number of sites");
        assertThatThrownBy(() -> new MpoShape(new int[] {0, 4}, new int[] {10, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Truncation.bond(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("χ must be at least 1");
        assertThatThrownBy(() -> Truncation.error(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ε must be a positive");
        assertThatThrownBy(() -> Truncation.error(-0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ε must be a positive");
        assertThatThrownBy(() -> TtSvd.parameterCount(MpoShape.balanced(12, 10, 2), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> MpoShape.balanced(12, 10, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 site");
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
