package dev.joulebench.report.chart;

import dev.joulebench.report.data.ActivationSnapshot;
import dev.joulebench.spectra.LayerSpectrum;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeriesCollection;

/** A run's weight and activation spectra charts. */
final class SpectrumCharts {
    private final ChartStyle style;
    private final ChartParts parts;

    SpectrumCharts(ChartParts parts) {
        this.style = parts.style();
        this.parts = parts;
    }

    /** A layer's ESD as a density histogram with the fitted Marchenko-Pastur density, λ+ and the spikes. */
    JFreeChart weightSpectrum(LayerSpectrum s) {
        XYIntervalSeries hist = new XYIntervalSeries("ESD (density)");
        double[] edges = s.histogram().edges();
        double[] density = s.histogram().density();
        for (int i = 0; i < density.length; i++) {
            double mid = 0.5 * (edges[i] + edges[i + 1]);
            hist.add(mid, edges[i], edges[i + 1], density[i], 0, density[i]);
        }
        XYIntervalSeriesCollection bars = new XYIntervalSeriesCollection();
        bars.addSeries(hist);
        JFreeChart chart = ChartFactory.createXYBarChart(null, "eigenvalue λ of WᵀW/N", false, "density", bars,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYBarRenderer bar = (XYBarRenderer) plot.getRenderer();
        bar.setBarPainter(new StandardXYBarPainter());
        bar.setShadowVisible(false);
        bar.setDrawBarOutline(false);
        bar.setSeriesPaint(0, new Color(166, 196, 224));
        if (s.mpCurve() != null && s.mpCurve().x().length > 0) {
            XYSeriesCollection mp = new XYSeriesCollection(ChartParts.series("Marchenko–Pastur fit (σ² = "
                    + ChartParts.sig(s.mp().sigma2()) + ")", s.mpCurve().x(), s.mpCurve().y()));
            XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
            line.setSeriesPaint(0, Palette.series(1));
            line.setSeriesStroke(0, style.stroke(0, 1.3f));
            plot.setDataset(1, mp);
            plot.setRenderer(1, line);
        }
        plot.addDomainMarker(parts.marker(s.mp().lambdaPlus(), Palette.series(1), style.dashed(0.9f),
                "λ+ = " + ChartParts.sig(s.mp().lambdaPlus()), true), Layer.FOREGROUND);
        if (s.mp().spikeValues() != null) {
            for (double spike : s.mp().spikeValues()) {
                ValueMarker m = new ValueMarker(spike, Palette.series(3), new BasicStroke(0.8f));
                plot.addDomainMarker(m, Layer.FOREGROUND);
            }
        }
        chart.setTitle(s.layer() + " (" + s.n() + "×" + s.m() + ")");
        String alpha = Double.isFinite(s.powerLaw().alpha()) ? "α = " + String.format(Locale.ROOT, "%.2f",
                s.powerLaw().alpha()) : "α not fitted";
        chart.addSubtitle(new TextTitle(alpha + ", " + s.spikes() + " spike" + (s.spikes() == 1 ? "" : "s")
                + " above λ+ (purple lines), MP KS distance " + ChartParts.sig(s.mp().ks())
                + (s.flag() == null ? "" : ", " + s.flag())));
        return style.apply(chart);
    }

    /** The largest activation eigenvalue per layer over training, with each layer's MP edge dashed. */
    JFreeChart activations(List<ActivationSnapshot> snapshots) {
        Map<String, List<ActivationSnapshot>> byLayer = new LinkedHashMap<>();
        snapshots.forEach(s -> byLayer.computeIfAbsent(s.layer(), k -> new ArrayList<>()).add(s));
        XYSeriesCollection data = new XYSeriesCollection();
        List<Boolean> edge = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Map.Entry<String, List<ActivationSnapshot>> e : byLayer.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(ActivationSnapshot::step).toArray();
            double[] top = e.getValue().stream().mapToDouble(ActivationSnapshot::top).toArray();
            double[] mp = e.getValue().stream().mapToDouble(ActivationSnapshot::mpLambdaPlus).toArray();
            for (double v : top) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            data.addSeries(ChartParts.series(e.getKey() + " λmax", x, top));
            edge.add(false);
            if (java.util.Arrays.stream(mp).anyMatch(Double::isFinite)) {
                data.addSeries(ChartParts.series(e.getKey() + " MP edge λ+", x, mp));
                edge.add(true);
            }
        }
        JFreeChart chart = parts.lines("Activation spectra: largest eigenvalue of each hidden layer's covariance",
                "optimizer step", "eigenvalue", data);
        XYPlot plot = chart.getXYPlot();
        if (lo > 0 && hi / lo > 100) {
            // decades only: fractional powers of ten make unreadable ticks
            plot.setRangeAxis(ChartParts.logAxis("eigenvalue (log scale)", lo, hi));
        }
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        int layer = -1;
        for (int i = 0; i < edge.size(); i++) {
            if (!edge.get(i)) {
                layer++;
            }
            r.setSeriesPaint(i, style.color(layer));
            r.setSeriesStroke(i, edge.get(i) ? style.dashed(0.9f) : style.stroke(0, 1.3f));
            r.setSeriesShapesVisible(i, !edge.get(i) && data.getItemCount(i) <= 30);
            r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
        }
        return style.apply(ChartParts.markers(chart));
    }
}
