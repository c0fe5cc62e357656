package dev.joulebench.report.chart;

import dev.joulebench.energy.PowerLog;
import dev.joulebench.report.data.MetricPoint;
import dev.joulebench.report.data.RunData;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The charts that set several runs side by side. */
public final class ComparisonCharts {
    private final ChartStyle style;
    private final ChartParts parts;

    public ComparisonCharts(ChartStyle style) {
        this.style = style;
        this.parts = new ChartParts(style);
    }

    /** One point of the scatter: a run's energy and accuracy. */
    public record Point(String label, String group, double kwh, double accuracy) {}

    /**
     * Accuracy against energy, one colour per group (method), each point labelled, with the Pareto front (no other
     * run is both cheaper and more accurate) drawn as a step line.
     */
    public JFreeChart accuracyVsEnergy(List<Point> points, List<Point> front) {
        double most = points.stream().mapToDouble(Point::kwh).max().orElse(0) * 3.6e6;
        EnergyUnit unit = EnergyUnit.forJoules(most);
        Map<String, XYSeries> groups = new LinkedHashMap<>();
        for (Point p : points) {
            groups.computeIfAbsent(p.group(), g -> new XYSeries(g, false, true))
                    .add(unit.fromJoules(p.kwh() * 3.6e6), p.accuracy() * 100);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        groups.values().forEach(data::addSeries);
        XYSeries frontLine = new XYSeries("Pareto front", false, true);
        for (int i = 0; i < front.size(); i++) {
            Point p = front.get(i);
            double x = unit.fromJoules(p.kwh() * 3.6e6);
            if (i > 0) {
                frontLine.add(x, front.get(i - 1).accuracy() * 100);
            }
            frontLine.add(x, p.accuracy() * 100);
        }
        data.addSeries(frontLine);
        JFreeChart chart = ChartFactory.createScatterPlot("Accuracy against energy", "energy (" + unit.symbol() + ")",
                "accuracy (%)", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setAutoPopulateSeriesPaint(false);
        for (int i = 0; i < groups.size(); i++) {
            r.setSeriesPaint(i, style.color(i));
            r.setSeriesShape(i, new Ellipse2D.Double(-3.2, -3.2, 6.4, 6.4));
        }
        int f = groups.size();
        r.setSeriesLinesVisible(f, true);
        r.setSeriesShapesVisible(f, false);
        r.setSeriesPaint(f, Palette.MUTED);
        r.setSeriesStroke(f, style.dashed(0.9f));
        plot.setRenderer(r);
        double lo = points.stream().mapToDouble(Point::kwh).filter(v -> v > 0).min().orElse(0);
        double hi = points.stream().mapToDouble(Point::kwh).max().orElse(0);
        if (lo > 0 && hi / lo > 20) {
            plot.setDomainAxis(ChartParts.logAxis("energy (" + unit.symbol() + ", log scale)",
                    unit.fromJoules(lo * 3.6e6), unit.fromJoules(hi * 3.6e6)));
        } else {
            ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
        }
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        // with many runs the labels would pile up: name the ones on the front only
        for (Point p : points.size() > 10 ? front : points) {
            XYTextAnnotation a = new XYTextAnnotation(" " + p.label(), unit.fromJoules(p.kwh() * 3.6e6),
                    p.accuracy() * 100);
            a.setFont(style.font(6.2f));
            a.setPaint(Palette.MUTED);
            a.setTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addAnnotation(a);
        }
        return style.apply(chart);
    }

    /** Energy per accuracy point (Wh per percentage point of accuracy), one bar per run, cheapest first. */
    public JFreeChart energyPerPoint(List<Point> points) {
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort((a, b) -> Double.compare(a.kwh() / a.accuracy(), b.kwh() / b.accuracy()));
        double most = sorted.stream().mapToDouble(p -> p.kwh() * 3.6e6 / (p.accuracy() * 100)).max().orElse(0);
        EnergyUnit unit = EnergyUnit.forJoules(most);
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Point p : sorted) {
            data.addValue(unit.fromJoules(p.kwh() * 3.6e6 / (p.accuracy() * 100)), "energy per point", p.label());
        }
        JFreeChart chart = ChartFactory.createBarChart("Energy per accuracy point", null,
                unit.symbol() + " per percentage point of accuracy", data, PlotOrientation.HORIZONTAL, false, false,
                false);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, Palette.series(0));
        r.setMaximumBarWidth(0.06);
        CategoryAxis axis = plot.getDomainAxis();
        axis.setMaximumCategoryLabelWidthRatio(0.45f);
        style.apply(chart);
        axis.setTickLabelFont(style.font(6.4f));
        return chart;
    }

    /** One metric of every run over epochs or steps, in the run order, each run its own colour and dash. */
    public JFreeChart overlay(List<RunData> runs, String metric, boolean perEpoch, String title, String yLabel,
                              double scale) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (RunData run : runs) {
            List<MetricPoint> pts = run.metric(metric);
            double[] x = new double[pts.size()];
            double[] y = new double[pts.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = perEpoch ? pts.get(i).epoch() + 1 : pts.get(i).step();
                y[i] = pts.get(i).value() * scale;
            }
            data.addSeries(ChartParts.series(run.label(), x, y));
        }
        JFreeChart chart = parts.lines(title, perEpoch ? "epoch" : "optimizer step", yLabel, data);
        if (perEpoch) {
            ChartParts.integerTicks(chart.getXYPlot().getDomainAxis());
        }
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeMinimumSize(scale == 100 ? 2 : 0.05);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesShapesVisible(i, perEpoch && data.getItemCount(i) <= 30);
            r.setSeriesShape(i, new Ellipse2D.Double(-2, -2, 4, 4));
        }
        return style.apply(chart);
    }

    /** Cumulative energy of every run against time since its start. */
    public JFreeChart cumulativeEnergy(List<RunData> runs) {
        double most = runs.stream().mapToDouble(r -> r.energyCurve().isEmpty() ? 0
                : r.energyCurve().get(r.energyCurve().size() - 1).totalJoules()).max().orElse(0);
        EnergyUnit unit = EnergyUnit.forJoules(most);
        XYSeriesCollection data = new XYSeriesCollection();
        for (RunData run : runs) {
            List<PowerLog.Point> pts = run.energyCurve();
            double[] x = pts.stream().mapToDouble(PowerLog.Point::t).toArray();
            double[] y = pts.stream().mapToDouble(p -> unit.fromJoules(p.totalJoules())).toArray();
            data.addSeries(ChartParts.series(run.label(), x, y));
        }
        return style.apply(parts.lines("Cumulative energy (IT equipment)", "time since start (s)",
                "energy (" + unit.symbol() + ")", data));
    }

    /** Whether any of the runs recorded the metric. */
    public static boolean any(List<RunData> runs, String metric) {
        return runs.stream().anyMatch(r -> !r.metric(metric).isEmpty());
    }

}
