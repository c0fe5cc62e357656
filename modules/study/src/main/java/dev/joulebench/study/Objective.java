package dev.joulebench.study;

/**
 * One thing a study optimises: a summary metric of the trial's run (as in its run.json, e.g.
 * {@code val/best_accuracy}, {@code energy/kwh}, {@code train/seconds}, {@code params}) and its direction.
 */
public record Objective(String metric, Direction direction) {
    public Objective {
        direction = direction == null ? Direction.MAXIMIZE : direction;
    }
}
