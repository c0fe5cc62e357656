package dev.joulebench.app.panes;

import dev.joulebench.app.panes.model.CompressionReport;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The compression summary: before/after table with the ratio, and the per-layer table. FX thread. */
final class CompressionPane {
    private final VBox root = new VBox(6);
    private final TableView<CompressionReport.Row> summary = new TableView<>();
    private final TableView<CompressionReport.Layer> layers = new TableView<>();

    CompressionPane(CompressionViewModel model) {
        Label caption = new Label();
        caption.getStyleClass().add("jb-pane-caption");
        caption.setWrapText(true);
        caption.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrap, never cut to "…"
        caption.textProperty().bind(model.captionProperty());

        summary.setId("compress-summary-table");
        TableColumn<CompressionReport.Row, String> metric = column("", CompressionReport.Row::metric, false);
        metric.setPrefWidth(200); // constrained resizing shares the width in proportion to these
        summary.getColumns().add(metric);
        summary.getColumns().add(column("Before", CompressionReport.Row::before, true));
        summary.getColumns().add(column("After", CompressionReport.Row::after, true));
        summary.getColumns().add(column("After / before", CompressionReport.Row::change, true));
        summary.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        summary.setItems(model.summaryRows());
        summary.setPlaceholder(new Label("No measurements yet"));
        summary.setFixedCellSize(26);
        summary.setPrefHeight(26 * 6 + 44); // six rows and the header, no scroll bar
        summary.setMinHeight(26 * 6 + 44);

        Label perLayer = new Label("Per layer (weights only; biases stay dense)");
        perLayer.getStyleClass().add("text-bold");
        layers.setId("compress-layer-table");
        layers.getColumns().add(column("Layer", CompressionReport.Layer::layer, false));
        layers.getColumns().add(column("in×out", CompressionReport.Layer::shape, true));
        layers.getColumns().add(column("Setting", CompressionReport.Layer::setting, false));
        layers.getColumns().add(column("Weights", l -> String.format(Locale.ROOT, "%,d → %,d", l.paramsBefore(),
                l.paramsAfter()), true));
        layers.getColumns().add(column("Ratio", l -> String.format(Locale.ROOT, "×%.3g", l.paramsRatio()), true));
        layers.getColumns().add(column("Bytes after", l -> String.format(Locale.ROOT, "%,d", l.bytesAfter()), true));
        layers.getColumns().add(column("MACs after", l -> String.format(Locale.ROOT, "%,d", l.macsAfter()), true));
        layers.getColumns().add(column("Rel. error", l -> String.format(Locale.ROOT, "%.4f", l.relativeError()),
                true));
        double[] widths = {60, 90, 70, 170, 70, 100, 100, 80}; // proportions under constrained resizing
        for (int i = 0; i < widths.length; i++) {
            layers.getColumns().get(i).setPrefWidth(widths[i]);
        }
        layers.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        layers.setItems(model.layerRows());
        layers.setPlaceholder(new Label("No layer compressed yet"));
        VBox.setVgrow(layers, Priority.ALWAYS);

        for (Node n : java.util.List.of(perLayer, layers)) {
            n.visibleProperty().bind(model.layerTableProperty());
            n.managedProperty().bind(model.layerTableProperty());
        }
        root.getChildren().addAll(caption, summary, perLayer, layers);
        root.setPadding(new Insets(6));
    }

    Node node() {
        return root;
    }

    private static <R> TableColumn<R, String> column(String title, Function<R, String> value, boolean numeric) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setSortable(false);
        if (numeric) {
            c.getStyleClass().add("jb-numeric");
        }
        return c;
    }
}
