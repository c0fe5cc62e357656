package dev.joulebench.report.chart;

import dev.joulebench.study.Distribution;
import dev.joulebench.study.Objective;
import dev.joulebench.study.SearchSpace;
import dev.joulebench.study.Trial;
import dev.joulebench.study.TrialState;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The charts of a study: optimisation history, parallel coordinates, parameter importance, Pareto front. */
public final class StudyCharts {
    private final ChartStyle style;

    public StudyCharts(ChartStyle style) {
        this.style = style;
    }

    /**
     * Each finished trial's objective value by trial number, the best so far as a step line, and pruned trials
     * at the last intermediate value they reported (a different metric, so drawn apart and named so).
     */
    public JFreeChart history(List<Trial> trials, Objective o, String intermediate) {
        XYSeries finished = new XYSeries("finished trial", false, true);
        XYSeries best = new XYSeries("best so far", false, true);
        XYSeries pruned = new XYSeries("pruned trial (last " + intermediate + ")", false, true);
        double bestValue = Double.NaN;
        for (Trial t : trials) {
            if (t.state() == TrialState.FINISHED && Double.isFinite(t.value())) {
                finished.add(t.number(), t.value());
                if (Double.isNaN(bestValue) || o.direction().loss(t.value()) < o.direction().loss(bestValue)) {
                    bestValue = t.value();
                }
            } else if (t.state() == TrialState.PRUNED && !t.intermediate().isEmpty()) {
                pruned.add(t.number(), t.intermediate().get(t.lastStep()));
            }
            if (Double.isFinite(bestValue)) {
                best.add(t.number(), bestValue);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(finished);
        data.addSeries(best);
        data.addSeries(pruned);
        JFreeChart chart = ChartFactory.createXYLineChart("Optimisation history", "trial", o.metric(), data,
                PlotOrientation.VERTICAL, true, false, false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setAutoPopulateSeriesPaint(false);
        r.setSeriesLinesVisible(0, false);
        r.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        r.setSeriesPaint(0, style.color(0));
        r.setSeriesShapesVisible(1, false);
        r.setSeriesPaint(1, style.color(1));
        r.setSeriesStroke(1, style.stroke(0, 1.3f));
        r.setSeriesLinesVisible(2, false);
        r.setSeriesShape(2, new java.awt.Rectangle(-2, -2, 4, 4));
        r.setSeriesPaint(2, Palette.MUTED);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(r);
        ChartParts.integerTicks(plot.getDomainAxis());
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        return style.apply(chart);
    }

    /**
     * Parallel coordinates: one vertical axis per parameter (scaled to its range, log where the parameter is,
     * choices spread evenly) and the objective last; each finished trial a line, darker the better it did.
     */
    public JFreeChart parallelCoordinates(List<Trial> trials, SearchSpace space, Objective o) {
        List<Trial> done = trials.stream().filter(t -> t.state() == TrialState.FINISHED && Double.isFinite(t.value()))
                .sorted((a, b) -> Double.compare(o.direction().loss(b.value()), o.direction().loss(a.value()))).toList();
        List<String> names = new ArrayList<>(space.distributions().keySet());
        double lo = done.stream().mapToDouble(Trial::value).min().orElse(0);
        double hi = done.stream().mapToDouble(Trial::value).max().orElse(1);
        XYSeriesCollection data = new XYSeriesCollection();
        for (Trial t : done) {
            XYSeries s = new XYSeries("trial " + t.number(), false, true);
            for (int i = 0; i < names.size(); i++) {
                s.add(i, scaled(space.get(names.get(i)), t.params().get(names.get(i))));
            }
            s.add(names.size(), hi > lo ? (t.value() - lo) / (hi - lo) : 0.5);
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Parallel coordinates (darker = better " + o.metric() + ")",
                null, "position within the range", data, PlotOrientation.VERTICAL, false, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        r.setAutoPopulateSeriesPaint(false);
        for (int i = 0; i < done.size(); i++) {
            float shade = done.size() == 1 ? 1f : (float) i / (done.size() - 1); // worst first, best last and on top
            r.setSeriesPaint(i, blend(new Color(200, 214, 229), Palette.ACCENT, shade));
            r.setSeriesStroke(i, style.stroke(0, 0.6f + shade));
        }
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setRange(-0.5, names.size() + 0.5);
        x.setTickLabelsVisible(false);
        x.setTickMarksVisible(false);
        plot.getRangeAxis().setRange(-0.2, 1.05);
        for (int i = 0; i <= names.size(); i++) {
            // two short lines under each axis (name, then range), so the outer labels stay inside the plot
            String name = i < names.size() ? names.get(i) : o.metric();
            String span = i < names.size() ? range(space.get(names.get(i)))
                    : ChartParts.sig(lo) + "–" + ChartParts.sig(hi);
            label(plot, name, i, -0.04, Palette.TEXT);
            label(plot, span, i, -0.11, Palette.MUTED);
            plot.addDomainMarker(new org.jfree.chart.plot.ValueMarker(i, Palette.RULE, new java.awt.BasicStroke(0.8f)));
        }
        plot.setDomainGridlinesVisible(false);
        return style.apply(chart);
    }

    /** Parameter importance as horizontal bars, most important on top. */
    public JFreeChart importance(Map<String, Double> importance, Objective o) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        importance.forEach((name, v) -> data.addValue(v * 100, "importance", name));
        JFreeChart chart = ChartFactory.createBarChart("Parameter importance for " + o.metric(), null,
                "share of the variance explained, η² normalised (%)", data, PlotOrientation.HORIZONTAL, false, false,
                false);
        BarRenderer r = (BarRenderer) chart.getCategoryPlot().getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, Palette.series(0));
        r.setMaximumBarWidth(0.12);
        return style.apply(chart);
    }

    /** The first two objectives of every finished trial, the Pareto front joined as a step line and labelled. */
    public JFreeChart pareto(List<Trial> finished, List<Trial> front, Objective a, Objective b) {
        XYSeries all = new XYSeries("trial", false, true);
        finished.forEach(t -> all.add(t.values().get(0), t.values().get(1)));
        XYSeries line = new XYSeries("Pareto front", true, true);
        front.forEach(t -> line.add(t.values().get(0), t.values().get(1)));
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(all);
        data.addSeries(line);
        JFreeChart chart = ChartFactory.createScatterPlot("Pareto front: " + a.direction().json() + " " + a.metric()
                        + ", " + b.direction().json() + " " + b.metric(), a.metric(), b.metric(), data,
                PlotOrientation.VERTICAL, true, false, false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setAutoPopulateSeriesPaint(false);
        r.setSeriesPaint(0, style.color(0));
        r.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        r.setSeriesLinesVisible(1, true);
        r.setSeriesPaint(1, Palette.ACCENT);
        r.setSeriesStroke(1, style.dashed(1f));
        r.setSeriesShape(1, new Ellipse2D.Double(-4, -4, 8, 8));
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(r);
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        for (Trial t : front) {
            XYTextAnnotation label = new XYTextAnnotation(" " + t.number(), t.values().get(0), t.values().get(1));
            label.setFont(style.font(6.2f));
            label.setPaint(Palette.MUTED);
            label.setTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addAnnotation(label);
        }
        return style.apply(chart);
    }

    private void label(XYPlot plot, String text, double x, double y, Color paint) {
        XYTextAnnotation a = new XYTextAnnotation(text, x, y);
        a.setFont(style.font(6.2f));
        a.setPaint(paint);
        a.setTextAnchor(TextAnchor.TOP_CENTER);
        plot.addAnnotation(a);
    }

    private static double scaled(Distribution d, Object value) {
        if (d instanceof Distribution.Choices c) {
            int n = c.choices().size();
            return n == 1 ? 0.5 : d.toInternal(value) / (n - 1);
        }
        double x = d.toInternal(value);
        double lo;
        double hi;
        boolean log;
        if (d instanceof Distribution.FloatRange f) {
            lo = f.low();
            hi = f.high();
            log = f.log();
        } else {
            Distribution.IntRange i = (Distribution.IntRange) d;
            lo = i.low();
            hi = i.high();
            log = i.log();
        }
        if (hi == lo) {
            return 0.5;
        }
        return log ? (Math.log(x) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (x - lo) / (hi - lo);
    }

    private static String range(Distribution d) {
        if (d instanceof Distribution.Choices c) {
            return c.choices().toString();
        }
        if (d instanceof Distribution.FloatRange f) {
            return ChartParts.sig(f.low()) + "–" + ChartParts.sig(f.high()) + (f.log() ? " log" : "");
        }
        Distribution.IntRange i = (Distribution.IntRange) d;
        return i.low() + "–" + i.high() + (i.log() ? " log" : "");
    }

    private static Color blend(Color a, Color b, float f) {
        return new Color(Math.round(a.getRed() + (b.getRed() - a.getRed()) * f),
                Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * f),
                Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * f));
    }
}
