package dev.joulebench.app.panes;

import dev.joulebench.app.panes.model.RmtKdRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the RMT-KD tab shows for the run on screen (FX-thread state): one table row per analysed layer (d → k, the
 * fit, the outcome), the layers to choose from and the chosen one, whose spectrum the chart draws. While the run
 * goes on the newest layer is shown, unless the user chose another.
 */
public final class RmtKdViewModel {
    /**
     * One table row, as shown.
     *
     * @param cutTo      the width the cut narrowed the layer to ("12"; "–" when not cut; "…" until recorded)
     * @param validation validation accuracy after distillation ("87.20 %", or "")
     */
    public record Row(String layer, int d, int k, String cutTo, String sigma2, String lambdaPlus, String validation,
                      String outcome) {}

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Row> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<String> layers = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyLayers = FXCollections.unmodifiableObservableList(layers);
    private final ObjectProperty<String> chosen = new SimpleObjectProperty<>(this, "chosen");
    private final ReadOnlyObjectWrapper<RmtKdRun.Layer> shown = new ReadOnlyObjectWrapper<>(this, "shown");
    private RmtKdRun run = RmtKdRun.EMPTY;
    private boolean following = true;
    private boolean updating;

    public RmtKdViewModel() {
        chosen.addListener((o, a, key) -> {
            if (!updating) {
                following = key != null && !layers.isEmpty() && key.equals(layers.get(layers.size() - 1));
                shown.set(key == null ? null : run.byKey().get(key));
            }
        });
    }

    /** Shows {@code r} (null: no RMT-KD run). FX thread. */
    public void show(RmtKdRun r) {
        run = r == null ? RmtKdRun.EMPTY : r;
        List<Row> out = new ArrayList<>();
        for (RmtKdRun.Layer l : run.layers()) {
            out.add(row(run, l));
        }
        rows.setAll(out);
        List<String> keys = new ArrayList<>(run.byKey().keySet());
        updating = true;
        try {
            if (!keys.equals(layers)) {
                layers.setAll(keys);
            }
            String keep = chosen.get();
            String key = keys.isEmpty() ? null
                    : following || keep == null || !keys.contains(keep) ? keys.get(keys.size() - 1) : keep;
            chosen.set(key);
            shown.set(key == null ? null : run.byKey().get(key));
        } finally {
            updating = false;
        }
    }

    public ObservableList<Row> rows() {
        return readOnlyRows;
    }

    /** The layer keys ("fc1", "fc1 · pass 2") in schedule order. */
    public ObservableList<String> layers() {
        return readOnlyLayers;
    }

    /** The layer the user chose (or the newest while following). */
    public ObjectProperty<String> chosenProperty() {
        return chosen;
    }

    /** The chosen layer's spectrum and cut; null without layers. */
    public ReadOnlyObjectProperty<RmtKdRun.Layer> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    static Row row(RmtKdRun run, RmtKdRun.Layer l) {
        String cutTo = l.cut() != null && l.cut().cutWidth() > 0 && l.cut().cutWidth() < l.features()
                ? String.valueOf(l.cut().cutWidth())
                : l.cut() == null && l.kept() < l.features() ? "…" : "–";
        double v = run.validation(l);
        return new Row(l.key(), l.features(), l.kept(), cutTo, sig(l.sigma2()), sig(l.lambdaPlus()),
                Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f %%", v * 100), run.outcome(l));
    }

    private static String sig(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3g", v) : "–";
    }
}
