package dev.joulebench.app.panes;

import dev.joulebench.app.panes.export.ChartCapture;
import dev.joulebench.app.panes.export.ChartExport;
import dev.joulebench.app.panes.export.ChartExportMenu;
import dev.joulebench.app.panes.model.SpectrumView;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.XValueIndicator;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The selected layer's eigenvalue density (histogram) with the fitted Marchenko–Pastur curve, its
 * upper edge λ+ as a marker and the spikes above it as points; a layer chooser and a slider over the
 * layer's snapshots. Controls live on the FX thread; the three data sets are written on the loader
 * executor (never here), newest selection wins.
 */
final class SpectraPane {
    private final PanesData data;
    private final Executor loader;
    private final BorderPane root = new BorderPane();
    private final ComboBox<String> layers = new ComboBox<>();
    private final Slider slider = new Slider(0, 0, 0);
    private final Label caption = new Label("no spectral snapshots yet");
    private final DoubleDataSet histogram = new DoubleDataSet("eigenvalue density", 64);
    private final DoubleDataSet mpCurve = new DoubleDataSet("Marchenko–Pastur fit", 256);
    private final DoubleDataSet spikes = new DoubleDataSet("spikes (above λ+)", 16);
    private final XValueIndicator edge;
    private final ReadOnlyObjectWrapper<SpectrumView> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final AtomicLong drawSeq = new AtomicLong();
    private List<SpectrumView> current = List.of();
    private boolean following = true;
    private boolean updating;

