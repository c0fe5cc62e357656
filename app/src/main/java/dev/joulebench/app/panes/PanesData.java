package dev.joulebench.app.panes;

import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.app.panes.model.MetricKind;
import dev.joulebench.app.panes.model.PowerReading;
import dev.joulebench.app.panes.model.RecordedRun;
import dev.joulebench.app.panes.model.SpectrumView;
import dev.joulebench.app.panes.model.StepTimeMap;
import dev.joulebench.app.panes.model.TimedIndex;
import dev.joulebench.energy.PowerLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the panes draw, written by exactly one writer at a time (the event thread for a live
 * run, the loader for a recorded one: the writer methods are synchronized, and the FX thread never
 * calls them). Chart data sets are written here under their locks; the FX thread reads the series
 * lists, the step/time map and the indexes, which have their own short locks, and volatile fields.
 */
final class PanesData {
    static final String POWER = "power";
    static final String ENERGY = "energy";
    /** The energy chart's total series; per-source series are {@code energy/<source>}. */
    static final String ENERGY_TOTAL = MetricKeys.ENERGY_KWH;
    private static final double JOULES_PER_KWH = 3.6e6;
    static final String LOSS = "loss";
    static final String ACCURACY = "accuracy";
    /** Curves a comparison overlays per run (per-layer curves would crowd it). */
    static final Set<String> COMPARED_METRICS = Set.of(MetricKeys.TRAIN_LOSS, MetricKeys.TRAIN_EPOCH_LOSS, MetricKeys.VAL_LOSS, MetricKeys.VAL_ACCURACY,
            MetricKeys.TEST_ACCURACY);
    private static final String DASHED = "-fx-line-dash-array: 6 4;";

    final SeriesSet power = new SeriesSet();
    final SeriesSet energy = new SeriesSet();
    final SeriesSet lossByTime = new SeriesSet();
    final SeriesSet lossByStep = new SeriesSet();
    final SeriesSet accuracyByTime = new SeriesSet();
    final SeriesSet accuracyByStep = new SeriesSet();
    final StepTimeMap steps = new StepTimeMap();
    final CutMarkers cuts = new CutMarkers();
    final TimedIndex<PowerReading> readings = new TimedIndex<>(PowerReading::t);
    private final Map<String, TimedIndex<SpectrumView>> spectra = new ConcurrentHashMap<>();
    private final List<String> spectrumKeys = new ArrayList<>();
    /** Live points not yet in their data sets. */
    private final PointBatch pending = new PointBatch();

    /** What the FX thread shows beside the charts; replaced whole, read without locks. */
    record Info(String title, String model, String method, double kwh, double reportedCo2eKg, double reportedWaterL,
                boolean finished) {
        static final Info EMPTY = new Info("", "", "", 0, Double.NaN, Double.NaN, false);
    }

    private volatile Info info = Info.EMPTY;
    /** The shown run's id ("compare-3-runs" for a comparison, "" for nothing), for export file names. */
    private volatile String runName = "";
    private volatile boolean compare;
    private String liveRunId;
    private String liveRunDir;
    /** The run the bus is streaming, kept while another run is shown so showing it again resumes it. */
    private String streamingId;
    private String streamingDir;
    private long activationLinesRead;

    Info info() {
        return info;
    }

    String runName() {
        return runName;
    }

    boolean comparing() {
        return compare;
    }

    /** Drops everything; the next FX sync detaches the old data sets. Writer thread. */
    synchronized void reset(String title, boolean comparing) {
        for (SeriesSet s : List.of(power, energy, lossByTime, lossByStep, accuracyByTime, accuracyByStep)) {
            s.reset();
        }
        steps.clear();
        cuts.clear();
        readings.clear();
        synchronized (spectrumKeys) {
            spectrumKeys.clear();
            spectra.clear();
        }
        pending.clear();
        liveRunId = null;
        liveRunDir = null;
        activationLinesRead = 0;
        compare = comparing;
        runName = "";
        info = new Info(title, "", "", 0, Double.NaN, Double.NaN, false);
    }

