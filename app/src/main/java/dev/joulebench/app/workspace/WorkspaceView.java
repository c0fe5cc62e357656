package dev.joulebench.app.workspace;

import dev.joulebench.app.Formats;
import java.time.Instant;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The workspace's runs as a sortable, filterable, multi-select table; double-click or Enter opens a run. */
public final class WorkspaceView {
    private final VBox root = new VBox(6);
    private final TableView<RunRow> table = new TableView<>();
    private final TextField filter = new TextField();

    public WorkspaceView(WorkspaceViewModel model) {
        Label title = new Label("Runs");
        title.getStyleClass().add("title-4");
        Label where = new Label();
        where.getStyleClass().add("text-muted");
        where.textProperty().bind(Bindings.createStringBinding(
                () -> model.workspace() == null ? "" : model.workspace().toString(), model.workspaceProperty()));
        where.setTooltip(new Tooltip("Workspace (File ▸ Open workspace… to change)"));

        filter.setPromptText("Filter: method, dataset, status, id …");
        filter.setId("workspace-filter");
        filter.textProperty().bindBidirectional(model.filterProperty());

        table.setId("workspace-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        Label empty = new Label("No runs in this workspace yet: start one from the launcher on the right.");
        empty.setWrapText(true);
        empty.setPadding(new Insets(12));
        table.setPlaceholder(empty);
        table.getColumns().add(text("Status", RunRow::status, 84));
        table.getColumns().add(text("Kind", RunRow::kind, 82));
        table.getColumns().add(text("Method", RunRow::method, 84));
        table.getColumns().add(text("Dataset", RunRow::dataset, 84));
        table.getColumns().add(number("Test acc", RunRow::testAccuracy, Formats::percent, 84));
        table.getColumns().add(number("kWh", RunRow::energyKwh, Formats::sci, 76));
        TableColumn<RunRow, Instant> date = new TableColumn<>("Date");
        date.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().created()));
        date.setCellFactory(c -> new FormattedCell<>(Formats::date));
        date.setPrefWidth(140);
        table.getColumns().add(date);
        SortedList<RunRow> sorted = new SortedList<>(model.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        date.setSortType(TableColumn.SortType.DESCENDING);
        table.getSortOrder().add(date);
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunRow>) c ->
                model.selection().setAll(table.getSelectionModel().getSelectedItems()));
        table.setRowFactory(t -> {
            TableRow<RunRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    model.open(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                model.openSelected();
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        Button open = new Button("Open");
        open.setId("workspace-open");
        open.disableProperty().bind(Bindings.isEmpty(model.selection()));
        open.setOnAction(e -> model.openSelected());
        Button compare = new Button("Compare");
        compare.setId("workspace-compare");
        compare.setTooltip(new Tooltip("Overlay the selected runs and tabulate them (select two or more)"));
        compare.disableProperty().bind(Bindings.size(model.selection()).lessThan(2));
        compare.setOnAction(e -> model.compareSelected());
        Button refresh = new Button("Refresh");
        refresh.setTooltip(new Tooltip("List the runs again (F5)"));
        refresh.setOnAction(e -> model.refresh());
        Label error = new Label();
        error.getStyleClass().add("danger");
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        error.managedProperty().bind(model.errorProperty().isNotNull());
        HBox actions = new HBox(6, open, compare, refresh);

        root.setPadding(new Insets(8));
        root.getChildren().addAll(title, where, filter, table, actions, error);
        root.setMinWidth(220);
    }

    public Node node() {
        return root;
    }

    public TableView<RunRow> table() {
        return table;
    }

    public void focusFilter() {
        filter.requestFocus();
    }

    private static TableColumn<RunRow, String> text(String title, Function<RunRow, String> value, double width) {
        TableColumn<RunRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<RunRow, Double> number(String title, Function<RunRow, Double> value,
                                                      Function<Double, String> format, double width) {
        TableColumn<RunRow, Double> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setCellFactory(col -> new FormattedCell<>(format));
        c.setPrefWidth(width);
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        return c;
    }
}
