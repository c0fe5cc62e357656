package dev.joulebench.app.panes.model;

/** Which chart a metric goes to, by its name as the trainers write it. */
public enum MetricKind {
    /** train/loss, val/loss, heal/loss, train/layer1_loss (ff, mf), train/block2_loss (cafo), train/epoch_loss, ... */
    LOSS,
    /** val/accuracy, test/accuracy, heal/val_accuracy, train/layer1_accuracy, val/block1_accuracy, ... */
    ACCURACY;

    /** The chart for {@code name}, or null for metrics no curve is drawn for (throughput, goodness, active layer). */
    public static MetricKind of(String name) {
        if (name.startsWith("sensitivity/")) {
            return null; // plotted against χ in the sensitivity pane, not against time or step
        }
        if (name.endsWith("loss")) {
            return LOSS;
        }
        if (name.endsWith("accuracy")) {
            return ACCURACY;
        }
        return null;
    }
}
