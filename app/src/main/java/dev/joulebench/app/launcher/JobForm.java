package dev.joulebench.app.launcher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/**
 * A job form: a grid of labelled inputs bound to the view-model's properties. Inputs are known by their
 * form field name, so the ones {@link JobFormModel#invalidFields()} names get the theme's danger outline.
 * A subclass adds its rows in its constructor.
 */
abstract class JobForm implements JobFormView {
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");
    private final String idPrefix;
    private final JobFormModel model;
    private final GridPane grid = new GridPane();
    private final Map<String, Control> fields = new LinkedHashMap<>();
    private int row;

    /** @param idPrefix node ids are this plus the field name, e.g. "train-" → "train-epochs" */
    JobForm(String idPrefix, JobFormModel model) {
        this.idPrefix = idPrefix;
        this.model = model;
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(10, 4, 4, 4));
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        inputs.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, inputs);
        model.problems().addListener((ListChangeListener<String>) c -> markInvalid());
    }

    @Override
    public final JobFormModel model() {
        return model;
    }

    @Override
    public final Node node() {
        return grid;
    }

    /** The window the form is shown in, for file dialogs; null before it is shown. */
    final Window window() {
        return grid.getScene() == null ? null : grid.getScene().getWindow();
    }

    /** Adds a row: the label (its tooltip the help) and the input. */
    final void add(String label, Node input, String help) {
        Label l = new Label(label);
        l.setTooltip(new Tooltip(help));
        l.setLabelFor(input);
        grid.addRow(row++, l, input);
    }

    final TextField text(String name, StringProperty property) {
        TextField f = new TextField();
        f.setId(idPrefix + name);
        f.textProperty().bindBidirectional(property);
        register(name, f);
        return f;
    }

    /**
     * A combo over {@code items} (the list itself, so a changing list changes the choices). An editable one
     * writes what is typed and what is picked to the property; a fixed one is bound to it.
     */
    final ComboBox<String> combo(String name, StringProperty property, ObservableList<String> items,
                                 boolean editable) {
        ComboBox<String> c = new ComboBox<>(items);
        c.setId(idPrefix + name);
        c.setEditable(editable);
        c.setMaxWidth(Double.MAX_VALUE);
        if (editable) {
            c.getEditor().textProperty().bindBidirectional(property);
            c.valueProperty().addListener((o, a, b) -> {
                if (b != null) {
                    property.set(b);
                }
            });
        } else {
            c.valueProperty().bindBidirectional(property);
        }
        register(name, c);
        return c;
    }

    /** The device row every job form has: typed or picked, "auto" by default. */
    final void addDevice(StringProperty device) {
        add("Device", combo("device", device, FXCollections.observableArrayList("auto", "cpu", "gpu", "gpu:0"), true),
                "auto picks GPU 0 when PyTorch sees one");
    }

    /** The combo with a button beside it (e.g. "…" to browse); the combo takes the spare width. */
    static HBox withButton(ComboBox<String> box, Button button) {
        HBox h = new HBox(4, box, button);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setMaxWidth(Double.MAX_VALUE);
        return h;
    }

    /** Keeps the input by its field name, outlined while the model finds that field invalid. */
    private void register(String name, Control input) {
        fields.put(name, input);
        input.pseudoClassStateChanged(DANGER, model.invalidFields().contains(name));
    }

    private void markInvalid() {
        List<String> bad = model.invalidFields();
        fields.forEach((name, control) -> control.pseudoClassStateChanged(DANGER, bad.contains(name)));
    }
}
