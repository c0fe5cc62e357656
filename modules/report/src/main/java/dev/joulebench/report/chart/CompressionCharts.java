package dev.joulebench.report.chart;

import dev.joulebench.report.data.CompressionData;
import dev.joulebench.report.doc.Figure;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;

/** A compression run's sensitivity charts: accuracy against χ per layer. */
final class CompressionCharts {
    private final ChartStyle style;
    private final ChartParts parts;

    CompressionCharts(ChartParts parts) {
        this.style = parts.style();
        this.parts = parts;
    }

    /** Validation accuracy of each layer compressed alone against χ, with the dense model's as a line across. */
    JFreeChart accuracyVsChi(CompressionData.Sensitivity s) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int l = 0; l < s.layers().size(); l++) {
            double[] x = new double[s.chis().length];
            double[] y = new double[x.length];
            for (int c = 0; c < x.length; c++) {
                x[c] = s.chis()[c];
                y[c] = s.accuracy()[l][c] * 100;
            }
            data.addSeries(ChartParts.series(s.layers().get(l), x, y));
        }
        JFreeChart chart = parts.lines("Validation accuracy against χ (each layer compressed alone)", "bond dimension χ",
                "validation accuracy (%)", data);
        XYPlot plot = chart.getXYPlot();
        if (s.chis().length > 1 && s.chis()[0] > 0) {
            LogAxis log = new LogAxis("bond dimension χ (log scale)");
            log.setBase(2);
            log.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            log.setNumberFormatOverride(new java.text.DecimalFormat("0"));
            plot.setDomainAxis(log);
        }
        if (Double.isFinite(s.baselineAccuracy())) {
            plot.addRangeMarker(parts.marker(s.baselineAccuracy() * 100, Palette.MUTED, style.dotted(0.9f),
                    String.format(Locale.ROOT, "dense %.2f %%", s.baselineAccuracy() * 100), false));
        }
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesShapesVisible(i, true);
            r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-2.2, -2.2, 4.4, 4.4));
        }
        return style.apply(chart);
    }

    /** The layers × χ table as a heat map: darker is more accurate; the policy's choice is outlined. */
    Figure.Drawing sensitivityHeatmap(CompressionData.Sensitivity s) {
        return (g, area) -> new SensitivityHeatmap(style, s).draw(g, area);
    }
}
