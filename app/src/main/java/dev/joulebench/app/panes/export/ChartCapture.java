package dev.joulebench.app.panes.export;

import dev.joulebench.report.chart.Palette;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.Axis;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.ChartPlugin;
import io.fair_acc.chartfx.plugins.XValueIndicator;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.Renderer;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.ui.css.DataSetNode;
import io.fair_acc.dataset.DataSet;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * Copies what a chartfx chart shows into a {@link PlotSnapshot}: title, axis names, units and current ranges (log
 * axes too), each attached data set's name, on-screen colour and points (read under the data set's read lock,
 * as chartfx's own renderer reads them), and the labelled x markers. FX thread.
 */
public final class ChartCapture {
    /** The labelled markers (λ+, cuts) in the report's marker colour, as its spectrum charts draw λ+. */
    static final int MARKER_RGB = Palette.series(1).getRGB() & 0xFFFFFF;

    private ChartCapture() {}

    public static PlotSnapshot of(XYChart chart) {
        List<PlotSnapshot.Series> series = new ArrayList<>();
        int index = 0;
        for (Renderer r : chart.getRenderers()) {
            if (!(r instanceof ErrorDataSetRenderer renderer)) {
                continue;
            }
            PlotSnapshot.Style style = style(renderer);
            for (DataSetNode node : renderer.getDatasetNodes()) {
                series.add(series(node, style, index++));
            }
        }
        List<PlotSnapshot.Marker> markers = new ArrayList<>();
        for (ChartPlugin p : chart.getPlugins()) {
            // the unlabelled indicator is the linked hover cursor: where the pointer was, not part of the data
            if (p instanceof XValueIndicator x && Double.isFinite(x.getValue()) && x.getText() != null
                    && !x.getText().isEmpty()) {
                markers.add(new PlotSnapshot.Marker(x.getValue(), x.getText(), MARKER_RGB));
            }
        }
        return new PlotSnapshot(chart.getTitle() == null ? "" : chart.getTitle(), axis(chart.getXAxis()),
                axis(chart.getYAxis()), series, markers);
    }

    private static PlotSnapshot.Style style(ErrorDataSetRenderer r) {
        LineStyle line = r.getPolyLineStyle();
        if (line == LineStyle.HISTOGRAM_FILLED || line == LineStyle.HISTOGRAM) {
            return PlotSnapshot.Style.BARS;
        }
        if (line == LineStyle.AREA) {
            return PlotSnapshot.Style.AREA;
        }
        if (line == LineStyle.NONE) {
            return PlotSnapshot.Style.POINTS;
        }
        return r.isDrawMarker() ? PlotSnapshot.Style.LINE_AND_POINTS : PlotSnapshot.Style.LINE;
    }

    private static PlotSnapshot.Series series(DataSetNode node, PlotSnapshot.Style style, int index) {
        DataSet ds = node.getDataSet();
        double[][] xy = ds.lock().readLockGuard(() -> {
            int n = ds.getDataCount();
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = ds.get(DataSet.DIM_X, i);
                y[i] = ds.get(DataSet.DIM_Y, i);
            }
            return new double[][] {x, y};
        });
        Paint paint = style == PlotSnapshot.Style.POINTS ? node.getMarkerColor() : node.getLineColor();
        int rgb = paint instanceof Color c ? rgb(c) : Palette.series(index).getRGB() & 0xFFFFFF;
        double[] dashes = node.getLineDashes();
        return new PlotSnapshot.Series(ds.getName(), rgb, style, dashes != null && dashes.length > 0, xy[0], xy[1]);
    }

    private static PlotSnapshot.Axis axis(Axis a) {
        double logBase = a instanceof DefaultNumericAxis n && n.isLogAxis() ? n.getLogarithmBase() : 0;
        return new PlotSnapshot.Axis(a.getName() == null ? "" : a.getName(), a.getUnit() == null ? "" : a.getUnit(),
                a.getMin(), a.getMax(), logBase);
    }

    static int rgb(Color c) {
        return (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
    }
}
