package dev.joulebench.report.chart;

import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.energy.Method;
import dev.joulebench.energy.PowerLog;
import dev.joulebench.report.data.ActivationSnapshot;
import dev.joulebench.report.data.CompressionData;
import dev.joulebench.report.data.MetricPoint;
import dev.joulebench.spectra.LayerSpectrum;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The charts of one run, drawn from its files; every axis says its quantity and unit. */
public final class RunCharts {
    private final ChartStyle style;

    public RunCharts(ChartStyle style) {
        this.style = style;
    }

    /** Watts per source over the run; measured sources solid, estimated ones dashed, each named in the legend. */
    public JFreeChart power(PowerLog log) {
        XYSeriesCollection data = new XYSeriesCollection();
        List<Boolean> estimated = new ArrayList<>();
        for (int i = 0; i < log.sources().size(); i++) {
            PowerLog.Source s = log.sources().get(i);
            double[] x = new double[log.rows().size()];
            double[] y = new double[x.length];
            for (int r = 0; r < x.length; r++) {
                x[r] = log.rows().get(r).t();
                y[r] = log.rows().get(r).watts()[i];
            }
            data.addSeries(series(s.id() + ", " + s.method().summary(), x, y));
            estimated.add(s.method() == Method.ESTIMATED);
        }
        JFreeChart chart = lines("Power per source", "time since start (s)", "power (W)", data);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        for (int i = 0; i < estimated.size(); i++) {
            r.setSeriesStroke(i, estimated.get(i) ? style.dashed(1.1f) : style.stroke(0, 1.1f));
        }
        return style.apply(chart);
    }

