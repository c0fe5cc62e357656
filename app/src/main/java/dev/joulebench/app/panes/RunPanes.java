package dev.joulebench.app.panes;

import dev.joulebench.app.panes.model.FootprintTotals;
import dev.joulebench.app.panes.model.PowerReading;
import dev.joulebench.app.panes.model.RecordedRun;
import dev.joulebench.app.panes.model.SpectrumView;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.event.RunEventListener;
import dev.joulebench.energy.footprint.Footprint;
import dev.joulebench.energy.footprint.FootprintSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;

/**
 * Power, energy, loss/accuracy, spectra and model panes sharing one cursor and one time axis.
 *
 * <p>Threads: the FX thread only draws and handles input; it never writes a chart data set. The
 * bus's listener thread ({@link #liveListener()}) records live points, and the "panes-live-flush"
 * thread appends them to the data sets every {@link #FLUSH_MS} ms (one locked append per series, so
 * a chart redraws at most 5 times a second while streaming); the loader executor writes recorded
 * runs ({@link #show}, {@link #compare}) and the selected spectrum. Writes hold the data set's write
 * lock; the charts redraw on their next pulse from the dirty bits the writes set.
 * Labels and the attached data set lists are refreshed by one coalesced {@code runLater} per burst
 * of events, never one per sample.
 */
public final class RunPanes implements AutoCloseable {
    private static final String STYLESHEET = "/dev/joulebench/app/panes/panes.css";

