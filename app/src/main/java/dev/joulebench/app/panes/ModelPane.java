package dev.joulebench.app.panes;

import dev.joulebench.app.panes.model.ModelLayers;
import dev.joulebench.core.BadInputException;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

/** The model's layers with output shapes and parameters, and its total size. FX thread. */
final class ModelPane {
    private final BorderPane root = new BorderPane();
    private final TableView<ModelLayers.Layer> table = new TableView<>();
    private final Label summary = new Label("no model");
    private String shown = "";

    ModelPane() {
        table.getColumns().add(column("Layer", ModelLayers.Layer::name));
        table.getColumns().add(column("Computes", ModelLayers.Layer::kind));
        table.getColumns().add(column("Output", ModelLayers.Layer::output));
        TableColumn<ModelLayers.Layer, Object> params = column("Parameters",
                l -> String.format(Locale.ROOT, "%,d", l.params()));
        params.getStyleClass().add("jb-numeric");
        table.getColumns().add(params);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("Open or start a run to see its model"));
        summary.getStyleClass().add("jb-pane-caption");
        BorderPane.setMargin(summary, new Insets(6));
        root.setTop(summary);
        root.setCenter(table);
    }

    Node node() {
        return root;
    }

    /** Shows {@code spec} (e.g. mlp:784-32-10) for {@code method}; blank clears. */
    void show(String spec, String method) {
        String key = spec + "|" + method;
        if (key.equals(shown)) {
            return;
        }
        shown = key;
        if (spec == null || spec.isBlank()) {
            table.getItems().clear();
            summary.setText("no model");
            return;
        }
        try {
            ModelLayers m = ModelLayers.parse(spec);
            table.getItems().setAll(m.layers());
            summary.setText(String.format(Locale.ROOT, "%s   %s   %,d parameters   %.2f MB (float32)", m.spec(),
                    method == null || method.isBlank() ? "" : "method " + method, m.parameters(), m.bytes() / 1e6));
        } catch (BadInputException e) {
            table.getItems().clear();
            summary.setText(spec + ": " + e.getMessage());
        }
    }

    int rows() {
        return table.getItems().size();
    }

    private static <T> TableColumn<ModelLayers.Layer, Object> column(String title,
                                                                  java.util.function.Function<ModelLayers.Layer, T> value) {
        TableColumn<ModelLayers.Layer, Object> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }
}
