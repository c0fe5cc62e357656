package dev.joulebench.study.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.study.Direction;
import dev.joulebench.study.Trial;
import dev.joulebench.study.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MedianPrunerTest {
    static Trial curve(int number, TrialState state, double... perEpoch) {
        Trial t = Trial.queued(number, Map.of("x", number)).running("r" + number);
        for (int e = 0; e < perEpoch.length; e++) {
            t = t.withIntermediate(e, perEpoch[e]);
        }
        return state == TrialState.RUNNING ? t : t.ended(state, List.of(perEpoch[perEpoch.length - 1]), null, 1.0, null);
    }

    /** Five finished accuracy curves; at epoch 1 they hold .50 .60 .70 .80 .90: median .70. */
    static List<Trial> finished() {
        List<Trial> t = new ArrayList<>();
        double[] at1 = {0.5, 0.6, 0.7, 0.8, 0.9};
        for (int i = 0; i < 5; i++) {
            t.add(curve(i, TrialState.FINISHED, at1[i] - 0.2, at1[i], at1[i] + 0.05));
        }
        return t;
    }

    @Test
    void prunesATrialWhoseBestSoFarIsBelowTheMedianAtThatEpoch() {
        MedianPruner p = MedianPruner.optunaDefaults(Direction.MAXIMIZE);
        List<Trial> all = finished();
        assertThat(p.prune(curve(5, TrialState.RUNNING, 0.3, 0.69), all)).isTrue();
        assertThat(p.prune(curve(6, TrialState.RUNNING, 0.3, 0.71), all)).isFalse();
        // best so far counts: a strong epoch 0 keeps it (as Optuna: nanmax over the trial's values)
        assertThat(p.prune(curve(7, TrialState.RUNNING, 0.75, 0.6), all)).isFalse();
    }

    @Test
    void theMedianOfAnEvenCountInterpolates() {
        MedianPruner p = MedianPruner.optunaDefaults(Direction.MAXIMIZE);
        List<Trial> all = new ArrayList<>(finished());
        all.add(curve(5, TrialState.FINISHED, 0.1, 1.0, 1.0)); // epoch 1: .5 .6 .7 .8 .9 1.0 -> median .75
        assertThat(p.prune(curve(6, TrialState.RUNNING, 0.2, 0.74), all)).isTrue();
        assertThat(p.prune(curve(7, TrialState.RUNNING, 0.2, 0.76), all)).isFalse();
        assertThat(MedianPruner.percentile(List.of(1.0, 2.0, 3.0, 4.0), 50)).isEqualTo(2.5);
        assertThat(MedianPruner.percentile(List.of(Double.NaN, 1.0, 3.0), 50)).isEqualTo(2.0);
    }

    @Test
    void neverPrunesBeforeFiveTrialsFinishedOrDuringWarmUp() {
        MedianPruner p = MedianPruner.optunaDefaults(Direction.MAXIMIZE);
        List<Trial> four = finished().subList(0, 4);
        assertThat(p.prune(curve(5, TrialState.RUNNING, 0.0, 0.0), four)).isFalse();
        List<Trial> prunedOnes = new ArrayList<>(four);
        prunedOnes.add(curve(4, TrialState.PRUNED, 0.9, 0.9));
        assertThat(p.prune(curve(5, TrialState.RUNNING, 0.0, 0.0), prunedOnes)).as("pruned trials do not count").isFalse();
        MedianPruner warm = new MedianPruner(5, 2, 1, 1, Direction.MAXIMIZE);
        assertThat(warm.prune(curve(5, TrialState.RUNNING, 0.0, 0.0), finished())).isFalse();
        assertThat(warm.prune(curve(5, TrialState.RUNNING, 0.0, 0.0, 0.0), finished())).isTrue();
    }

    @Test
    void minimisingFlipsTheComparisonAndAllNanPrunes() {
        MedianPruner p = MedianPruner.optunaDefaults(Direction.MINIMIZE);
        assertThat(p.prune(curve(5, TrialState.RUNNING, 0.9, 0.69), finished())).isFalse();
        assertThat(p.prune(curve(5, TrialState.RUNNING, 0.9, 0.71), finished())).isTrue();
        assertThat(p.prune(curve(5, TrialState.RUNNING, Double.NaN, Double.NaN), finished())).isTrue();
    }

    @Test
    void aStepNoFinishedTrialReachedIsNotJudged() {
        MedianPruner p = MedianPruner.optunaDefaults(Direction.MAXIMIZE);
        assertThat(p.prune(curve(5, TrialState.RUNNING, 0.0, 0.0, 0.0, 0.0), finished())).isFalse();
    }
}
