package dev.joulebench.report.content;

import dev.joulebench.report.chart.RunCharts;
import dev.joulebench.report.data.RunData;

/** The loss and accuracy curves section. */
final class CurvesSection {
    private final RunCharts charts;

    CurvesSection(RunCharts charts) {
        this.charts = charts;
    }

    void write(RunData run, Blocks b) {
        boolean loss = run.metrics().stream().anyMatch(m -> m.name().endsWith("loss"));
        boolean accuracy = run.metrics().stream().anyMatch(m -> m.name().endsWith("accuracy") && m.epoch() >= 0
                && !m.name().startsWith("test/") && !m.name().contains("/test_"));
        if (!loss && !accuracy) {
            return;
        }
        b.section(run.kind().equals("compress") ? "Healing and accuracy curves" : "Loss and accuracy");
        if (loss) {
            b.chart("loss", charts.loss(run.metrics()), 0.42, "Loss against the optimizer step (train/loss is the mean over "
                    + "a window of steps; epoch and validation losses at the end of each epoch).");
        }
        if (accuracy) {
            b.chart("accuracy", charts.accuracy(run.metrics()), 0.42, "Accuracy per epoch"
                    + (RunCharts.hasTestLine(run.metrics()) ? "; dotted lines are test accuracies (the final one, or "
                    + "before and after compression)." : "."));
        }
    }
}
