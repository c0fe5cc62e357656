package dev.joulebench.app.studies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.joulebench.core.Json;
import dev.joulebench.study.Distribution;
import dev.joulebench.study.StudySpec;
import dev.joulebench.study.Trial;
import dev.joulebench.study.TrialState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart computations on hand-checked cases: a minimised objective, log and single-value ranges, strays. */
class StudiesPlotsTest {
    private static final StudySpec LOSS = spec("""
            {"name": "loss", "base": {"kind": "train", "method": "bp", "dataset": "samples", "model": "mlp:784-${w}-10"},
             "parameters": [{"name": "w", "type": "int", "low": 1, "high": 100, "log": true},
               {"name": "act", "type": "categorical", "choices": ["relu"], "field": "options.act"}],
             "objectives": [{"metric": "val/loss", "direction": "minimize"}]}""");

    @Test
    void theBestSoFarOfAMinimisedObjectiveOnlyFalls() {
        List<Trial> trials = List.of(done(0, 10, 0.5, 1e-4), done(1, 10, 0.7, 1e-4), done(3, 10, 0.2, 2e-4),
                Trial.queued(2, Map.of("w", 10, "act", "relu")));
        StudyPlots.History h = StudyPlots.history(LOSS, trials);
        assertThat(h.values().x()).containsExactly(0, 1, 3);
        assertThat(h.bestSoFar().y()).containsExactly(0.5, 0.5, 0.2);
        assertThat(h.yLabel()).isEqualTo("val/loss");
    }

    @Test
    void theEnergyFrontOfAMinimisedObjectiveKeepsLowLossOrLowKwh() {
        // trial 1 (0.7 at 1e-4) is dominated by trial 0 (0.5 at 1e-4); trial 3 has lower loss at more kWh
        List<Trial> trials = List.of(done(0, 10, 0.5, 1e-4), done(1, 10, 0.7, 1e-4), done(3, 10, 0.2, 2e-4));
        StudyPlots.Scatter s = StudyPlots.scatter(LOSS, trials);
        assertThat(s.front().x()).containsExactly(1e-4, 2e-4);
        assertThat(s.front().y()).containsExactly(0.5, 0.2);
        assertThat(s.title()).isEqualTo("loss vs kWh (front: min, min)");
    }

    @Test
    void parallelCoordinatesScaleLogIntsAndPutASingleChoiceInTheMiddle() {
        List<Trial> trials = List.of(done(0, 10, 0.5, 1e-4), done(1, 100, 0.7, 1e-4),
                // a width outside the range (the spec was edited after it ran): no line for it
                done(2, 1000, 0.6, 1e-4));
        StudyPlots.Parallel p = StudyPlots.parallel(LOSS, trials);
        assertThat(p.axes()).containsExactly("w", "act", "val/loss");
        assertThat(p.trialNumbers()).containsExactly(0, 1);
        assertThat(p.lines().get(0).y()).containsExactly(new double[] {0.5, 0.5, 0.0}, within(1e-12));
        assertThat(p.lines().get(1).y()).containsExactly(new double[] {1.0, 0.5, 1.0}, within(1e-12));
        assertThat(StudyPlots.scaled(new Distribution.FloatRange(1e-4, 1e-1, true, null), 1e-2))
                .isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void aLargeStudyDrawsOnlyItsBestTrialsAsParallelLinesAndSaysSo() {
        List<Trial> trials = List.of(done(0, 10, 0.5, 1e-4), done(1, 20, 0.7, 1e-4), done(2, 30, 0.2, 1e-4));
        StudyPlots.Parallel p = StudyPlots.parallel(LOSS, trials, 2);
        assertThat(p.trialNumbers()).containsExactly(0, 2); // the two lowest losses, by number
        assertThat(p.finished()).isEqualTo(3);
        assertThat(StudyPlots.parallel(LOSS, trials).title()).isEqualTo("Parallel coordinates");
        assertThat(new StudyPlots.Parallel(List.of(), List.of(), List.of(), StudyPlots.MAX_PARALLEL_LINES + 1).title())
                .isEqualTo("Parallel coordinates (best 300 of 301)");
    }

    @Test
    void numbersReadShortInTheTable() {
        assertThat(TrialRow.format(0.001)).isEqualTo("0.001");
        assertThat(TrialRow.format(0.83251)).isEqualTo("0.8325");
        assertThat(TrialRow.format(64.0)).isEqualTo("64");
        assertThat(TrialRow.format(1.5e-5)).isEqualTo("1.500e-05");
        assertThat(TrialRow.format("relu")).isEqualTo("relu");
    }

    private static Trial done(int n, int w, double loss, double kwh) {
        return new Trial(n, Map.of("w", w, "act", "relu"), TrialState.FINISHED, "r" + n, List.of(loss), null, null,
                1.0, kwh, null);
    }

    private static StudySpec spec(String json) {
        try {
            return Json.mapper().readValue(json, StudySpec.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
