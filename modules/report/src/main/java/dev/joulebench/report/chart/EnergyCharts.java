package dev.joulebench.report.chart;

import dev.joulebench.energy.Method;
import dev.joulebench.energy.PowerLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;

/** A run's power and energy charts, from power.csv. */
final class EnergyCharts {
    private final ChartStyle style;
    private final ChartParts parts;

    EnergyCharts(ChartParts parts) {
        this.style = parts.style();
        this.parts = parts;
    }

    /** Watts per source over the run; measured sources solid, estimated ones dashed, each named in the legend. */
    JFreeChart power(PowerLog log) {
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
            data.addSeries(ChartParts.series(s.id() + ", " + s.method().summary(), x, y));
            estimated.add(s.method() == Method.ESTIMATED);
        }
        JFreeChart chart = parts.lines("Power per source", "time since start (s)", "power (W)", data);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        for (int i = 0; i < estimated.size(); i++) {
            r.setSeriesStroke(i, estimated.get(i) ? style.dashed(1.1f) : style.stroke(0, 1.1f));
        }
        return style.apply(chart);
    }

    /** Cumulative energy per source and in all, as the energy module's ledger replays power.csv. */
    JFreeChart cumulativeEnergy(List<PowerLog.Point> points) {
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
        data.addSeries(ChartParts.series("total", tx, ty));
        bySource.forEach((id, pts) -> {
            double[] x = new double[pts.size()];
            double[] y = new double[pts.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = pts.get(i)[0];
                y[i] = pts.get(i)[1];
            }
            String method = points.get(points.size() - 1).methods().getOrDefault(id, Method.ESTIMATED).label();
            data.addSeries(ChartParts.series(id + ", " + method, x, y));
        });
        JFreeChart chart = parts.lines("Cumulative energy (IT equipment, before PUE)", "time since start (s)",
                "energy (" + unit.symbol() + ")", data);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        r.setSeriesStroke(0, style.stroke(0, 1.8f));
        r.setSeriesPaint(0, Palette.TEXT);
        for (int i = 1; i < data.getSeriesCount(); i++) {
            r.setSeriesPaint(i, style.color(i - 1));
        }
        return style.apply(chart);
    }
}
