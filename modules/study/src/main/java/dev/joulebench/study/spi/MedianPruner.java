package dev.joulebench.study.spi;

import dev.joulebench.study.Direction;
import dev.joulebench.study.Pruner;
import dev.joulebench.study.Trial;
import dev.joulebench.study.TrialState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Optuna's MedianPruner (a 50th-percentile pruner): once {@code startupTrials} trials have finished, a trial
 * past {@code warmupSteps} is pruned at a step when its best intermediate value so far is worse than the median
 * of the finished trials' values at that same step (linear interpolation, NaN ignored; at least
 * {@code minTrials} of them must have a value there). A trial whose values are all NaN is pruned.
 */
public final class MedianPruner implements Pruner {
    private final int startupTrials;
    private final int warmupSteps;
    private final int intervalSteps;
    private final int minTrials;
    private final Direction direction;

    public MedianPruner(int startupTrials, int warmupSteps, int intervalSteps, int minTrials, Direction direction) {
        if (startupTrials < 0 || warmupSteps < 0 || intervalSteps < 1 || minTrials < 1) {
            throw new IllegalArgumentException("median pruner needs startup >= 0, warmup >= 0, interval >= 1, "
                    + "minTrials >= 1");
        }
        this.startupTrials = startupTrials;
        this.warmupSteps = warmupSteps;
        this.intervalSteps = intervalSteps;
        this.minTrials = minTrials;
        this.direction = direction;
    }

    /** Optuna's defaults: 5 start-up trials, no warm-up, every step, one trial at the step. */
    public static MedianPruner optunaDefaults(Direction direction) {
        return new MedianPruner(5, 0, 1, 1, direction);
    }

    @Override
    public boolean prune(Trial trial, List<Trial> trials) {
        List<Trial> finished = trials.stream()
                .filter(t -> t.state() == TrialState.FINISHED && t.number() != trial.number()).toList();
        if (finished.isEmpty() || finished.size() < startupTrials) {
            return false;
        }
        int step = trial.lastStep();
        if (step < 0 || step < warmupSteps || !firstInInterval(trial, step)) {
            return false;
        }
        double best = best(trial);
        if (Double.isNaN(best)) {
            return true;
        }
        List<Double> atStep = new ArrayList<>();
        for (Trial t : finished) {
            Double v = t.intermediate().get(step);
            if (v != null) {
                atStep.add(v);
            }
        }
        if (atStep.size() < minTrials) {
            return false;
        }
        double median = percentile(atStep, 50);
        if (Double.isNaN(median)) {
            return false;
        }
        return direction == Direction.MAXIMIZE ? best < median : best > median;
    }

    /** Optuna's {@code _is_first_in_interval_step}: no earlier report in the current interval. */
    private boolean firstInInterval(Trial trial, int step) {
        int nearestLower = (step - warmupSteps) / intervalSteps * intervalSteps + warmupSteps;
        int secondLast = -1;
        for (int s : trial.intermediate().keySet()) {
            if (s > secondLast && s != step) {
                secondLast = s;
            }
        }
        return secondLast < nearestLower;
    }

    private double best(Trial trial) {
        double best = Double.NaN;
        for (double v : trial.intermediate().values()) {
            if (Double.isNaN(v)) {
                continue;
            }
            if (Double.isNaN(best) || (direction == Direction.MAXIMIZE ? v > best : v < best)) {
                best = v;
            }
        }
        return best;
    }

    /** numpy's nanpercentile with linear interpolation. */
    static double percentile(List<Double> values, double q) {
        List<Double> v = new ArrayList<>(values.stream().filter(x -> !Double.isNaN(x)).toList());
        if (v.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(v);
        double rank = q / 100.0 * (v.size() - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return v.get(lo) + (v.get(hi) - v.get(lo)) * (rank - lo);
    }

    @Override
    public String name() {
        return "median";
    }
}
