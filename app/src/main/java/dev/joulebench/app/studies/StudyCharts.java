package dev.joulebench.app.studies;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.AxisLabelOverlapPolicy;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.ui.css.ColorPalette;
import io.fair_acc.dataset.DataSet;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

/**
 * The three study charts: optimisation history (points and a best-so-far staircase), objective scatter (points
 * and the Pareto front as a line) and parallel coordinates (one line per finished trial). FX thread only: it
 * attaches the data sets of {@link StudyChartData} and sets titles and axes; it never writes a data set.
 */
final class StudyCharts {
    private final XYChart history;
    private final XYChart scatter;
    private final XYChart parallel;
    private final DefaultNumericAxis historyY;
    private final DefaultNumericAxis scatterX;
    private final DefaultNumericAxis scatterY;
    private final DefaultNumericAxis parallelX;
    private final ErrorDataSetRenderer parallelLines = renderer(LineStyle.NORMAL, true);
    private final StudyChartData data;
    private final Tooltip scatterTip = new Tooltip();
    private final Tooltip parallelTip = new Tooltip();
    private long attachedParallel = -1;
    private List<String> axisNames = List.of();

    StudyCharts(StudyChartData data) {
        this.data = data;
        DefaultNumericAxis historyX = axis("trial", true);
        historyX.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                double v = n.doubleValue(); // trials are whole numbers: no label between them
                return v == Math.rint(v) ? Long.toString((long) v) : "";
            }

            @Override
            public Number fromString(String s) {
                return Double.valueOf(s);
            }
        });
        historyY = axis("objective", true);
        history = chart("Optimisation history", historyX, historyY);
        ErrorDataSetRenderer trialPoints = renderer(LineStyle.NONE, true);
        trialPoints.getDatasets().add(data.historyValues);
        ErrorDataSetRenderer bestLine = renderer(LineStyle.STAIR_CASE, false);
        bestLine.getDatasets().add(data.historyBest);
        history.getRenderers().setAll(trialPoints, bestLine);

        scatterX = axis("", true);
        scatterY = axis("", true);
        scatter = chart("Objectives", scatterX, scatterY);
        ErrorDataSetRenderer scatterPoints = renderer(LineStyle.NONE, true);
        scatterPoints.getDatasets().add(data.scatterTrials);
        ErrorDataSetRenderer frontLine = renderer(LineStyle.NORMAL, true);
        frontLine.getDatasets().add(data.scatterFront);
        scatter.getRenderers().setAll(scatterPoints, frontLine);
        Tooltip.install(scatter, scatterTip);

        // Fixed ranges: x holds one tick per axis (named by the formatter), y the scaled [0, 1].
        parallelX = axis("", false);
        parallelX.setTickUnit(1);
        parallelX.setMinorTickCount(0);
        parallelX.setOverlapPolicy(AxisLabelOverlapPolicy.SHIFT_ALT); // close names on two rows, not dropped
        parallelX.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                double v = n.doubleValue();
                int i = (int) Math.rint(v);
                return Math.abs(v - i) < 1e-9 && i >= 0 && i < axisNames.size()
                        ? StudyPlots.shortName(axisNames.get(i)) : "";
            }

            @Override
            public Number fromString(String s) {
                return axisNames.stream().map(StudyPlots::shortName).toList().indexOf(s);
            }
        });
        DefaultNumericAxis parallelY = axis("scaled to the range", false);
        parallelY.set(-0.05, 1.05);
        parallel = chart("Parallel coordinates", parallelX, parallelY);
        parallel.setLegendVisible(false); // one entry per trial would crowd it; the table names the trials
        parallel.getRenderers().setAll(parallelLines);
        Tooltip.install(parallel, parallelTip);
        showAxes(List.of());
    }

    List<XYChart> nodes() {
        return List.of(history, scatter, parallel);
    }

    XYChart history() {
        return history;
    }

    XYChart scatter() {
        return scatter;
    }

    XYChart parallel() {
        return parallel;
    }

    /** The full text of the parallel chart's axes (the tick labels are short names). */
    String parallelDescription() {
        return parallelTip.getText();
    }

    /** The parallel lines as attached to the chart now. */
    List<DataSet> parallelAttached() {
        return List.copyOf(parallelLines.getDatasets());
    }

    /** Labels and titles of the latest read; re-attaches the parallel lines when they were replaced. FX thread. */
    void refresh(String historyLabel, StudyPlots.Scatter s, List<String> axes) {
        historyY.setName(historyLabel == null || historyLabel.isEmpty() ? "objective" : historyLabel);
        scatter.setTitle(s == null ? "Objectives" : s.title());
        scatterTip.setText(s == null ? "The trials' objectives" : s.description());
        scatterX.setName(s == null ? "" : s.xLabel());
        scatterY.setName(s == null ? "" : s.yLabel());
        long version = data.parallelVersion();
        if (version != attachedParallel) {
            attachedParallel = version;
            parallelLines.getDatasets().setAll(data.parallelLines());
        }
        if (!axes.equals(axisNames)) {
            showAxes(axes);
        }
    }

    private void showAxes(List<String> axes) {
        axisNames = List.copyOf(axes);
        parallelTip.setText(axes.isEmpty() ? "One line per finished trial"
                : "One line per finished trial across " + String.join(", ", axes)
                + ", each scaled to [0, 1] of its range (log parameters on a log scale)");
        // room beside the first and last tick for half a name (the objective's is long), or chartfx drops the label
        parallelX.set(-0.5, Math.max(1, axes.size() - 1) + 1.0);
        parallelX.forceRedraw();
    }

    private static DefaultNumericAxis axis(String name, boolean auto) {
        DefaultNumericAxis a = new DefaultNumericAxis(name, null);
        a.setAnimated(false);
        a.setAutoRangeRounding(false);
        a.setAutoRangePadding(0.05);
        a.setAutoRanging(auto);
        a.setAutoUnitScaling(false);
        if (auto) {
            a.setTickLabelFormatter(new StringConverter<>() {
                @Override
                public String toString(Number n) {
                    double v = n.doubleValue(); // 3 digits; kWh of small runs in powers of ten, not 0.000100
                    if (v == Math.rint(v) && Math.abs(v) < 1e6) {
                        return Long.toString((long) v);
                    }
                    return String.format(Locale.ROOT, Math.abs(v) < 1e-2 ? "%.1e" : "%.3g", v);
                }

                @Override
                public Number fromString(String s) {
                    return Double.valueOf(s);
                }
            });
        }
        return a;
    }

    private static XYChart chart(String title, DefaultNumericAxis x, DefaultNumericAxis y) {
        XYChart c = new XYChart(x, y);
        c.setTitle(title);
        c.setAnimated(false);
        c.setColorPalette(ColorPalette.ATLANTAFX);
        c.getStyleClass().add("jb-study-chart");
        c.setMinSize(160, 160);
        return c;
    }

    private static ErrorDataSetRenderer renderer(LineStyle line, boolean markers) {
        ErrorDataSetRenderer r = new ErrorDataSetRenderer();
        r.setErrorStyle(ErrorStyle.NONE);
        r.setPolyLineStyle(line);
        r.setDrawMarker(markers);
        r.setParallelImplementation(false); // a few dozen points: a pool would only make the FX thread wait
        return r;
    }
}
