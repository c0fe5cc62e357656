package dev.joulebench.report.chart;

import dev.joulebench.energy.PowerLog;
import dev.joulebench.report.data.ActivationSnapshot;
import dev.joulebench.report.data.CompressionData;
import dev.joulebench.report.data.MetricPoint;
import dev.joulebench.report.doc.Figure;
import dev.joulebench.spectra.LayerSpectrum;
import java.util.List;
import org.jfree.chart.JFreeChart;

/** The charts of one run, drawn from its files; every axis says its quantity and unit. */
public final class RunCharts {
    private final EnergyCharts energy;
    private final TrainingCurveCharts curves;
    private final SpectrumCharts spectra;
    private final CompressionCharts compression;

    public RunCharts(ChartStyle style) {
        ChartParts parts = new ChartParts(style);
        this.energy = new EnergyCharts(parts);
        this.curves = new TrainingCurveCharts(parts);
        this.spectra = new SpectrumCharts(parts);
        this.compression = new CompressionCharts(parts);
    }

    /** Watts per source over the run; measured sources solid, estimated ones dashed, each named in the legend. */
    public JFreeChart power(PowerLog log) {
        return energy.power(log);
    }

    /** Cumulative energy per source and in all, as the energy module's ledger replays power.csv. */
    public JFreeChart cumulativeEnergy(List<PowerLog.Point> points) {
        return energy.cumulativeEnergy(points);
    }

    /** Loss curves against the optimizer step: training (windowed), per epoch, validation, healing. */
    public JFreeChart loss(List<MetricPoint> metrics) {
        return curves.loss(metrics);
    }

    /** Accuracy per epoch (validation, healing), with the test accuracy as a line across. */
    public JFreeChart accuracy(List<MetricPoint> metrics) {
        return curves.accuracy(metrics);
    }

    /** Whether the accuracy chart draws a test accuracy line. */
    public static boolean hasTestLine(List<MetricPoint> metrics) {
        return TrainingCurveCharts.hasTestLine(metrics);
    }

    /** Whether {@link #loss} or {@link #accuracy} would have something to draw. */
    public static boolean hasCurves(List<MetricPoint> metrics) {
        return TrainingCurveCharts.hasCurves(metrics);
    }

    /** A layer's ESD as a density histogram with the fitted Marchenko-Pastur density, λ+ and the spikes. */
    public JFreeChart weightSpectrum(LayerSpectrum s) {
        return spectra.weightSpectrum(s);
    }

    /** The largest activation eigenvalue per layer over training, with each layer's MP edge dashed. */
    public JFreeChart activations(List<ActivationSnapshot> snapshots) {
        return spectra.activations(snapshots);
    }

    /** Validation accuracy of each layer compressed alone against χ, with the dense model's as a line across. */
    public JFreeChart accuracyVsChi(CompressionData.Sensitivity s) {
        return compression.accuracyVsChi(s);
    }

    /** The layers × χ table as a heat map: darker is more accurate; the policy's choice is outlined. */
    public Figure.Drawing sensitivityHeatmap(CompressionData.Sensitivity s) {
        return compression.sensitivityHeatmap(s);
    }
}