    private final Executor loader;
    private final Footprint footprint = Footprint.bundled();
    private volatile FootprintSettings settings;
    private final LinkedCursor cursor = new LinkedCursor();
    private final PanesData data = new PanesData();
    private final TimeChart powerChart;
    private final TimeChart energyChart;
    private final TimeChart lossChart;
    private final TimeChart accuracyChart;
    private final SpectraPane spectra;
    private final ModelPane model = new ModelPane();
    private final CompressionData compression = new CompressionData();
    private final CompressionViewModel compressionModel = new CompressionViewModel();
    private final ChiChart chiChart = new ChiChart();
    private final TabPane side;
    private final SplitPane split;
    private final Tab spectraTab;
    private final Tab modelTab;
    private final Tab compressionTab;
    private final Tab sensitivityTab;
    private long shownCompressionVersion = -1;
    private final Label title = new Label();
    private final Label totals = new Label();
    private final Label readout = new Label("hover a chart to read values");
    private final ToggleButton byTime = new ToggleButton("time");
    private final ToggleButton byStep = new ToggleButton("step");
    private final BorderPane root = new BorderPane();
    private final FxCoalescer refresher = new FxCoalescer(this::refresh);
    private final ReadOnlyObjectWrapper<PowerReading> selectedPower = new ReadOnlyObjectWrapper<>(this, "selectedPower");
    private final RunEventListener listener = this::onEvent;
    /** Live points reach the data sets at this rate, so each chart redraws at most this often while streaming. */
    static final long FLUSH_MS = 200;
    private final java.util.concurrent.ScheduledExecutorService flusher =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "panes-live-flush");
                t.setDaemon(true);
                return t;
            });

    public RunPanes(Executor loader, FootprintSettings footprint) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.settings = footprint == null ? FootprintSettings.defaults() : footprint;
        powerChart = new TimeChart("Power", "power", "W", cursor);
        energyChart = new TimeChart("Energy", "energy", "kWh", cursor);
        lossChart = new TimeChart("Loss", "loss", "", cursor);
        accuracyChart = new TimeChart("Accuracy", "accuracy", "", cursor);
        spectra = new SpectraPane(data, loader);

        GridPane grid = new GridPane();
        grid.getStyleClass().add("jb-pane-grid");
        grid.add(powerChart.node(), 0, 0);
        grid.add(energyChart.node(), 1, 0);
        grid.add(lossChart.node(), 0, 1);
        grid.add(accuracyChart.node(), 1, 1);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            c.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(c);
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(50);
            r.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(r);
        }
        for (TimeChart c : List.of(powerChart, energyChart, lossChart, accuracyChart)) {
            c.node().setMinSize(120, 100);
        }

        spectraTab = new Tab("Spectra", spectra.node());
        modelTab = new Tab("Model", model.node());
        compressionTab = new Tab("Compression", new CompressionPane(compressionModel).node());
        compressionTab.setId("tab-compression");
        sensitivityTab = new Tab("Sensitivity", new SensitivityPane(compressionModel, chiChart).node());
        sensitivityTab.setId("tab-sensitivity");
        side = new TabPane(spectraTab, modelTab);
        side.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        split = new SplitPane(grid, side);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.64);

        ToggleGroup axis = new ToggleGroup();
        byTime.setToggleGroup(axis);
        byStep.setToggleGroup(axis);
        byTime.setSelected(true);
        axis.selectedToggleProperty().addListener((obs, o, n) -> {
            if (n == null) {
                o.setSelected(true); // one of the two stays selected
            } else {
                applyMetricAxis();
            }
        });
        byTime.setMinWidth(Region.USE_PREF_SIZE);
        byStep.setMinWidth(Region.USE_PREF_SIZE);
        byTime.getStyleClass().add("left-pill");
        byStep.getStyleClass().add("right-pill");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        title.getStyleClass().add("jb-pane-title");
        totals.getStyleClass().add("jb-pane-totals");
        Label axisLabel = new Label("loss/accuracy vs");
        axisLabel.setMinWidth(Region.USE_PREF_SIZE);
        totals.setMinWidth(0);
        HBox bar = new HBox(8, title, grow, totals, axisLabel, byTime, byStep);
        bar.getStyleClass().add("jb-pane-bar");
        bar.setPadding(new Insets(4, 8, 4, 8));
        readout.getStyleClass().add("jb-pane-readout");
        readout.setPadding(new Insets(4, 8, 4, 8));
        readout.setMaxWidth(Double.MAX_VALUE);
        energyChart.useSignificantDigitTicks();
        lossChart.showPointMarkers();
        accuracyChart.showPointMarkers();
        root.setTop(bar);
        root.setCenter(split);
        root.setBottom(readout);
        root.getStyleClass().add("jb-run-panes");
        root.getStylesheets().add(Objects.requireNonNull(RunPanes.class.getResource(STYLESHEET)).toExternalForm());

        cursor.timeProperty().addListener((obs, o, t) -> cursorMoved(t.doubleValue()));
        flusher.scheduleAtFixedRate(this::flushNow, FLUSH_MS, FLUSH_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        refresh();
    }

    /** Put in the window's centre. */
    public Node node() {
        return root;
    }

    /**
     * Subscribe this on the run's EventBus. It runs on the bus's listener thread (never the FX thread),
     * records each point there and leaves the data set writes to the flush thread; a RunStarted event
     * resets the panes to that run, RunEnded writes what is left at once.
     */
    public RunEventListener liveListener() {
        return listener;
    }

    /** Shows a recorded run directory (read and drawn on the loader). FX thread. */
    public void show(Path runDir) {
        clearFx();
        load(() -> {
            data.load(RecordedRun.read(runDir));
            compression.load(runDir);
        });
    }

    /** Overlays the loss/accuracy, power and energy curves of several runs, a colour per run. FX thread. */
    public void compare(List<Path> runDirs) {
        clearFx();
        List<Path> dirs = List.copyOf(runDirs);
        load(() -> {
            List<RecordedRun> runs = new ArrayList<>();
            for (Path d : dirs) {
                runs.add(RecordedRun.read(d));
            }
            data.loadCompare(runs);
            compression.reset();
        });
    }

    /** Empties every pane. FX thread. */
    public void clear() {
        clearFx();
        load(() -> {
            data.reset("", false);
            compression.reset();
        });
    }

    public LinkedCursor cursor() {
        return cursor;
    }

    /** Country/PUE for the CO2e and water totals. */
    public void setFootprint(FootprintSettings footprint) {
        this.settings = footprint == null ? FootprintSettings.defaults() : footprint;
        refresher.request();
    }

    /** Spectral layers the spectra pane offers, e.g. "relu1 (activations)", "fc1 (weights)". Any thread. */
    public List<String> spectrumLayers() {
        return data.spectrumKeys();
    }

    /**
     * Points in the named series of the shown run: a metric name ("val/accuracy", "train/loss"),
     * "power/&lt;source&gt;", "energy/&lt;source&gt;" or "energy/kwh" (the total); in a comparison prefixed by the run's short id and ":".
     * 0 when the series does not exist. Any thread.
     */
    public int pointCount(String series) {
        for (SeriesSet s : List.of(data.lossByTime, data.accuracyByTime, data.power, data.energy)) {
            int n = s.pointCount(series);
            if (n >= 0) {
                return n;
            }
        }
        return 0;
    }

    /** The last y value of a series {@link #pointCount} names, NaN when it is empty or absent. Any thread but a writer. */
    double lastValue(String series) {
        for (SeriesSet s : List.of(data.lossByTime, data.accuracyByTime, data.power, data.energy)) {
            io.fair_acc.dataset.spi.DoubleDataSet ds = s.get(series);
            if (ds != null) {
                return ds.lock().readLockGuard(() -> ds.getDataCount() == 0 ? Double.NaN
                        : ds.get(io.fair_acc.dataset.DataSet.DIM_Y, ds.getDataCount() - 1));
            }
        }
        return Double.NaN;
    }

    /** Series in one chart: "power", "energy", "loss" or "accuracy". Any thread. */
    public int seriesCount(String chart) {
        return switch (chart) {
            case PanesData.POWER -> data.power.size();
            case PanesData.ENERGY -> data.energy.size();
            case PanesData.LOSS -> data.lossByTime.size();
            case PanesData.ACCURACY -> data.accuracyByTime.size();
            default -> throw new IllegalArgumentException("no chart '" + chart + "' (power, energy, loss, accuracy)");
        };
    }

    /** The cursor marker's position in a chart's own x units (s, or steps for loss/accuracy vs step); NaN if hidden. FX thread. */
    public double markerValue(String chart) {
        return chart(chart).markerValue();
    }

    /** A chart's visible x range in seconds. FX thread. */
    public TimeRange visibleRange(String chart) {
        return chart(chart).visibleTime();
    }

    /** A chart node, e.g. for pointer tests: "power", "energy", "loss", "accuracy". */
    public Node chartNode(String chart) {
        return chart(chart).node();
    }

    /** What the compression and sensitivity tabs show (null report when the run is no compress run). */
    public CompressionViewModel compression() {
        return compressionModel;
    }

    /** Curves in the accuracy-vs-χ chart (layers and the baseline). FX thread. */
    public int chiCurveCount() {
        return chiChart.curves();
    }

    /** The power reading nearest the cursor. */
    public ReadOnlyObjectProperty<PowerReading> selectedPowerProperty() {
        return selectedPower.getReadOnlyProperty();
    }

    /** The spectral snapshot shown (nearest the cursor, or chosen with the slider). */
    public ReadOnlyObjectProperty<SpectrumView> selectedSnapshotProperty() {
        return spectra.selectedProperty();
    }

    /** Plots x against optimizer step (true) or run time (false) in the loss and accuracy charts. FX thread. */
    public void setMetricsByStep(boolean step) {
        (step ? byStep : byTime).setSelected(true);
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        refresher.close();
    }

    // ------------------------------------------------------------------------------------------------

    /** Writes the recorded live points to their data sets now (what the flush thread does). Never the FX thread. */
    void flushNow() {
        if (data.flush()) {
            refresher.request();
        }
    }

    SpectraPane spectraPane() {
        return spectra;
    }

    ModelPane modelPane() {
        return model;
    }

    /** Package access for tests that drive an axis as the Zoomer does. */
    TimeChart timeChart(String name) {
        return chart(name);
    }

    private TimeChart chart(String name) {
        return switch (name) {
            case PanesData.POWER -> powerChart;
            case PanesData.ENERGY -> energyChart;
            case PanesData.LOSS -> lossChart;
            case PanesData.ACCURACY -> accuracyChart;
            default -> throw new IllegalArgumentException("no chart '" + name + "' (power, energy, loss, accuracy)");
        };
    }

    /** Bus thread. */
    private void onEvent(RunEvent e) {
        if (e instanceof RunEvent.RunStarted s) {
            data.liveStarted(s.runId(), s.method(), s.runDir());
            compression.liveStarted(s.runId(), s.kind(), s.method(), s.runDir());
        } else if (e instanceof RunEvent.MetricPoint m) {
            data.metric(m.runId(), m.t(), m.step(), m.name(), m.value()); // drawn at the next flush
            if (compression.liveMetric(m.runId(), m.step(), m.name(), m.value())) {
                refresher.request(); // a profiled χ: a few per minute, each a heat-map cell
            }
            return;
        } else if (e instanceof RunEvent.ArtifactWritten a) {
            if (compression.isLive(a.runId()) && a.path().replace('\\', '/').startsWith("compress/")) {
                reloadCompression(a.runId());
            }
            return;
        } else if (e instanceof RunEvent.PowerSample p) {
            data.power(p.runId(), new PowerReading(p.t(), p.watts(), p.methods()));
            return;
        } else if (e instanceof RunEvent.EnergyUpdate u) {
            data.energy(u.runId(), u.t(), u.joulesBySource(), u.methods(), u.totalJoules()); // drawn at the next flush
            return;
        } else if (e instanceof RunEvent.SpectrumSnapshot s) {
            data.liveSnapshot(s.runId());
        } else if (e instanceof RunEvent.RunEnded end) {
            data.liveEnded(end.runId(), end.status(), end.summary());
            if (compression.isLive(end.runId())) {
                reloadCompression(end.runId()); // run.json now has the summary with energy per 1,000 inferences
            }
        } else {
            return; // progress, phases, logs and artifacts have no curve
        }
        refresher.request();
    }

    /** Reads the live compress run's files again on the loader (the bus thread only records points). */
    private void reloadCompression(String runId) {
        Path dir = compression.liveRunDir();
        if (dir != null) {
            loader.execute(() -> {
                if (compression.isLive(runId)) {
                    compression.load(dir);
                    refresher.request();
                }
            });
        }
    }

    /** Runs a loader task; a run that cannot be read leaves empty panes titled with why. */
    private void load(Runnable task) {
        loader.execute(() -> {
            try {
                task.run();
            } catch (BadInputException | java.io.UncheckedIOException e) {
                data.failed(e.getMessage());
            }
            refresher.request();
        });
    }

    private void clearFx() {
        cursor.moveTo(Double.NaN);
        cursor.zoomTo(null);
        spectra.clear();
        selectedPower.set(null);
    }

    /** FX thread, once per burst of updates. */
    private void refresh() {
        boolean step = byStep.isSelected();
        powerChart.sync(data.power.all(), data.power.version());
        energyChart.sync(data.energy.all(), data.energy.version());
        SeriesSet loss = step ? data.lossByStep : data.lossByTime;
        SeriesSet acc = step ? data.accuracyByStep : data.accuracyByTime;
        lossChart.sync(loss.all(), loss.version());
        accuracyChart.sync(acc.all(), acc.version());
        PanesData.Info info = data.info();
        title.setText(info.title());
        totals.setText(totalsText(info));
        var compressed = compression.report();
        // a compress run's spec names a run id or a file; its summary names the model it compressed
        model.show(compressed != null && !compressed.modelSpec().isEmpty() && !compressed.modelSpec().endsWith(".onnx")
                ? compressed.modelSpec() : info.model(), info.method());
        spectra.refresh();
        refreshCompression();
    }

    /** Compress runs swap the spectra tab for the compression and sensitivity tabs (and widen the side). */
    private void refreshCompression() {
        long v = compression.version();
        if (v == shownCompressionVersion) {
            return;
        }
        shownCompressionVersion = v;
        var r = compression.report();
        compressionModel.show(r);
        chiChart.sync(compression.chiCurves.all(), compression.chiCurves.version());
        chiChart.showChis(r == null || r.sensitivity() == null ? null : r.sensitivity().chis());
        List<Tab> wanted = r == null ? List.of(spectraTab, modelTab)
                : r.isSensitivity() ? List.of(sensitivityTab, modelTab) : List.of(compressionTab, modelTab);
        if (!side.getTabs().equals(wanted)) {
            side.getTabs().setAll(wanted);
            side.getSelectionModel().select(0);
            // the compression tables and the heat-map need width: under the charts, across the whole centre
            split.setOrientation(r == null ? Orientation.HORIZONTAL : Orientation.VERTICAL);
            split.setDividerPositions(r == null ? 0.64 : 0.42);
        }
    }

    private String totalsText(PanesData.Info info) {
        if (data.comparing() || info.title().isEmpty()) {
            return "";
        }
        FootprintTotals f = FootprintTotals.of(info.kwh(), footprint, settings);
        double co2 = info.finished() && !Double.isNaN(info.reportedCo2eKg()) ? info.reportedCo2eKg() : f.co2eKg();
        double water = info.finished() && !Double.isNaN(info.reportedWaterL()) ? info.reportedWaterL() : f.waterL();
        String waterText = water < 0.1 ? String.format(Locale.ROOT, "%.3g mL", water * 1000)
                : String.format(Locale.ROOT, "%.3g L", water);
        return String.format(Locale.ROOT, "energy %.3g kWh   CO₂e %.3g g   water %s   (%s %.0f g/kWh, PUE %.2f)",
                info.kwh(), co2 * 1000, waterText, f.country(), f.gPerKwh(), f.pue());
    }

    private void applyMetricAxis() {
        boolean step = byStep.isSelected();
        for (TimeChart c : List.of(lossChart, accuracyChart)) {
            if (step) {
                c.setXUnits("step", "", data.steps::stepAt, data.steps::timeAt);
            } else {
                c.setXUnits("time", "s", t -> t, x -> x);
            }
            c.invalidateSync();
        }
        refresh();
    }

    private void cursorMoved(double t) {
        if (Double.isNaN(t)) {
            readout.setText("hover a chart to read values");
            selectedPower.set(null);
            return;
        }
        PowerReading r = data.readings.nearest(t);
        selectedPower.set(r);
        spectra.selectNearest(t);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "t %.2f s", t));
        double step = data.steps.stepAt(t);
        if (!Double.isNaN(step)) {
            sb.append(String.format(Locale.ROOT, "   step %.0f", step));
        }
        if (r != null) {
            sb.append(String.format(Locale.ROOT, "   power at %.2f s:", r.t()));
            for (Map.Entry<String, Double> w : r.watts().entrySet()) {
                sb.append(String.format(Locale.ROOT, " %s %.1f W (%s)", w.getKey(), w.getValue(),
                        r.methods().getOrDefault(w.getKey(), "?")));
            }
        }
        SpectrumView v = spectra.selectedProperty().get();
        if (v != null) {
            sb.append("   spectrum: ").append(v.label());
        }
        readout.setText(sb.toString());
    }
}
