package dev.joulebench.app.panes;

import dev.joulebench.app.panes.model.CompressionReport;
import dev.joulebench.app.panes.model.SensitivityMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import dev.joulebench.core.spec.CompressSpec;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the compression panes show for the run on screen (FX-thread state): the before/after rows, the
 * per-layer rows, a caption, and the sensitivity heat-map's cells (accuracy, or drop from the baseline
 * when {@link #showDropProperty()} is set). Null report = not a compress run.
 */
public final class CompressionViewModel {
    /**
     * One heat-map cell.
     *
     * @param row    layer index
     * @param column χ index
     * @param text   the value shown ("87.3" % or "−1.2" pt; "…" while not measured)
     * @param shade  0 = worst measured accuracy … 1 = best (or baseline); NaN when not measured
     * @param chosen the policy chose this χ for the layer
     */
    public record HeatCell(int row, int column, String text, double shade, boolean chosen) {}

    private final ReadOnlyObjectWrapper<CompressionReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyObjectWrapper<SensitivityMatrix> sensitivity = new ReadOnlyObjectWrapper<>(this,
            "sensitivity");
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper(this, "caption", "");
    private final ReadOnlyStringWrapper sensitivityCaption = new ReadOnlyStringWrapper(this, "sensitivityCaption", "");
    private final BooleanProperty showDrop = new SimpleBooleanProperty(this, "showDrop", false);
    private final ReadOnlyBooleanWrapper layerTable = new ReadOnlyBooleanWrapper(this, "layerTable", true);
    private final ObservableList<CompressionReport.Row> summaryRows = FXCollections.observableArrayList();
    private final ObservableList<CompressionReport.Row> readOnlySummary = FXCollections.unmodifiableObservableList(
            summaryRows);
    private final ObservableList<CompressionReport.Layer> layerRows = FXCollections.observableArrayList();
    private final ObservableList<CompressionReport.Layer> readOnlyLayers = FXCollections.unmodifiableObservableList(
            layerRows);
    private final ObservableList<HeatCell> cells = FXCollections.observableArrayList();
    private final ObservableList<HeatCell> readOnlyCells = FXCollections.unmodifiableObservableList(cells);

    public CompressionViewModel() {
        showDrop.addListener(o -> updateCells());
    }

    /** Shows {@code r} (null: no compress run). FX thread. */
    public void show(CompressionReport r) {
        report.set(r);
        if (r == null) {
            summaryRows.clear();
            layerRows.clear();
            caption.set("");
        } else {
            summaryRows.setAll(r.isSensitivity() ? List.of() : r.beforeAfter());
            layerRows.setAll(r.layers());
            String heal = r.healCaption() + r.distillCaption();
            caption.set(String.format(Locale.ROOT, "%s %s   model %s   dataset %s%s", r.method(),
                    r.isSensitivity() ? "sensitivity" : "compression", r.modelSpec(), r.dataset(),
                    heal.isEmpty() ? "" : "   " + heal));
        }
        // RMT-KD narrows layers rather than factorising weights: its per-layer table (d → k) is in its own tab
        layerTable.set(r == null || !CompressSpec.RMTKD.equals(r.method()));
        sensitivity.set(r == null ? null : r.sensitivity());
        updateCells();
    }

    /** Whether the method has a per-layer weights table (every method but rmtkd). */
    public ReadOnlyBooleanProperty layerTableProperty() {
        return layerTable.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CompressionReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SensitivityMatrix> sensitivityProperty() {
        return sensitivity.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /** Baseline and policy of the heat-map. */
    public ReadOnlyStringProperty sensitivityCaptionProperty() {
        return sensitivityCaption.getReadOnlyProperty();
    }

    /** Cells show the drop from the baseline (true) or the accuracy (false). */
    public BooleanProperty showDropProperty() {
        return showDrop;
    }

    public ObservableList<CompressionReport.Row> summaryRows() {
        return readOnlySummary;
    }

    public ObservableList<CompressionReport.Layer> layerRows() {
        return readOnlyLayers;
    }

    /** Heat-map cells, row-major (layers × χ); empty without a sensitivity profile. */
    public ObservableList<HeatCell> cells() {
        return readOnlyCells;
    }

    /** "+1.2" / "−1.2" with a real minus; a value that rounds to zero is "+0.0", never "−0.0". */
    static String signed(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        double rounded = Math.round(value * scale) / scale + 0.0;
        return String.format(Locale.ROOT, "%+." + decimals + "f", rounded).replace('-', '−');
    }

    private void updateCells() {
        SensitivityMatrix m = sensitivity.get();
        if (m == null) {
            cells.clear();
            sensitivityCaption.set("");
            return;
        }
        boolean drop = showDrop.get();
        List<HeatCell> out = new ArrayList<>();
        for (int i = 0; i < m.layers().size(); i++) {
            for (int j = 0; j < m.chis().length; j++) {
                double v = drop ? m.drop(i, j) : m.accuracy(i, j);
                String text = Double.isNaN(v) ? "…"
                        : drop ? signed(-v * 100, 1)
                        : String.format(Locale.ROOT, "%.1f", v * 100);
                out.add(new HeatCell(i, j, text, m.shade(i, j), m.isChosen(i, j)));
            }
        }
        cells.setAll(out);
        String base = Double.isNaN(m.baseline()) ? "" : String.format(Locale.ROOT, "baseline %.2f %%   ",
                m.baseline() * 100);
        sensitivityCaption.set(base + (drop ? "cells: change from baseline (pt)" : "cells: accuracy (%)")
                + (m.policy().isEmpty() ? "" : "   outlined: " + m.policy()));
    }
}
