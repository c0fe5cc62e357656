package dev.joulebench.app.panes;

import dev.joulebench.app.panes.model.CompressionReport;
import dev.joulebench.app.panes.model.RmtKdRun;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.app.panes.model.SensitivityMatrix;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compress run on screen, written by one writer at a time like {@link PanesData}: the bus's listener
 * thread for a live run (sensitivity points as they are measured), the loader for files (a recorded run,
 * or a live run's summary/sensitivity files once written). It holds the accuracy-vs-χ chart's data sets
 * (one curve per layer, the baseline as a horizontal line), written here under their locks; the FX
 * thread reads {@link #report()} and attaches {@link #chiCurves} on its refresh.
 */
final class CompressionData {
    static final String BASELINE = "baseline";
    private static final String SENSITIVITY = "sensitivity/";
    private static final String ACCURACY = "/accuracy";

    final SeriesSet chiCurves = new SeriesSet();
    private volatile CompressionReport report;
    /** An RMT-KD run's spectra and cuts; null for every other method. */
    private volatile RmtKdRun rmtkd;
    /** The live RMT-KD run's cut metrics from the bus, which metrics.jsonl may not hold yet when the files are read. */
    private final Map<Integer, RmtKdRun.Progress> liveProgress = new HashMap<>();
    private volatile long version;
    private final List<SensitivityMatrix.Point> points = new ArrayList<>();
    private double baseline = Double.NaN;
    private String liveRunId;
    private Path liveRunDir;

    CompressionReport report() {
        return report;
    }

    RmtKdRun rmtkd() {
        return rmtkd;
    }

    /** Changes each time {@link #report()} does. */
    long version() {
        return version;
    }

    synchronized void reset() {
        rmtkd = null;
        liveProgress.clear();
        set(null);
        points.clear();
        baseline = Double.NaN;
        chiCurves.reset();
        liveRunId = null;
        liveRunDir = null;
    }

    /** A run started on the bus: a compress run gets an empty report to fill. Bus thread. */
    synchronized void liveStarted(String runId, String kind, String method, String runDir) {
        reset();
        if (!"compress".equals(kind) || runDir == null) {
            return;
        }
        liveRunId = runId;
        liveRunDir = Path.of(runDir);
        CompressionReport r = CompressionReport.read(liveRunDir); // run.json already names the mode
        rmtkd = CompressSpec.RMTKD.equals(method) ? new RmtKdRun(List.of(), Map.of(), true) : null;
        set(r.withSensitivity(r.isSensitivity() ? SensitivityMatrix.ofPoints(List.of(), Double.NaN) : null));
    }

    boolean isLive(String runId) {
        return runId != null && runId.equals(liveRunId);
    }

    synchronized Path liveRunDir() {
        return liveRunDir;
    }

    /** A metric of the live run: profiled accuracies go into the heat-map and the χ chart at once. Bus thread. */
    synchronized boolean liveMetric(String runId, long step, String name, double value) {
        if (isLive(runId) && rmtkd != null && RmtKdRun.isProgressMetric(name)) {
            // a cut measured, distilled or accepted: its table row says so at once
            liveProgress.merge((int) step, RmtKdRun.Progress.NONE.with(name, value), RmtKdRun.Progress::merge);
            rmtkd = rmtkd.withMetric((int) step, name, value);
            version++;
            return true;
        }
        if (!isLive(runId) || !name.startsWith(SENSITIVITY) || !Double.isFinite(value)) {
            return false;
        }
        if (name.equals("sensitivity/baseline_accuracy")) {
            baseline = value;
        } else if (name.endsWith(ACCURACY)) {
            String layer = name.substring(SENSITIVITY.length(), name.length() - ACCURACY.length());
            points.add(new SensitivityMatrix.Point(layer, (int) step, value));
            chiCurves.series(layer, layer, null).add(step, value);
        } else {
            return false;
        }
        SensitivityMatrix m = SensitivityMatrix.ofPoints(points, baseline);
        writeBaseline(m);
        CompressionReport r = report;
        if (r != null) {
            set(r.withSensitivity(m));
        }
        return true;
    }

    /**
     * Reads a compress run's files (a recorded run, or the live run after it wrote one); a run of another
     * kind clears the compression panes. Loader thread.
     */
    synchronized void load(Path runDir) {
        boolean live = runDir.equals(liveRunDir);
        if (!CompressionReport.isCompressRun(runDir)) {
            reset();
            return;
        }
        CompressionReport r = CompressionReport.read(runDir);
        rmtkd = CompressSpec.RMTKD.equals(r.method())
                ? RmtKdRun.read(runDir, "running".equals(r.status()), live ? liveProgress : Map.of(),
                live ? rmtkd : null) : null;
        if (r.sensitivity() == null && live && r.isSensitivity()) {
            // the profile is not on disk yet: keep the live points
            r = r.withSensitivity(SensitivityMatrix.ofPoints(points, baseline));
        } else if (r.sensitivity() != null) {
            writeCurves(r.sensitivity());
        }
        if (!live) {
            liveRunId = null;
            liveRunDir = null;
            liveProgress.clear();
            points.clear();
            baseline = Double.NaN;
        }
        if (r.sensitivity() == null) {
            chiCurves.reset();
        }
        set(r);
    }

    /** Replaces the χ curves with the whole matrix (one locked set per curve). */
    private void writeCurves(SensitivityMatrix m) {
        chiCurves.reset();
        for (int i = 0; i < m.layers().size(); i++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int j = 0; j < m.chis().length; j++) {
                if (!Double.isNaN(m.accuracy(i, j))) {
                    xs.add((double) m.chis()[j]);
                    ys.add(m.accuracy(i, j));
                }
            }
            String layer = m.layers().get(i);
            chiCurves.series(layer, layer, null).set(toArray(xs), toArray(ys), xs.size(), true);
        }
        writeBaseline(m);
    }

    private void writeBaseline(SensitivityMatrix m) {
        if (Double.isNaN(m.baseline()) || m.chis().length == 0) {
            return;
        }
        double lo = m.chis()[0];
        double hi = m.chis()[m.chis().length - 1];
        DoubleDataSet ds = chiCurves.series(BASELINE, String.format(java.util.Locale.ROOT, "baseline %.2f %%",
                m.baseline() * 100), "-fx-line-dash-array: 6 4; -color-dataset: -color-fg-muted;");
        ds.set(new double[] {lo, hi}, new double[] {m.baseline(), m.baseline()}, 2, true);
    }

    private void set(CompressionReport r) {
        report = r;
        version++;
    }

    private static double[] toArray(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
