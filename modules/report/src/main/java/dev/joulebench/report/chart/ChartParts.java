package dev.joulebench.report.chart;

import java.awt.Color;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The pieces every chart is built from: styled line charts, labelled markers, downsampled series, axes. */
record ChartParts(ChartStyle style) {
    /** Dots on short series (a few epochs), where a line alone hides how few points there are. */
    static JFreeChart markers(JFreeChart chart) {
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
            boolean few = plot.getDataset().getItemCount(i) <= 30;
            r.setSeriesShapesVisible(i, few);
            r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
        }
        return chart;
    }

    /** A marker line with a small label on a white ground; {@code left}: the label sits left of a vertical line. */
    ValueMarker marker(double value, Color paint, java.awt.Stroke stroke, String label, boolean vertical) {
        ValueMarker m = new ValueMarker(value, paint, stroke);
        if (label != null) {
            m.setLabel(label);
            m.setLabelFont(style.font(6.6f));
            m.setLabelPaint(paint);
            m.setLabelBackgroundColor(Color.WHITE);
            if (vertical) {
                m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            } else {
                m.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
                m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            }
        }
        return m;
    }

    /**
     * A log axis labelled at whole decades only, with unlabelled minor ticks between (JFreeChart's default ticks fall
     * on fractional powers of ten: 1.585E1).
     */
    static LogAxis logAxis(String label, double lo, double hi) {
        LogAxis log = new LogAxis(label);
        log.setSmallestValue(Math.max(1e-300, lo / 10));
        log.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
        log.setMinorTickCount(9);
        log.setMinorTickMarksVisible(true);
        boolean plain = lo >= 0.01 && hi < 1e6;
        log.setNumberFormatOverride(plain ? new java.text.DecimalFormat("#,##0.##") : new java.text.DecimalFormat("0E0"));
        return log;
    }

    /** Whole numbers on an axis of epochs. */
    static void integerTicks(org.jfree.chart.axis.ValueAxis axis) {
        if (axis instanceof NumberAxis n) {
            n.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
    }

    /** A line chart with a legend and the style's strokes and colours. */
    JFreeChart lines(String title, String x, String y, XYSeriesCollection data) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, x, y, data, PlotOrientation.VERTICAL,
                data.getSeriesCount() > 0, false, false);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        r.setAutoPopulateSeriesStroke(false);
        r.setAutoPopulateSeriesPaint(false);
        r.setDrawSeriesLineAsPath(true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesPaint(i, style.color(i));
            r.setSeriesStroke(i, style.stroke(i, 1.2f));
        }
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        return chart;
    }

    /** A series of at most {@link Downsample#MAX} points; NaN is a gap in the line. */
    static XYSeries series(String name, double[] x, double[] y) {
        double[][] d = Downsample.means(x, y, Downsample.MAX);
        XYSeries s = new XYSeries(name, false, true);
        for (int i = 0; i < d[0].length; i++) {
            if (Double.isFinite(d[0][i])) {
                s.add(d[0][i], Double.isFinite(d[1][i]) ? Double.valueOf(d[1][i]) : null);
            }
        }
        return s;
    }

    static String sig(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3g", v) : "–";
    }
}
