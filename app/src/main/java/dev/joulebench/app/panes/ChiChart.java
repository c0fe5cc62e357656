package dev.joulebench.app.panes;

import dev.joulebench.app.panes.export.ChartCapture;
import dev.joulebench.app.panes.export.ChartExport;
import dev.joulebench.app.panes.export.ChartExportMenu;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.ui.css.ColorPalette;
import io.fair_acc.dataset.DataSet;
import java.util.List;
import java.util.Locale;

/**
 * Accuracy vs χ (log₂ axis), one curve per layer and the baseline as a dashed horizontal line. FX thread
 * only; its data sets are written by {@link CompressionData}.
 */
final class ChiChart {
    private final XYChart chart;
    private final ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
    private final DefaultNumericAxis chiAxis;
    private long syncedVersion = -1;

    ChiChart(ChartExport exports) {
        DefaultNumericAxis x = new DefaultNumericAxis("bond dimension χ", null);
        DefaultNumericAxis y = new DefaultNumericAxis("accuracy", null);
        for (DefaultNumericAxis a : List.of(x, y)) {
            a.setAnimated(false);
            a.setAutoRanging(true);
            a.setAutoRangeRounding(false);
            a.setAutoRangePadding(0.05);
        }
        x.setLogAxis(true);
        x.setLogarithmBase(2);
        x.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                return String.format(Locale.ROOT, "%.0f", n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return Double.valueOf(s);
            }
        });
        chiAxis = x;
        chart = new XYChart(x, y);
        chart.setTitle("Accuracy vs χ (each layer alone)");
        chart.setAnimated(false);
        chart.setColorPalette(ColorPalette.ATLANTAFX);
        chart.getStyleClass().add("jb-pane-chart");
        renderer.setErrorStyle(ErrorStyle.NONE);
        renderer.setPolyLineStyle(LineStyle.NORMAL);
        renderer.setDrawMarker(true);
        renderer.setParallelImplementation(false);
        chart.getRenderers().setAll(renderer);
        chart.setMinSize(120, 160);
        ChartExportMenu.install(exports, new ChartExport.Target("accuracy-vs-chi", chart, () -> ChartCapture.of(chart)));
    }

    XYChart node() {
        return chart;
    }

    /** Attaches {@code sets} when {@code version} differs from the last attached one. FX thread. */
    void sync(List<? extends DataSet> sets, long version) {
        if (version != syncedVersion) {
            syncedVersion = version;
            renderer.getDatasets().setAll(sets);
        }
    }

    /** Spans the profiled χ with a margin, so the first and last χ get their tick labels; null = auto. FX thread. */
    void showChis(int[] chis) {
        if (chis == null || chis.length == 0) {
            chiAxis.setAutoRanging(true);
            return;
        }
        chiAxis.setAutoRanging(false);
        chiAxis.set(chis[0] / 1.25, chis[chis.length - 1] * 1.25);
        chiAxis.forceRedraw();
    }

    int curves() {
        return renderer.getDatasets().size();
    }
}
