package dev.joulebench.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParetoTest {
    @Test
    void ranksPeelFrontsOffInOrder() {
        double[][] losses = {{1, 5}, {2, 2}, {5, 1}, {3, 3}, {4, 4}, {2, 6}, {6, 6}};
        assertThat(Pareto.ranks(losses)).containsExactly(0, 0, 0, 1, 2, 1, 3);
    }

    @Test
    void theFrontOfAccuracyAgainstEnergyKeepsOnlyUndominatedFinishedTrials() {
        List<Objective> o = List.of(new Objective("val/best_accuracy", Direction.MAXIMIZE),
                new Objective("energy/kwh", Direction.MINIMIZE));
        List<Trial> t = List.of(done(0, 0.80, 1e-4), done(1, 0.85, 3e-4), done(2, 0.84, 4e-4), done(3, 0.90, 9e-4),
                done(4, 0.79, 2e-4), Trial.queued(5, Map.of()).running("r").ended(TrialState.PRUNED, List.of(), null,
                        null, null));
        assertThat(Pareto.front(t, o)).extracting(Trial::number).containsExactly(0, 1, 3);
    }

    @Test
    void hypervolumeMatchesTheAreaOfAStaircaseAndTheVolumeOfBoxes() {
        // 2-D staircase {(1,3),(2,2),(3,1)} under reference (4,4): 3 + 2 + 1 = 6
        assertThat(Pareto.hypervolume(new double[][] {{1, 3}, {2, 2}, {3, 1}}, new double[] {4, 4}))
                .isCloseTo(6.0, within(1e-12));
        // 3-D: two boxes from (0,0,0)-ish points to (2,2,2): 8 each side, overlap 1x2x... computed in closed form
        double v = Pareto.hypervolume(new double[][] {{0, 1, 1}, {1, 0, 0}}, new double[] {2, 2, 2});
        // box A = 2*1*1 = 2, box B = 1*2*2 = 4, overlap = 1*1*1 = 1
        assertThat(v).isCloseTo(5.0, within(1e-12));
        assertThat(Pareto.hypervolume(new double[][] {{5, 5}}, new double[] {4, 4})).isZero();
    }

    private static Trial done(int n, double acc, double kwh) {
        return Trial.queued(n, Map.of("x", n)).running("r" + n).ended(TrialState.FINISHED, List.of(acc, kwh), null,
                1.0, kwh);
    }
}
