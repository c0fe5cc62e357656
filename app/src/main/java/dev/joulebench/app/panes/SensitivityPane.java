package dev.joulebench.app.panes;

import dev.joulebench.app.panes.export.ChartExport;
import dev.joulebench.app.panes.export.ChartExportMenu;
import dev.joulebench.app.panes.export.HeatMapSnapshot;
import dev.joulebench.app.panes.model.HeatScale;
import dev.joulebench.app.panes.model.SensitivityMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The layer sensitivity heat-map (layers × χ, a coloured cell per measured accuracy, the policy's χ
 * outlined) above the accuracy-vs-χ chart. FX thread; the cells come from {@link CompressionViewModel}.
 */
final class SensitivityPane {
    static final String CELL = "jb-heat-cell";
    static final String CHOSEN = "jb-heat-chosen";
    private final VBox root = new VBox(6);
    private final GridPane grid = new GridPane();
    private final CompressionViewModel model;

    SensitivityPane(CompressionViewModel model, ChiChart chart, ChartExport exports) {
        this.model = model;
        Label caption = new Label();
        caption.getStyleClass().add("jb-pane-caption");
        caption.setWrapText(true);
        caption.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrap, never cut to "…"
        caption.textProperty().bind(model.sensitivityCaptionProperty());
        ToggleButton accuracy = new ToggleButton("accuracy");
        ToggleButton drop = new ToggleButton("drop");
        drop.setId("sensitivity-show-drop");
        ToggleGroup g = new ToggleGroup();
        accuracy.setToggleGroup(g);
        drop.setToggleGroup(g);
        accuracy.setSelected(!model.showDropProperty().get());
        drop.setSelected(model.showDropProperty().get());
        g.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
            } else {
                model.showDropProperty().set(b == drop);
            }
        });
        accuracy.getStyleClass().add("left-pill");
        drop.getStyleClass().add("right-pill");
        Label title = new Label("Layer sensitivity");
        title.getStyleClass().add("text-bold");
        javafx.scene.layout.Region grow = new javafx.scene.layout.Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        ChartExport.Target heatMap = new ChartExport.Target("sensitivity", grid, this::snapshot);
        ChartExportMenu.install(exports, heatMap);
        HBox bar = new HBox(6, title, grow, new Label("cells"), accuracy, drop, ChartExportMenu.button(exports, heatMap));
        bar.setAlignment(Pos.CENTER_LEFT);

        grid.setId("sensitivity-heatmap");
        grid.getStyleClass().add("jb-heatmap");
        grid.setHgap(3);
        grid.setVgap(3);
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");

        scroll.setMaxHeight(Double.MAX_VALUE);
        javafx.scene.control.SplitPane body = new javafx.scene.control.SplitPane(scroll, chart.node());
        body.setDividerPositions(0.5);
        VBox.setVgrow(body, Priority.ALWAYS);
        root.getChildren().addAll(bar, caption, body);
        root.setPadding(new Insets(6));
        model.cells().addListener((ListChangeListener<CompressionViewModel.HeatCell>) c -> rebuild());
        model.sensitivityProperty().addListener(o -> rebuild()); // profiling started: no cells yet, new message
        rebuild();
    }

    Node node() {
        return root;
    }

    /** Rows = layers, columns = χ; headers on the top and left. */
    private void rebuild() {
        grid.getChildren().clear();
        var m = model.sensitivityProperty().get();
        if (m == null || m.layers().isEmpty()) {
            Label empty = new Label(m == null ? "No sensitivity profile in this run"
                    : "Profiling: the first layer's accuracies appear here as they are measured");
            empty.getStyleClass().add("text-muted");
            grid.add(empty, 0, 0);
            return;
        }
        Label corner = new Label("layer \\ χ");
        corner.getStyleClass().add("text-muted");
        grid.add(corner, 0, 0);
        for (int j = 0; j < m.chis().length; j++) {
            Label h = new Label(String.valueOf(m.chis()[j]));
            h.getStyleClass().add("text-bold");
            h.setMaxWidth(Double.MAX_VALUE);
            h.setAlignment(Pos.CENTER);
            grid.add(h, j + 1, 0);
        }
        for (int i = 0; i < m.layers().size(); i++) {
            String layer = m.layers().get(i);
            Label name = new Label(rowLabel(m, layer));
            name.getStyleClass().add("text-bold");
            grid.add(name, 0, i + 1);
        }
        for (CompressionViewModel.HeatCell c : model.cells()) {
            Label cell = new Label(c.text());
            cell.getStyleClass().add(CELL);
            if (c.chosen()) {
                cell.getStyleClass().add(CHOSEN);
            }
            cell.setMinWidth(52);
            cell.setMaxWidth(Double.MAX_VALUE);
            cell.setAlignment(Pos.CENTER);
            cell.setStyle("-fx-background-color: " + colour(c.shade()) + ";");
            cell.setUserData(c);
            GridPane.setHgrow(cell, Priority.ALWAYS);
            grid.add(cell, c.column() + 1, c.row() + 1);
        }
    }

    /** Red (worst measured) → amber → green (best or baseline); grey while not measured. */
    static String colour(double shade) {
        return Double.isNaN(shade) ? "-color-bg-subtle" : HeatScale.css(shade);
    }

    /** What the heat-map shows now, for its SVG: headers, cells, outlines, the scale's ends. FX thread. */
    HeatMapSnapshot snapshot() {
        SensitivityMatrix m = model.sensitivityProperty().get();
        List<String> layers = new ArrayList<>();
        List<String> chis = new ArrayList<>();
        List<HeatMapSnapshot.Cell> cells = new ArrayList<>();
        double[] range = m == null ? new double[] {Double.NaN, Double.NaN} : m.range();
        if (m != null) {
            for (String layer : m.layers()) {
                layers.add(rowLabel(m, layer));
            }
            for (int chi : m.chis()) {
                chis.add("χ=" + chi);
            }
            for (CompressionViewModel.HeatCell c : model.cells()) {
                cells.add(new HeatMapSnapshot.Cell(c.row(), c.column(), c.text(), c.shade(), c.chosen()));
            }
        }
        return new HeatMapSnapshot("Layer sensitivity", model.sensitivityCaptionProperty().get(), "layer \\ χ", layers,
                chis, cells, percent(range[0]), percent(range[1]));
    }

    /** "fc2 (dense)" when the policy keeps the layer dense. */
    private static String rowLabel(SensitivityMatrix m, String layer) {
        return layer + (m.chosen().containsKey(layer) && m.chosen().get(layer) == null ? " (dense)" : "");
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "" : String.format(Locale.ROOT, "%.2f %%", fraction * 100);
    }
}
