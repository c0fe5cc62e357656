package dev.joulebench.app.studies;

import dev.joulebench.app.Formats;
import dev.joulebench.study.Objective;
import dev.joulebench.study.StudyRecord;
import dev.joulebench.study.TrialState;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Studies view: a study chooser, the trials table (each state with its own style class), the three live
 * charts, and Open run (or a double-click) to show a trial's run in the panes. FX thread; it only draws what
 * {@link StudiesViewModel} publishes.
 */
public final class StudiesView {
    static final String EMPTY_TEXT = "No studies yet: joulebench study run samples/studies/mlp-tpe.json";
    private static final int FIXED_COLUMNS = 3;

    private final StudiesViewModel model;
    private final VBox root = new VBox(6);
    private final ComboBox<StudyRecord> chooser = new ComboBox<>();
    private final ObservableList<StudyRecord> chooserItems = FXCollections.observableArrayList();
    private final TableView<TrialRow> table = new TableView<>();
    private final StudyCharts charts;
    private List<Objective> shownObjectives = List.of();
    /** Set while the chooser is made to show the study on screen, which is no choice of the user's. */
    private boolean showingStudy;

    public StudiesView(StudiesViewModel model, Runnable onClose) {
        this.model = model;
        this.charts = new StudyCharts(model.charts());
        root.getStylesheets().add(StudiesView.class.getResource("studies.css").toExternalForm());
        root.getStyleClass().add("jb-studies");

        Label title = new Label("Studies");
        title.getStyleClass().add("title-4");
        chooser.setId("studies-chooser");
        chooser.setItems(chooserItems);
        chooser.setPromptText("study");
        chooser.setCellFactory(l -> new StudyCell());
        chooser.setButtonCell(new StudyCell());
        chooser.setOnAction(e -> {
            StudyRecord s = chooser.getValue();
            StudyRecord onScreen = model.selectedStudyProperty().get();
            if (s != null && !showingStudy && (onScreen == null || !onScreen.id().equals(s.id()))) {
                model.select(s.id()); // the user's choice; until then the newest study is followed
            }
        });
        Label status = new Label();
        status.setId("studies-status");
        status.textProperty().bind(model.statusProperty());
        status.getStyleClass().add("text-muted");
        status.setMinWidth(0);
        Button open = new Button("Open run");
        open.setId("studies-open-run");
        open.setTooltip(new Tooltip("Show the selected trial's run in the panes (or double-click the trial)"));
        open.disableProperty().bind(Bindings.createBooleanBinding(
                () -> selectedRun() == null, table.getSelectionModel().selectedItemProperty()));
        open.setOnAction(e -> model.openRun(selectedRun()));
        Button close = new Button("Close");
        close.setId("studies-close");
        close.setOnAction(e -> onClose.run());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(6, title, chooser, status, gap, open, close);
        bar.setAlignment(Pos.CENTER_LEFT);

        Label best = new Label();
        best.setId("studies-best");
        best.textProperty().bind(model.bestTrialProperty());

        table.setId("studies-table");
        table.setItems(model.trials());
        table.setPlaceholder(new Label("No trials yet"));
        table.getColumns().add(column("#", r -> Integer.toString(r.number()), true, 40));
        TableColumn<TrialRow, TrialState> state = new TableColumn<>("State");
        state.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().state()));
        state.setCellFactory(c -> new StateCell());
        state.setPrefWidth(80);
        table.getColumns().add(state);
        table.getColumns().add(column("Params", TrialRow::params, false, 240));
        table.getColumns().add(column("kWh", r -> Formats.sci(r.kwh()), true, 80));
        TableColumn<TrialRow, String> run = column("Run", TrialRow::runId, false, 60);
        // the run's 4 hex digits, as the panes' legends name it; the whole id in the tooltip
        run.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String id, boolean empty) {
                super.updateItem(id, empty);
                setText(empty || id == null ? null : id.substring(id.lastIndexOf('-') + 1));
                setTooltip(empty || id == null ? null : new Tooltip(id));
            }
        });
        table.getColumns().add(run);
        table.setRowFactory(t -> {
            TableRow<TrialRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    model.openRun(row.getItem());
                }
            });
            return row;
        });

        HBox chartRow = new HBox(4);
        for (Node c : charts.nodes()) {
            HBox.setHgrow(c, Priority.ALWAYS);
            chartRow.getChildren().add(c);
        }
        SplitPane body = new SplitPane(table, chartRow);
        body.setOrientation(Orientation.HORIZONTAL);
        body.setDividerPositions(0.4);
        Label empty = new Label(EMPTY_TEXT);
        empty.setId("studies-empty");
        empty.getStyleClass().add("title-4");
        empty.visibleProperty().bind(model.noStudiesProperty());
        body.visibleProperty().bind(model.noStudiesProperty().not());
        StackPane content = new StackPane(body, empty);
        VBox.setVgrow(content, Priority.ALWAYS);
        root.setPadding(new Insets(6, 8, 6, 8));
        root.getChildren().addAll(bar, best, content);

        model.selectedStudyProperty().addListener((o, a, s) -> studyShown(s));
        chooserItems.setAll(model.studies()); // what a model read before the view was made
        model.studies().addListener((ListChangeListener<StudyRecord>) c -> {
            // the chooser's own list, replaced under the guard: a combo box moves its value when its items change
            showingStudy = true;
            try {
                chooserItems.setAll(model.studies());
            } finally {
                showingStudy = false;
            }
            studyShown(model.selectedStudyProperty().get());
        });
        model.updatesProperty().addListener((o, a, b) -> charts.refresh(model.historyLabelProperty().get(),
                model.scatterProperty().get(), model.parallelAxesProperty().get()));
        charts.parallel().titleProperty().bind(model.parallelTitleProperty());
    }

    public Node node() {
        return root;
    }

    TableView<TrialRow> table() {
        return table;
    }

    StudyCharts charts() {
        return charts;
    }

    /** The chooser shows the study on screen; the table has one column per objective of it. */
    private void studyShown(StudyRecord s) {
        StudyRecord item = s == null ? null : chooserItems.stream().filter(r -> r.id().equals(s.id()))
                .findFirst().orElse(null);
        StudyRecord shown = chooser.getValue();
        if (item == null ? shown != null : shown == null || !shown.id().equals(item.id())) {
            showingStudy = true;
            try {
                chooser.setValue(item);
            } finally {
                showingStudy = false;
            }
        }
        List<Objective> objectives = s == null ? List.of() : s.spec().objectives();
        if (!objectives.equals(shownObjectives)) {
            shownObjectives = objectives;
            table.getColumns().remove(FIXED_COLUMNS, table.getColumns().size() - 2);
            for (int i = 0; i < objectives.size(); i++) {
                int index = i;
                table.getColumns().add(FIXED_COLUMNS + i, column(objectives.get(i).metric(),
                        r -> r.value(index) == null ? "" : TrialRow.format(r.value(index)), true, 110));
            }
        }
    }

    private TrialRow selectedRun() {
        TrialRow r = table.getSelectionModel().getSelectedItem();
        return r != null && r.runId() != null ? r : null;
    }

    private static TableColumn<TrialRow, String> column(String title, Function<TrialRow, String> value,
                                                        boolean numeric, double width) {
        TableColumn<TrialRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        if (numeric) {
            c.getStyleClass().add("jb-numeric");
        }
        return c;
    }

    /** A trial's state with the style class of that state, so each state has its own colour. */
    static final class StateCell extends TableCell<TrialRow, TrialState> {
        @Override
        protected void updateItem(TrialState s, boolean empty) {
            super.updateItem(s, empty);
            for (TrialState any : TrialState.values()) {
                getStyleClass().remove(TrialRow.styleOf(any));
            }
            setText(empty || s == null ? null : s.json());
            if (!empty && s != null) {
                getStyleClass().add(TrialRow.styleOf(s));
            }
        }
    }

    /** A study by its id, with its status when it is not running. */
    private static final class StudyCell extends ListCell<StudyRecord> {
        @Override
        protected void updateItem(StudyRecord s, boolean empty) {
            super.updateItem(s, empty);
            setText(empty || s == null ? null : s.id() + (StudyRecord.RUNNING.equals(s.status()) ? ""
                    : " (" + s.status() + ")"));
        }
    }
}
