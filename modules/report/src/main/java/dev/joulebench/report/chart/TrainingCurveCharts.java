package dev.joulebench.report.chart;

import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.report.data.MetricPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.data.xy.XYSeriesCollection;

/** A run's loss and accuracy curves, from metrics.jsonl. */
final class TrainingCurveCharts {
    private final ChartStyle style;
    private final ChartParts parts;

    TrainingCurveCharts(ChartParts parts) {
        this.style = parts.style();
        this.parts = parts;
    }

    /** Loss curves against the optimizer step: training (windowed), per epoch, validation, healing. */
    JFreeChart loss(List<MetricPoint> metrics) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String name : List.of(MetricKeys.TRAIN_LOSS, MetricKeys.TRAIN_EPOCH_LOSS, MetricKeys.VAL_LOSS,
                MetricKeys.HEAL_LOSS, MetricKeys.HEAL_VAL_LOSS)) {
            addMetric(data, metrics, name, false);
        }
        JFreeChart chart = ChartParts.markers(parts.lines("Loss", "optimizer step", "loss", data));
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeMinimumSize(0.05);
        return style.apply(chart);
    }

    /** Accuracy per epoch (validation, healing), with the test accuracy as a line across. */
    JFreeChart accuracy(List<MetricPoint> metrics) {
        XYSeriesCollection data = new XYSeriesCollection();
        List<String> names = new ArrayList<>(List.of(MetricKeys.VAL_ACCURACY, MetricKeys.HEAL_VAL_ACCURACY,
                "train/accuracy"));
        // layer-local methods record one accuracy per layer or block
        metrics.stream().map(MetricPoint::name).distinct()
                .filter(n -> n.startsWith("val/") && n.endsWith("_accuracy") && !names.contains(n)).forEach(names::add);
        for (String name : names) {
            addMetric(data, metrics, name, true);
        }
        JFreeChart chart = ChartParts.markers(parts.lines("Accuracy", "epoch", "accuracy (%)", data));
        // markers do not widen JFreeChart's auto range: take the test lines into the range by hand
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < data.getSeriesCount(); i++) {
            for (int k = 0; k < data.getItemCount(i); k++) {
                double v = data.getYValue(i, k);
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        boolean marked = false;
        for (MetricPoint m : metrics) {
            String stage = testStage(m.name());
            if (stage != null && Double.isFinite(m.value())) {
                chart.getXYPlot().addRangeMarker(parts.marker(m.value() * 100, Palette.MUTED, style.dotted(0.9f),
                        String.format(Locale.ROOT, "%s %.2f %%", stage, m.value() * 100), false));
                lo = Math.min(lo, m.value() * 100);
                hi = Math.max(hi, m.value() * 100);
                marked = true;
            }
        }
        if (marked && hi >= lo) {
            double pad = Math.max(1, (hi - lo) * 0.08);
            // a marker's label sits under its line: room for the lowest one's
            chart.getXYPlot().getRangeAxis().setRange(lo - 2 * pad, hi + pad);
        }
        NumberAxis y = (NumberAxis) chart.getXYPlot().getRangeAxis();
        y.setAutoRangeIncludesZero(false);
        y.setAutoRangeMinimumSize(2); // one point, or a flat line, still gets a readable axis
        ChartParts.integerTicks(chart.getXYPlot().getDomainAxis());
        return style.apply(chart);
    }

    /** "test" for test/accuracy, "after: test" for a compression stage's after/test_accuracy; null otherwise. */
    static String testStage(String metric) {
        if (metric.equals(MetricKeys.TEST_ACCURACY)) {
            return "test";
        }
        return metric.endsWith("/test_accuracy") ? metric.substring(0, metric.indexOf('/')) + ": test" : null;
    }

    /** Whether the accuracy chart draws a test accuracy line. */
    static boolean hasTestLine(List<MetricPoint> metrics) {
        return metrics.stream().anyMatch(m -> testStage(m.name()) != null && Double.isFinite(m.value()));
    }

    /** Whether {@link #loss} or {@link #accuracy} would have something to draw. */
    static boolean hasCurves(List<MetricPoint> metrics) {
        return metrics.stream().anyMatch(m -> m.name().endsWith("loss") || m.name().endsWith("accuracy"));
    }

    private static void addMetric(XYSeriesCollection data, List<MetricPoint> metrics, String name, boolean perEpoch) {
        List<MetricPoint> pts = metrics.stream().filter(m -> m.name().equals(name)).toList();
        if (pts.isEmpty()) {
            return;
        }
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            MetricPoint p = pts.get(i);
            // epochs are 0-based in metrics.jsonl; people count from 1
            x[i] = perEpoch ? p.epoch() + 1 : p.step();
            y[i] = perEpoch ? p.value() * 100 : p.value();
        }
        data.addSeries(ChartParts.series(name, x, y));
    }
}