    /** Cumulative energy per source and in all, as the energy module's ledger replays power.csv. */
    public JFreeChart cumulativeEnergy(List<PowerLog.Point> points) {
        double last = points.isEmpty() ? 0 : points.get(points.size() - 1).totalJoules();
        EnergyUnit unit = EnergyUnit.forJoules(last);
        XYSeriesCollection data = new XYSeriesCollection();
        Map<String, List<double[]>> bySource = new LinkedHashMap<>();
        double[] tx = new double[points.size()];
        double[] ty = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            PowerLog.Point p = points.get(i);
            tx[i] = p.t();
            ty[i] = unit.fromJoules(p.totalJoules());
            p.joulesBySource().forEach((id, j) -> bySource.computeIfAbsent(id, k -> new ArrayList<>())
                    .add(new double[] {p.t(), unit.fromJoules(j)}));
        }
        data.addSeries(series("total", tx, ty));
        bySource.forEach((id, pts) -> {
            double[] x = new double[pts.size()];
            double[] y = new double[pts.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = pts.get(i)[0];
                y[i] = pts.get(i)[1];
            }
            String method = points.get(points.size() - 1).methods().getOrDefault(id, Method.ESTIMATED).label();
            data.addSeries(series(id + ", " + method, x, y));
        });
        JFreeChart chart = lines("Cumulative energy (IT equipment, before PUE)", "time since start (s)",
                "energy (" + unit.symbol() + ")", data);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        r.setSeriesStroke(0, style.stroke(0, 1.8f));
        r.setSeriesPaint(0, Palette.TEXT);
        for (int i = 1; i < data.getSeriesCount(); i++) {
            r.setSeriesPaint(i, style.color(i - 1));
        }
        return style.apply(chart);
    }

    /** Loss curves against the optimizer step: training (windowed), per epoch, validation, healing. */
    public JFreeChart loss(List<MetricPoint> metrics) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String name : List.of(MetricKeys.TRAIN_LOSS, MetricKeys.TRAIN_EPOCH_LOSS, MetricKeys.VAL_LOSS,
                MetricKeys.HEAL_LOSS, MetricKeys.HEAL_VAL_LOSS)) {
            addMetric(data, metrics, name, false);
        }
        JFreeChart chart = markers(lines("Loss", "optimizer step", "loss", data));
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeMinimumSize(0.05);
        return style.apply(chart);
    }

    /** Accuracy per epoch (validation, healing), with the test accuracy as a line across. */
    public JFreeChart accuracy(List<MetricPoint> metrics) {
        XYSeriesCollection data = new XYSeriesCollection();
        List<String> names = new ArrayList<>(List.of(MetricKeys.VAL_ACCURACY, MetricKeys.HEAL_VAL_ACCURACY,
                "train/accuracy"));
        // layer-local methods record one accuracy per layer or block
        metrics.stream().map(MetricPoint::name).distinct()
                .filter(n -> n.startsWith("val/") && n.endsWith("_accuracy") && !names.contains(n)).forEach(names::add);
        for (String name : names) {
            addMetric(data, metrics, name, true);
        }
        JFreeChart chart = markers(lines("Accuracy", "epoch", "accuracy (%)", data));
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
                chart.getXYPlot().addRangeMarker(marker(m.value() * 100, Palette.MUTED, style.dotted(0.9f),
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
        integerTicks(chart.getXYPlot().getDomainAxis());
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
    public static boolean hasTestLine(List<MetricPoint> metrics) {
        return metrics.stream().anyMatch(m -> testStage(m.name()) != null && Double.isFinite(m.value()));
    }

    /** Whether {@link #loss} or {@link #accuracy} would have something to draw. */
    public static boolean hasCurves(List<MetricPoint> metrics) {
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
        data.addSeries(series(name, x, y));
    }

    /** Dots on short series (a few epochs), where a line alone hides how few points there are. */
    private static JFreeChart markers(JFreeChart chart) {
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
            boolean few = plot.getDataset().getItemCount(i) <= 30;
            r.setSeriesShapesVisible(i, few);
            r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
        }
        return chart;
    }

    /** A layer's ESD as a density histogram with the fitted Marchenko-Pastur density, λ+ and the spikes. */
    public JFreeChart weightSpectrum(LayerSpectrum s) {
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
            XYSeriesCollection mp = new XYSeriesCollection(series("Marchenko–Pastur fit (σ² = "
                    + sig(s.mp().sigma2()) + ")", s.mpCurve().x(), s.mpCurve().y()));
            XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
            line.setSeriesPaint(0, Palette.series(1));
            line.setSeriesStroke(0, style.stroke(0, 1.3f));
            plot.setDataset(1, mp);
            plot.setRenderer(1, line);
        }
        plot.addDomainMarker(marker(s.mp().lambdaPlus(), Palette.series(1), style.dashed(0.9f),
                "λ+ = " + sig(s.mp().lambdaPlus()), true), Layer.FOREGROUND);
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
                + " above λ+ (purple lines), MP KS distance " + sig(s.mp().ks())
                + (s.flag() == null ? "" : ", " + s.flag())));
        return style.apply(chart);
    }

    /** The largest activation eigenvalue per layer over training, with each layer's MP edge dashed. */
    public JFreeChart activations(List<ActivationSnapshot> snapshots) {
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
            data.addSeries(series(e.getKey() + " λmax", x, top));
            edge.add(false);
            if (java.util.Arrays.stream(mp).anyMatch(Double::isFinite)) {
                data.addSeries(series(e.getKey() + " MP edge λ+", x, mp));
                edge.add(true);
            }
        }
        JFreeChart chart = lines("Activation spectra: largest eigenvalue of each hidden layer's covariance",
                "optimizer step", "eigenvalue", data);
        XYPlot plot = chart.getXYPlot();
        if (lo > 0 && hi / lo > 100) {
            // decades only: fractional powers of ten make unreadable ticks
            plot.setRangeAxis(logAxis("eigenvalue (log scale)", lo, hi));
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
        return style.apply(markers(chart));
    }

    /** Validation accuracy of each layer compressed alone against χ, with the dense model's as a line across. */
    public JFreeChart accuracyVsChi(CompressionData.Sensitivity s) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int l = 0; l < s.layers().size(); l++) {
            double[] x = new double[s.chis().length];
            double[] y = new double[x.length];
            for (int c = 0; c < x.length; c++) {
                x[c] = s.chis()[c];
                y[c] = s.accuracy()[l][c] * 100;
            }
            data.addSeries(series(s.layers().get(l), x, y));
        }
        JFreeChart chart = lines("Validation accuracy against χ (each layer compressed alone)", "bond dimension χ",
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
            plot.addRangeMarker(marker(s.baselineAccuracy() * 100, Palette.MUTED, style.dotted(0.9f),
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
    public dev.joulebench.report.doc.Figure.Drawing sensitivityHeatmap(CompressionData.Sensitivity s) {
        return (g, area) -> new Heatmap(style, s).draw(g, area);
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

    /** Java2D heat map (JFreeChart's block renderer cannot outline single cells or print values in them). */
    private record Heatmap(ChartStyle style, CompressionData.Sensitivity s) {
        void draw(java.awt.Graphics2D g, Rectangle2D area) {
            g.setColor(Color.WHITE);
            g.fill(area);
            int rows = s.layers().size();
            int cols = s.chis().length;
            float labelW = 52;
            float headH = 28;
            float legendH = 16;
            double cw = (area.getWidth() - labelW) / Math.max(1, cols);
            double ch = Math.min(22, (area.getHeight() - headH - legendH) / Math.max(1, rows));
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] row : s.accuracy()) {
                for (double v : row) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            g.setFont(style.boldFont(8.6f));
            g.setColor(Palette.TEXT);
            g.drawString("Sensitivity: validation accuracy (%) with one layer compressed at χ", (float) area.getX(),
                    (float) area.getY() + 10);
            g.setFont(style.font(7f));
            for (int c = 0; c < cols; c++) {
                String label = "χ=" + s.chis()[c];
                float w = g.getFontMetrics().stringWidth(label);
                g.drawString(label, (float) (area.getX() + labelW + c * cw + (cw - w) / 2), (float) area.getY() + headH - 4);
            }
            for (int r = 0; r < rows; r++) {
                double y = area.getY() + headH + r * ch;
                g.setColor(Palette.TEXT);
                g.drawString(s.layers().get(r), (float) area.getX(), (float) (y + ch / 2 + 3));
                Integer chosen = s.policyChi().get(s.layers().get(r));
                for (int c = 0; c < cols; c++) {
                    double v = s.accuracy()[r][c];
                    Rectangle2D cell = new Rectangle2D.Double(area.getX() + labelW + c * cw, y, cw - 1, ch - 1);
                    double f = Double.isFinite(v) && hi > lo ? (v - lo) / (hi - lo) : Double.isFinite(v) ? 1 : -1;
                    Color fill = f < 0 ? Palette.STRIPE : blend(new Color(239, 245, 251), new Color(8, 69, 148), f);
                    g.setColor(fill);
                    g.fill(cell);
                    String text = Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v * 100) : "–";
                    g.setColor(f > 0.55 ? Color.WHITE : Palette.TEXT);
                    float w = g.getFontMetrics().stringWidth(text);
                    g.drawString(text, (float) (cell.getCenterX() - w / 2), (float) (cell.getCenterY() + 3));
                    if (chosen != null && chosen == s.chis()[c]) {
                        g.setColor(Palette.series(1));
                        g.setStroke(new BasicStroke(1.8f));
                        g.draw(cell);
                    }
                }
            }
            g.setColor(Palette.MUTED);
            g.setFont(style.font(6.8f));
            String base = Double.isFinite(s.baselineAccuracy())
                    ? String.format(Locale.ROOT, "dense model %.2f %%", s.baselineAccuracy() * 100) : "";
            String policy = s.policyChi().isEmpty() ? "policy: every layer stays dense"
                    : "outlined: the χ the policy picked per layer";
            g.drawString(base + (base.isEmpty() ? "" : " · ") + policy + " · darker = more accurate",
                    (float) area.getX(), (float) (area.getY() + headH + rows * ch + 12));
        }

        private static Color blend(Color a, Color b, double f) {
            return new Color((int) (a.getRed() + (b.getRed() - a.getRed()) * f),
                    (int) (a.getGreen() + (b.getGreen() - a.getGreen()) * f),
                    (int) (a.getBlue() + (b.getBlue() - a.getBlue()) * f));
        }
    }
}