    SpectraPane(PanesData data, Executor loader, ChartExport exports) {
        this.data = data;
        this.loader = loader;
        DefaultNumericAxis x = new DefaultNumericAxis("eigenvalue λ", null);
        DefaultNumericAxis y = new DefaultNumericAxis("density", null);
        x.setAnimated(false);
        y.setAnimated(false);
        x.setAutoRangeRounding(false);
        XYChart chart = new XYChart(x, y);
        chart.setTitle("Spectrum");
        chart.setAnimated(false);
        chart.setColorPalette(io.fair_acc.chartfx.ui.css.ColorPalette.ATLANTAFX);
        chart.getStyleClass().add("jb-pane-chart");
        ErrorDataSetRenderer bars = new ErrorDataSetRenderer();
        bars.setErrorStyle(ErrorStyle.NONE);
        bars.setPolyLineStyle(LineStyle.HISTOGRAM_FILLED);
        bars.setParallelImplementation(false);
        bars.setDrawMarker(false);
        bars.getDatasets().add(histogram);
        ErrorDataSetRenderer curve = new ErrorDataSetRenderer();
        curve.setErrorStyle(ErrorStyle.NONE);
        curve.setPolyLineStyle(LineStyle.NORMAL);
        curve.setParallelImplementation(false);
        curve.setDrawMarker(false);
        curve.getDatasets().add(mpCurve);
        ErrorDataSetRenderer points = new ErrorDataSetRenderer();
        points.setErrorStyle(ErrorStyle.NONE);
        points.setPolyLineStyle(LineStyle.NONE);
        points.setParallelImplementation(false);
        points.setDrawMarker(true);
        points.getDatasets().add(spikes);
        mpCurve.setStyle("-fx-line-width: 2;");
        spikes.setStyle("-fx-marker-size: 5; -fx-marker-type: diamond; -fx-color-index: 1;");
        chart.getRenderers().setAll(bars, curve, points);
        edge = new XValueIndicator(x, Double.NaN, "λ+");
        edge.setEditable(false);
        chart.getPlugins().add(edge);

        layers.setPromptText("layer");
        layers.valueProperty().addListener((obs, o, n) -> {
            if (!updating) {
                following = true;
                refresh();
            }
        });
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        slider.valueProperty().addListener((obs, o, n) -> {
            if (!updating) {
                following = n.intValue() >= current.size() - 1;
                select(n.intValue());
            }
        });
        HBox.setHgrow(slider, Priority.ALWAYS);
        ChartExport.Target target = new ChartExport.Target("spectrum", chart, () -> ChartCapture.of(chart));
        ChartExportMenu.install(exports, target);
        Label layerLabel = new Label("Layer");
        javafx.scene.control.MenuButton export = ChartExportMenu.button(exports, target);
        // the slider gives way in a narrow pane; the label, the layer's name and the button keep their width
        for (javafx.scene.layout.Region r : java.util.List.of(layerLabel, export)) {
            r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        layers.setMinWidth(80);
        slider.setMinWidth(0);
        HBox controls = new HBox(8, layerLabel, layers, slider, export);
        controls.getStyleClass().add("jb-pane-controls");
        caption.getStyleClass().add("jb-pane-caption");
        VBox top = new VBox(4, controls, caption);
        top.setPadding(new Insets(6));
        root.setTop(top);
        root.setCenter(chart);
        root.getStyleClass().add("jb-spectra-pane");
    }

    Node node() {
        return root;
    }

    ReadOnlyObjectProperty<SpectrumView> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    int snapshotCount() {
        return current.size();
    }

    /** Picks up new layers and snapshots; follows the newest one unless the user scrubbed back. FX thread. */
    void refresh() {
        updating = true;
        try {
            List<String> keys = data.spectrumKeys();
            if (!keys.equals(layers.getItems())) {
                String keep = layers.getValue();
                layers.getItems().setAll(keys);
                layers.setValue(keep != null && keys.contains(keep) ? keep : keys.isEmpty() ? null : keys.get(0));
            }
            String key = layers.getValue();
            current = key == null ? List.of() : data.spectra(key);
            slider.setMax(Math.max(0, current.size() - 1));
            slider.setDisable(current.size() < 2);
            if (current.isEmpty()) {
                clearSelection();
                return;
            }
            int index = following ? current.size() - 1 : (int) Math.min(slider.getValue(), current.size() - 1);
            slider.setValue(index);
            if (selected.get() != current.get(index)) {
                select(index);
            }
        } finally {
            updating = false;
        }
    }

    /** Selects the current layer's snapshot nearest to {@code t} (activations only). FX thread. */
    void selectNearest(double t) {
        String key = layers.getValue();
        if (key == null || Double.isNaN(t)) {
            return;
        }
        int i = data.nearestSpectrum(key, t);
        if (i >= 0 && i < current.size()) {
            updating = true;
            try {
                following = i == current.size() - 1;
                slider.setValue(i);
            } finally {
                updating = false;
            }
            select(i);
        }
    }

    void clear() {
        layers.getItems().clear();
        current = List.of();
        following = true;
        clearSelection();
    }

    private void clearSelection() {
        selected.set(null);
        caption.setText("no spectral snapshots yet");
        edge.setValue(Double.NaN);
        draw(null);
    }

    private void select(int index) {
        if (index < 0 || index >= current.size()) {
            return;
        }
        SpectrumView v = current.get(index);
        selected.set(v);
        edge.setValue(v.lambdaPlus());
        caption.setText(String.format(Locale.ROOT, "%s   λ+ = %.4g   spikes: %d%s", v.label(), v.lambdaPlus(),
                v.spikes().length, Double.isNaN(v.t()) ? "" : String.format(Locale.ROOT, "   t = %.1f s", v.t())));
        draw(v);
    }

    /** Writes the three data sets on the loader; an older request that runs late is dropped. */
    private void draw(SpectrumView v) {
        long seq = drawSeq.incrementAndGet();
        loader.execute(() -> {
            if (seq != drawSeq.get()) {
                return;
            }
            if (v == null) {
                histogram.clearData();
                mpCurve.clearData();
                spikes.clearData();
                return;
            }
            histogram.set(v.binCentres(), v.density(), v.binCentres().length, true);
            mpCurve.set(v.mpX(), v.mpY(), v.mpX().length, true);
            double peak = 0;
            for (double d : v.density()) {
                peak = Math.max(peak, d);
            }
            double[] ys = new double[v.spikes().length];
            java.util.Arrays.fill(ys, 0.05 * peak);
            spikes.set(v.spikes(), ys, ys.length, true);
        });
    }

    /** Points in the histogram data set (for tests), read under its lock. */
    int histogramBins() {
        return histogram.lock().readLockGuard((java.util.function.Supplier<Integer>) histogram::getDataCount);
    }

    static String key(SpectrumView v) {
        return v.layer() + ("weight".equals(v.kind()) ? " (weights)" : " (activations)");
    }
}