    // ---------------------------------------------------------------- live run (event thread)

    synchronized void liveStarted(String runId, String method, String runDir) {
        reset("live: " + runId, false);
        liveRunId = runId;
        liveRunDir = runDir;
        runName = runId;
        streamingId = runId;
        streamingDir = runDir;
        String model = "";
        if (runDir != null) {
            RecordedRun r = RecordedRun.read(java.nio.file.Path.of(runDir));
            model = r.model();
        }
        info = new Info("live: " + runId, model, method, 0, Double.NaN, Double.NaN, false);
    }

    /** Whether events of {@code runId} are drawn: it is the live run and no recorded run replaced it. */
    private boolean isLive(String runId) {
        return runId != null && runId.equals(liveRunId);
    }

    synchronized void metric(String runId, double t, long step, String name, double value) {
        if (!isLive(runId)) {
            return;
        }
        steps.add(step, t);
        cuts.metric(name, t);
        MetricKind kind = MetricKind.of(name);
        if (kind == null || !Double.isFinite(value)) {
            return;
        }
        SeriesSet byTime = kind == MetricKind.LOSS ? lossByTime : accuracyByTime;
        SeriesSet byStep = kind == MetricKind.LOSS ? lossByStep : accuracyByStep;
        pending.add(byTime, name, name, null, t, value);
        pending.add(byStep, name, name, null, step, value);
    }

    synchronized void power(String runId, PowerReading r) {
        if (!isLive(runId)) {
            return;
        }
        readings.add(r);
        r.watts().forEach((source, w) -> {
            String method = r.methods().getOrDefault(source, "measured");
            pending.add(power, POWER + "/" + source, legend("", source, method), style(method), r.t(), w);
        });
    }

    /**
     * The energy meter's ledger figures (cumulative joules per source and in all), plotted as they are:
     * the panes never integrate power themselves, so the curve ends at run.json's figure.
     */
    synchronized void energy(String runId, double t, Map<String, Double> joulesBySource, Map<String, String> methods,
                             double totalJoules) {
        if (!isLive(runId)) {
            return;
        }
        addEnergy(pending, t, joulesBySource, methods, totalJoules);
        Info i = info;
        info = new Info(i.title(), i.model(), i.method(), totalJoules / JOULES_PER_KWH, i.reportedCo2eKg(),
                i.reportedWaterL(), i.finished());
    }

    private void addEnergy(PointBatch batch, double t, Map<String, Double> joulesBySource, Map<String, String> methods,
                           double totalJoules) {
        joulesBySource.forEach((source, j) -> {
            String how = methods.getOrDefault(source, "");
            batch.add(energy, ENERGY + "/" + source, source + " " + how, style(how), t, j / JOULES_PER_KWH);
        });
        batch.add(energy, ENERGY_TOTAL, totalLegend(methods.values()), null, t, totalJoules / JOULES_PER_KWH);
    }

    /** "total (measured)", "total (estimated)" or "total (measured + estimated)": the sum says what it sums. */
    static String totalLegend(java.util.Collection<String> methods) {
        boolean estimated = methods.stream().anyMatch(m -> m.startsWith("estimated"));
        boolean measured = methods.stream().anyMatch(m -> m.startsWith("measured"));
        return "total (" + (measured && estimated ? "measured + estimated" : estimated ? "estimated" : "measured") + ")";
    }

