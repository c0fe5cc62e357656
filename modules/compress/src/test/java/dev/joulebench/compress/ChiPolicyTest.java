package dev.joulebench.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChiPolicyTest {
    /** Layer a is robust (accuracy barely moves), layer b is sensitive; both 1000 dense weights. */
    private static final ChiPolicy.Profile PROFILE = new ChiPolicy.Profile(List.of("a", "b"), new long[] {1000, 1000},
            new int[] {2, 8}, new long[][] {{100, 400}, {100, 400}},
            new double[][] {{0.89, 0.90}, {0.70, 0.86}}, 0.90);

    @Test
    void aSizeTargetCompressesTheRobustLayerFirst() {
        ChiPolicy.Choice c = ChiPolicy.forSize(PROFILE, 1399);
        // a: dense -> 8 (no drop) -> 2 (0.01 for 300 weights) beats b: dense -> 8 (0.04 for 600); 100 + 1000 fits
        assertThat(c.chi()).containsEntry("a", 2).containsEntry("b", null);
        assertThat(c.params()).isEqualTo(1100);
        assertThat(c.predictedDrop()).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(c.reached()).isTrue();
    }

    @Test
    void aTightSizeTargetReachesIntoTheSensitiveLayer() {
        ChiPolicy.Choice c = ChiPolicy.forSize(PROFILE, 500);
        assertThat(c.chi()).containsEntry("a", 2).containsEntry("b", 8);
        assertThat(c.params()).isEqualTo(500);
        assertThat(c.predictedDrop()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ChiPolicy.forSize(PROFILE, 100).reached()).isFalse();
    }

    @Test
    void anAccuracyBudgetStopsBeforeExceedingIt() {
        ChiPolicy.Choice c = ChiPolicy.forAccuracyBudget(PROFILE, 0.015);
        assertThat(c.chi()).containsEntry("a", 2).containsEntry("b", null);
        assertThat(c.predictedDrop()).isLessThanOrEqualTo(0.015);
        ChiPolicy.Choice none = ChiPolicy.forAccuracyBudget(PROFILE, 0.0);
        assertThat(none.chi()).containsEntry("a", 8); // free: a at chi 8 costs nothing
        assertThat(none.predictedDrop()).isZero();
    }

    @Test
    void rankForErrorKeepsTheTailWithinEpsilon() {
        double[] s = {4, 2, 1, 0.5};
        // total 21.25; tail {0.5} = 0.25 -> 0.108 rel; {1, 0.5} = 1.25 -> 0.243 rel
        assertThat(LayerCompressor.rankForError(s, 0.11)).isEqualTo(3);
        assertThat(LayerCompressor.rankForError(s, 0.25)).isEqualTo(2);
        assertThat(LayerCompressor.rankForError(s, 0.01)).isEqualTo(4);
    }

    @Test
    void lowRankWithChiAndEpsAppliesBoth() {
        // singular values 4, 2, 1, 0.5: eps 0.25 allows rank 2
        float[] diag = new float[16];
        diag[0] = 4;
        diag[5] = 2;
        diag[10] = 1;
        diag[15] = 0.5f;
        var w = dev.joulebench.compress.tensor.DenseMatrix.of(4, 4, diag);
        assertThat(rank(w, 4, null)).isEqualTo(4);
        assertThat(rank(w, 4, 0.25)).isEqualTo(2);
        assertThat(rank(w, 1, 0.25)).as("chi binds").isEqualTo(1);
        assertThat(rank(w, null, 0.25)).isEqualTo(2);
    }

    private static int rank(dev.joulebench.compress.tensor.DenseMatrix w, Integer chi, Double eps) {
        return LayerCompressor.compress("a", w, "lowrank", new LayerCompressor.Setting(chi, eps, null, 2)).report().rank();
    }
}
