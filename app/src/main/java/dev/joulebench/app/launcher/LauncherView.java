package dev.joulebench.app.launcher;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The launcher panel: a tab per job form, the footprint fields under it, the problems (Start stays
 * disabled while there are any), Start / Cancel, and Open spec… / Save spec….
 */
public final class LauncherView {
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");
    private final VBox root = new VBox(8);
    private final LauncherViewModel model;
    private Path lastDirectory;

    public LauncherView(LauncherViewModel model, List<JobFormView> forms) {
        this.model = model;
        Label title = new Label("Launch");
        title.getStyleClass().add("title-4");

        TabPane tabs = new TabPane();
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (JobFormView f : forms) {
            Tab t = new Tab(f.model().title(), f.node());
            t.setUserData(f.model());
            tabs.getTabs().add(t);
        }
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.selectedProperty().set((JobFormModel) b.getUserData());
            }
        });
        model.selectedProperty().addListener((o, a, b) -> tabs.getTabs().stream()
                .filter(t -> t.getUserData() == b).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t)));

        Label footprintTitle = new Label("Energy and footprint");
        footprintTitle.getStyleClass().add("text-bold");
        GridPane footprint = footprintFields(model.footprint());

        Label problems = new Label();
        problems.setId("launcher-problems");
        problems.setWrapText(true);
        problems.getStyleClass().add("danger");
        problems.textProperty().bind(Bindings.createStringBinding(
                () -> String.join("\n", model.problems()), model.problems()));
        problems.visibleProperty().bind(Bindings.isNotEmpty(model.problems()));
        problems.managedProperty().bind(problems.visibleProperty());
        Label checking = new Label("checking the spec …");
        checking.setId("launcher-checking");
        checking.getStyleClass().add("text-muted");
        checking.visibleProperty().bind(model.checkingProperty());
        checking.managedProperty().bind(checking.visibleProperty());

        Button start = new Button("Start");
        start.setId("launcher-start");
        start.getStyleClass().add("accent");
        start.setDefaultButton(false);
        start.setTooltip(new Tooltip("Start the run (Ctrl+Enter)"));
        start.disableProperty().bind(model.canStartProperty().not());
        start.setOnAction(e -> model.start());
        Button cancel = new Button("Cancel");
        cancel.setId("launcher-cancel");
        cancel.setTooltip(new Tooltip("Stop the run; it keeps what it recorded (Esc or Ctrl+.)"));
        cancel.disableProperty().bind(model.canCancelProperty().not());
        cancel.setOnAction(e -> model.cancel());
        start.setMaxWidth(Double.MAX_VALUE);
        cancel.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(start, Priority.ALWAYS);
        HBox.setHgrow(cancel, Priority.ALWAYS);
        HBox runButtons = new HBox(6, start, cancel);

        Button open = new Button("Open spec…");
        open.setTooltip(new Tooltip("Load a spec file (Ctrl+O); the same JSON as `joulebench run SPEC.json`"));
        open.setOnAction(e -> openSpec());
        Button save = new Button("Save spec…");
        save.setTooltip(new Tooltip("Save the form as a spec file (Ctrl+S) for `joulebench run SPEC.json`"));
        save.setOnAction(e -> saveSpec());
        HBox specButtons = new HBox(6, open, save);

        Label message = new Label();
        message.setId("launcher-message");
        message.setWrapText(true);
        message.getStyleClass().add("text-muted");
        message.textProperty().bind(model.messageProperty());

        VBox content = new VBox(8, title, tabs, new Separator(), footprintTitle, footprint, problems, checking, runButtons,
                specButtons, message);
        content.setPadding(new Insets(8));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        root.getChildren().add(scroll);
        root.setMinWidth(240);
    }

    public Node node() {
        return root;
    }

    private static GridPane footprintFields(FootprintFormViewModel f) {
        GridPane g = new GridPane();
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        g.getColumnConstraints().add(labels);
        g.setHgap(8);
        g.setVgap(8);
        TextField country = new TextField();
        country.setId("footprint-country");
        country.textProperty().bindBidirectional(f.countryProperty());
        country.setTooltip(new Tooltip("ISO3 code of the grid (DEU, FRA, USA …); WLD = world average"));
        TextField pue = new TextField();
        pue.setId("footprint-pue");
        pue.textProperty().bindBidirectional(f.pueProperty());
        pue.setTooltip(new Tooltip("Power usage effectiveness; 1.0 for a desktop or laptop"));
        CheckBox measure = new CheckBox("Measure power");
        measure.selectedProperty().bindBidirectional(f.measureProperty());
        g.addRow(0, new Label("Country"), country);
        g.addRow(1, new Label("PUE"), pue);
        g.add(measure, 1, 2);
        Runnable mark = () -> {
            country.pseudoClassStateChanged(DANGER, f.problems().stream().anyMatch(p -> p.startsWith("country")));
            pue.pseudoClassStateChanged(DANGER, f.problems().stream().anyMatch(p -> p.startsWith("pue")));
        };
        f.problems().addListener((ListChangeListener<String>) c -> mark.run());
        mark.run();
        return g;
    }

    /** Shows a file chooser and loads the chosen spec (Ctrl+O). */
    public void openSpec() {
        chooseFile(false, file -> model.openSpec(file));
    }

    /** Shows a file chooser and saves the form's spec (Ctrl+S). */
    public void saveSpec() {
        chooseFile(true, file -> model.saveSpec(file));
    }

    private void chooseFile(boolean save, Consumer<Path> action) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(save ? "Save spec" : "Open spec");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Joulebench spec (JSON)", "*.json"));
        if (lastDirectory != null) {
            chooser.setInitialDirectory(lastDirectory.toFile());
        }
        if (save) {
            chooser.setInitialFileName("spec.json");
        }
        var window = root.getScene() == null ? null : root.getScene().getWindow();
        File f = save ? chooser.showSaveDialog(window) : chooser.showOpenDialog(window);
        if (f != null) {
            lastDirectory = f.toPath().getParent();
            action.accept(f.toPath());
        }
    }
}