    /** A spectrum-snapshot event: the full spectrum is in the run's activations file, read up to its end. */
    synchronized void liveSnapshot(String runId) {
        if (!isLive(runId) || liveRunDir == null) {
            return;
        }
        java.nio.file.Path file = java.nio.file.Path.of(liveRunDir).resolve(RecordedRun.ACTIVATIONS);
        if (!java.nio.file.Files.isRegularFile(file)) {
            return;
        }
        try (var lines = java.nio.file.Files.lines(file)) {
            List<String> fresh = lines.skip(activationLinesRead).toList();
            for (String line : fresh) {
                if (line.isBlank() || !line.endsWith("}")) {
                    break; // the writer is mid-line; read it next time
                }
                activationLinesRead++;
                try {
                    SpectrumView v = RecordedRun.activation(dev.joulebench.core.Json.mapper().readTree(line));
                    if (v != null) {
                        addSpectrum(v);
                    }
                } catch (java.io.IOException e) {
                    // skip a malformed line
                }
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            // the next snapshot event tries again
        }
    }

    /**
     * Appends the live points gathered since the last call to their data sets, one locked append per
     * series, so each chart is marked dirty (and redrawn) at most once per call. Called at a fixed
     * rate by the panes' flush thread and at the end of a run. Returns whether anything was written.
     */
    synchronized boolean flush() {
        return pending.flush(true);
    }

    synchronized void liveEnded(String runId, String status, Map<String, Double> summary) {
        if (runId.equals(streamingId)) {
            streamingId = null;
            streamingDir = null;
        }
        if (!isLive(runId)) {
            return;
        }
        pending.flush(true);
        if (liveRunDir != null) {
            // the job wrote its final weight spectra just before it ended; no event carries them
            liveSnapshot(runId);
            RecordedRun.readWeights(java.nio.file.Path.of(liveRunDir).resolve(RecordedRun.WEIGHTS))
                    .forEach(this::addSpectrum);
        }
        Info i = info;
        Double co2 = summary.get(MetricKeys.CO2E_KG);
        Double water = summary.get(MetricKeys.WATER_L);
        Double kwh = summary.get(MetricKeys.ENERGY_KWH);
        // no longer "live: …": the title says how the run ended, as a recorded run's does
        info = new Info(runId + "  " + status, i.model(), i.method(), kwh != null ? kwh : i.kwh(),
                co2 != null ? co2 : Double.NaN, water != null ? water : Double.NaN, true);
    }

    // ---------------------------------------------------------------- recorded runs (loader)

    /** A run that could not be read: empty panes with the reason as their title. */
    synchronized void failed(String message) {
        reset(message, false);
    }

    synchronized void load(RecordedRun run) {
        reset(run.id(), false);
        runName = run.id();
        PointBatch batch = new PointBatch();
        for (RecordedRun.Metric m : run.metrics()) {
            steps.add(m.step(), m.t());
            cuts.metric(m.name(), m.t());
            MetricKind kind = MetricKind.of(m.name());
            if (kind != null && Double.isFinite(m.value())) {
                batch.add(kind == MetricKind.LOSS ? lossByTime : accuracyByTime, m.name(), m.name(), null, m.t(),
                        m.value());
                batch.add(kind == MetricKind.LOSS ? lossByStep : accuracyByStep, m.name(), m.name(), null, m.step(),
                        m.value());
            }
        }
        for (PowerReading r : run.power()) {
            readings.add(r);
            r.watts().forEach((source, w) -> {
                String method = r.methods().getOrDefault(source, "measured");
                batch.add(power, POWER + "/" + source, legend("", source, method), style(method), r.t(), w);
            });
        }
        for (PowerLog.Point p : run.energy()) {
            addEnergy(batch, p.t(), p.joulesBySource(), summaries(p), p.totalJoules());
        }
        batch.flush(false);
        run.activations().forEach(this::addSpectrum);
        run.weights().forEach(this::addSpectrum);
        double replayed = run.energy().isEmpty() ? 0 : run.energy().get(run.energy().size() - 1).totalJoules();
        double kwh = Double.isNaN(run.reportedKwh()) ? replayed / JOULES_PER_KWH : run.reportedKwh();
        boolean streaming = run.id().equals(streamingId);
        info = new Info((streaming ? "live: " : "") + run.id() + "  " + run.status(), run.model(), run.method(), kwh,
                run.reportedCo2eKg(), run.reportedWaterL(), !streaming);
        if (streaming) {
            // the run still streams: what was on disk is drawn, the bus's next events append to it
            liveRunId = streamingId;
            liveRunDir = streamingDir;
            activationLinesRead = run.activations().size();
        }
    }

    synchronized void loadCompare(List<RecordedRun> runs) {
        reset("compare " + runs.size() + " runs", true);
        runName = "compare-" + runs.size() + "-runs";
        PointBatch batch = new PointBatch();
        for (int i = 0; i < runs.size(); i++) {
            RecordedRun run = runs.get(i);
            String p = run.shortId();
            // the renderer numbers its data sets' colours itself; the colour lookup pins one palette colour per run
            String colour = "-color-dataset: -color-dataset-" + (i % 8 + 1) + ";";
            for (RecordedRun.Metric m : run.metrics()) {
                MetricKind kind = MetricKind.of(m.name());
                if (kind == null || !COMPARED_METRICS.contains(m.name()) || !Double.isFinite(m.value())) {
                    continue;
                }
                String key = p + ":" + m.name();
                String legend = p + " " + run.method() + " " + m.name();
                String style = colour + (m.name().startsWith("val/") || m.name().startsWith("test/") ? "" : DASHED);
                batch.add(kind == MetricKind.LOSS ? lossByTime : accuracyByTime, key, legend, style, m.t(), m.value());
                batch.add(kind == MetricKind.LOSS ? lossByStep : accuracyByStep, key, legend, style, m.step(),
                        m.value());
            }
            for (PowerReading r : run.power()) {
                batch.add(power, p + ":" + POWER, p + " " + run.method() + " total W", colour, r.t(), r.totalWatts());
            }
            for (PowerLog.Point e : run.energy()) {
                batch.add(energy, p + ":" + ENERGY_TOTAL, p + " " + run.method() + " kWh", colour, e.t(),
                        e.totalJoules() / JOULES_PER_KWH);
            }
        }
        batch.flush(false);
        info = new Info("compare " + runs.size() + " runs", "", "", 0, Double.NaN, Double.NaN, true);
    }

    // ---------------------------------------------------------------- spectra

    private void addSpectrum(SpectrumView v) {
        String key = SpectraPane.key(v);
        synchronized (spectrumKeys) {
            if (!spectrumKeys.contains(key)) {
                spectrumKeys.add(key);
            }
            spectra.computeIfAbsent(key, k -> new TimedIndex<>(s -> Double.isNaN(s.t()) ? Double.MAX_VALUE : s.t()))
                    .add(v);
        }
    }

    /** Layer keys such as "relu1 (activations)", in order of first appearance. Any thread. */
    List<String> spectrumKeys() {
        synchronized (spectrumKeys) {
            return List.copyOf(spectrumKeys);
        }
    }

    /** Snapshots of one key in time order. Any thread. */
    List<SpectrumView> spectra(String key) {
        TimedIndex<SpectrumView> idx = spectra.get(key);
        return idx == null ? List.of() : idx.all();
    }

    int nearestSpectrum(String key, double t) {
        TimedIndex<SpectrumView> idx = spectra.get(key);
        return idx == null ? -1 : idx.nearestIndex(t);
    }

    static String legend(String prefix, String source, String method) {
        return (prefix.isEmpty() ? "" : prefix + " ") + source + " (" + method + ")";
    }

    /** Measured solid, estimated dashed; {@code method} is "estimated" or starts with it ("estimated (model)"). */
    static String style(String method) {
        return method != null && method.startsWith("estimated") ? DASHED : "";
    }

    private static Map<String, String> summaries(PowerLog.Point p) {
        Map<String, String> out = new LinkedHashMap<>();
        p.methods().forEach((id, m) -> out.put(id, m.summary()));
        return out;
    }
}
