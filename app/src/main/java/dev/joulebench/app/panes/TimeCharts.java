package dev.joulebench.app.panes;

import dev.joulebench.app.panes.export.ChartCapture;
import dev.joulebench.app.panes.export.ChartExport;
import dev.joulebench.app.panes.export.ChartExportMenu;
import java.util.List;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;

/**
 * The four time charts (power, energy, loss, accuracy) in two equal rows and columns, and what they plot: the
 * series of the shown run, loss and accuracy against time or optimizer step. FX thread.
 */
final class TimeCharts {
    private final TimeChart power;
    private final TimeChart energy;
    private final TimeChart loss;
    private final TimeChart accuracy;
    private final GridPane grid = new GridPane();

    TimeCharts(LinkedCursor cursor) {
        power = new TimeChart("Power", "power", "W", cursor);
        energy = new TimeChart("Energy", "energy", "kWh", cursor);
        loss = new TimeChart("Loss", "loss", "", cursor);
        accuracy = new TimeChart("Accuracy", "accuracy", "", cursor);
        energy.useSignificantDigitTicks();
        loss.showPointMarkers();
        accuracy.showPointMarkers();
        grid.getStyleClass().add("jb-pane-grid");
        grid.add(power.node(), 0, 0);
        grid.add(energy.node(), 1, 0);
        grid.add(loss.node(), 0, 1);
        grid.add(accuracy.node(), 1, 1);
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
        for (TimeChart c : all()) {
            c.node().setMinSize(120, 100);
        }
    }

    /** Right-click on a chart: Show all (the linked zoom back to the data), then its exports. */
    void installMenus(ChartExport export, LinkedCursor cursor) {
        for (String name : List.of(PanesData.POWER, PanesData.ENERGY, PanesData.LOSS, PanesData.ACCURACY)) {
            TimeChart c = chart(name);
            MenuItem showAll = new MenuItem("Show all");
            showAll.setOnAction(e -> cursor.zoomTo(null));
            ChartExportMenu.install(export, new ChartExport.Target(name, c.node(), () -> ChartCapture.of(c.node())),
                    showAll);
        }
    }

    GridPane node() {
        return grid;
    }

    List<TimeChart> all() {
        return List.of(power, energy, loss, accuracy);
    }

    /** "power", "energy", "loss" or "accuracy". */
    TimeChart chart(String name) {
        return switch (name) {
            case PanesData.POWER -> power;
            case PanesData.ENERGY -> energy;
            case PanesData.LOSS -> loss;
            case PanesData.ACCURACY -> accuracy;
            default -> throw new IllegalArgumentException("no chart '" + name + "' (power, energy, loss, accuracy)");
        };
    }

    /** Attaches the data sets that changed since the last call; loss and accuracy by step or by time. */
    void sync(PanesData data, boolean byStep) {
        power.sync(data.power.all(), data.power.version());
        energy.sync(data.energy.all(), data.energy.version());
        SeriesSet l = byStep ? data.lossByStep : data.lossByTime;
        SeriesSet a = byStep ? data.accuracyByStep : data.accuracyByTime;
        loss.sync(l.all(), l.version());
        accuracy.sync(a.all(), a.version());
        java.util.List<CutMarkers.Marker> cuts = data.cuts.all();
        long v = data.cuts.version();
        loss.showEvents(cuts, v);
        accuracy.showEvents(cuts, v);
    }

    /** Loss and accuracy against optimizer step (true) or run time (false). */
    void setMetricAxis(PanesData data, boolean byStep) {
        for (TimeChart c : List.of(loss, accuracy)) {
            if (byStep) {
                c.setXUnits("step", "", data.steps::stepAt, data.steps::timeAt);
            } else {
                c.setXUnits("time", "s", t -> t, x -> x);
            }
            c.invalidateSync();
        }
    }
}
