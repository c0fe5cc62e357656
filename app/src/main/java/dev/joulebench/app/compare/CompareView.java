package dev.joulebench.app.compare;

import dev.joulebench.app.Formats;
import dev.joulebench.app.workspace.FormattedCell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** The compare summary table with Copy (TSV) and Save CSV…; closing it hides it. */
public final class CompareView {
    private final VBox root = new VBox(6);
    private final Label status = new Label();

    public CompareView(CompareTableViewModel model, Runnable onClose) {
        TableView<CompareRow> table = new TableView<>(model.rows());
        table.setId("compare-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // The run's 4 hex digits, as the panes' legends name it; the full id is in the tooltip and the exports.
        TableColumn<CompareRow, String> run = text("Run", CompareRow::run);
        run.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String id, boolean empty) {
                super.updateItem(id, empty);
                setText(empty || id == null ? null : id.substring(id.lastIndexOf('-') + 1));
                setTooltip(empty || id == null ? null : new javafx.scene.control.Tooltip(id));
            }
        });
        table.getColumns().add(run);
        table.getColumns().add(text("Method", CompareRow::method));
        table.getColumns().add(text("Dataset", CompareRow::dataset));
        table.getColumns().add(num("Test acc", CompareRow::accuracy, Formats::percent));
        table.getColumns().add(num("Time", CompareRow::seconds, Formats::seconds));
        table.getColumns().add(num("kWh", CompareRow::kwh, Formats::sci));
        table.getColumns().add(num("CO2e kg", CompareRow::co2eKg, Formats::sci));
        table.getColumns().add(num("Water L (on-site + generation)", CompareRow::waterL, Formats::sci));
        table.getColumns().add(num("Params", CompareRow::params, Formats::count));
        VBox.setVgrow(table, Priority.ALWAYS);

        Label title = new Label("Compare");
        title.getStyleClass().add("title-4");
        Button copy = new Button("Copy");
        copy.setId("compare-copy");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.toTsv());
            Clipboard.getSystemClipboard().setContent(content);
            status.setText("copied " + model.rows().size() + " rows (tab-separated)");
        });
        Button save = new Button("Save CSV…");
        save.setOnAction(e -> saveCsv(model));
        Button close = new Button("Close");
        close.setOnAction(e -> onClose.run());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        status.getStyleClass().add("text-muted");
        HBox bar = new HBox(6, title, gap, status, copy, save, close);
        bar.setAlignment(Pos.CENTER_LEFT);
        root.setPadding(new Insets(6, 8, 6, 8));
        root.getChildren().addAll(bar, table);
    }

    public Node node() {
        return root;
    }

    private void saveCsv(CompareTableViewModel model) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save comparison as CSV");
        chooser.setInitialFileName("compare.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        java.io.File f = chooser.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (f == null) {
            return;
        }
        Path file = f.toPath();
        try {
            Files.writeString(file, model.toCsv());
            status.setText("saved " + file.getFileName());
        } catch (IOException ex) {
            status.setText("cannot save " + file + ": " + ex.getMessage());
        }
    }

    private static TableColumn<CompareRow, String> text(String title, Function<CompareRow, String> value) {
        TableColumn<CompareRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    private static TableColumn<CompareRow, Double> num(String title, Function<CompareRow, Double> value,
                                                       Function<Double, String> format) {
        TableColumn<CompareRow, Double> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setCellFactory(col -> new FormattedCell<>(format));
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        return c;
    }
}
