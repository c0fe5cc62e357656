package dev.joulebench.app.panes;

import dev.joulebench.app.panes.export.ChartExport;
import dev.joulebench.app.panes.model.PowerReading;
import dev.joulebench.app.panes.model.RecordedRun;
import dev.joulebench.app.panes.model.SpectrumView;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.event.RunEventListener;
import dev.joulebench.energy.footprint.Footprint;
import dev.joulebench.energy.footprint.FootprintSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

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
    private final TimeCharts charts;
    private final SpectraPane spectra;
    private final ModelPane model = new ModelPane();
    private final CompressionData compression = new CompressionData();
    private final SidePanes sidePanes;
    private final Label title = new Label();
    private final Label totals = new Label();
    private final Label readout = new Label("hover a chart to read values");
    private final ChartExport exports;
    private final ToggleButton byTime = new ToggleButton("time");
    private final ToggleButton byStep = new ToggleButton("step");
    private final BorderPane root = new BorderPane();
    private final FxCoalescer refresher = new FxCoalescer(this::refresh);
    private final ReadOnlyObjectWrapper<PowerReading> selectedPower = new ReadOnlyObjectWrapper<>(this, "selectedPower");
    private final RunEventListener listener;
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
        charts = new TimeCharts(cursor);
        exports = new ChartExport(loader, data::runName);
        spectra = new SpectraPane(data, loader, exports);
        listener = new LiveRunListener(data, compression, loader, refresher::request);

        sidePanes = new SidePanes(charts.node(), spectra.node(), model.node(), exports, loader);
        charts.installMenus(exports, cursor);

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
        readout.setMinWidth(0);
        HBox.setHgrow(readout, Priority.ALWAYS);
        root.setTop(bar);
        root.setCenter(sidePanes.node());
        root.setBottom(new HBox(readout, exportStatus(exports)));
        root.getStyleClass().add("jb-run-panes");
        root.getStylesheets().add(Objects.requireNonNull(RunPanes.class.getResource(STYLESHEET)).toExternalForm());

        cursor.timeProperty().addListener((obs, o, t) -> cursorMoved(t.doubleValue()));
        flusher.scheduleAtFixedRate(this::flushNow, FLUSH_MS, FLUSH_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        refresh();
    }

    /** The last chart export's outcome beside the read-out; a failure in the theme's danger colour. */
    private static Label exportStatus(ChartExport exports) {
        Label status = new Label();
        status.setId("chart-export-status");
        status.getStyleClass().add("jb-pane-readout");
        status.setPadding(new Insets(4, 8, 4, 8));
        status.setMinWidth(Region.USE_PREF_SIZE); // the read-out gives way: this line says where a file went
        status.textProperty().bind(exports.messageProperty());
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
        tip.textProperty().bind(exports.messageProperty());
        status.setTooltip(tip);
        exports.failedProperty().addListener((o, was, failed) -> status.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("failed"), failed));
        return status;
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

    /** Export as PNG / SVG and Copy as image of every chart pane; its folder is the one the chooser opens in. */
    public ChartExport exports() {
        return exports;
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
        return sidePanes.compression();
    }

    /** What the RMT-KD tab shows (no layers when the run is no RMT-KD run). */
    public RmtKdViewModel rmtkd() {
        return sidePanes.rmtkd();
    }

    /** Curves in the accuracy-vs-χ chart (layers and the baseline). FX thread. */
    public int chiCurveCount() {
        return sidePanes.chiCurves();
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

    RmtKdPane rmtkdPane() {
        return sidePanes.rmtkdPane();
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
        return charts.chart(name);
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
        charts.sync(data, byStep.isSelected());
        PanesData.Info info = data.info();
        title.setText(info.title());
        totals.setText(data.comparing() ? "" : PanesText.totals(info, footprint, settings));
        var compressed = compression.report();
        // a compress run's spec names a run id or a file; its summary names the model it compressed
        model.show(compressed != null && !compressed.modelSpec().isEmpty() && !compressed.modelSpec().endsWith(".onnx")
                ? compressed.modelSpec() : info.model(), info.method());
        spectra.refresh();
        sidePanes.refresh(compression);
    }

    private void applyMetricAxis() {
        charts.setMetricAxis(data, byStep.isSelected());
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
        readout.setText(PanesText.readout(t, data.steps.stepAt(t), r, spectra.selectedProperty().get()));
    }
}
