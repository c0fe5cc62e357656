package dev.joulebench.app.launcher;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
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
import javafx.stage.FileChooser;

/** The compression form's fields; a field with a problem gets the theme's danger outline. */
public final class CompressForm implements JobFormView {
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");
    private final CompressFormViewModel model;
    private final GridPane grid = new GridPane();
    private final Map<String, Control> fields = new LinkedHashMap<>();
    private int row;

    public CompressForm(CompressFormViewModel model) {
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

        ComboBox<String> modelBox = combo("model", model.modelProperty(), model.modelChoices(), true);
        modelBox.setPromptText("run id or .onnx file");
        Button browse = new Button("…");
        browse.setId("compress-model-browse");
        browse.setTooltip(new Tooltip("Choose an .onnx file"));
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("ONNX model");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ONNX model", "*.onnx"));
            File f = chooser.showOpenDialog(grid.getScene() == null ? null : grid.getScene().getWindow());
            if (f != null) {
                model.modelProperty().set(f.getAbsolutePath());
            }
        });
        add("Model", withButton(modelBox, browse),
                "A finished bp training run of this workspace (its id), a checkpoint directory or an .onnx file");
        add("Dataset", combo("dataset", model.datasetProperty(),
                        javafx.collections.FXCollections.observableArrayList("samples", "fashion-mnist", "mnist"), true),
                "Accuracy, latency and energy are measured on its test split; healing trains on it");
        add("Method", combo("method", model.methodProperty(),
                        javafx.collections.FXCollections.observableArrayList(model.methods()), false),
                "mpo tensor train · lowrank two factors · prune magnitude · int8 per-channel · mpo+int8");
        add("Mode", combo("mode", model.modeProperty(),
                        javafx.collections.FXCollections.observableArrayList(model.modes()), false),
                "compress once, or sensitivity: accuracy of each layer alone vs χ and a per-layer χ policy");
        ComboBox<String> sizeBy = combo("size-by", model.sizeByProperty(),
                javafx.collections.FXCollections.observableArrayList(CompressFormViewModel.SIZE_BY), false);
        sizeBy.setMaxWidth(Region.USE_PREF_SIZE);
        TextField size = text("size", model.sizeProperty());
        HBox sizeRow = new HBox(4, sizeBy, size);
        HBox.setHgrow(size, Priority.ALWAYS);
        add("Size", sizeRow, "χ: bond dimension (rank for lowrank) · ε: relative error in (0, 1) · target params: "
                + "weights kept, a count or a share ≤ 1 (sensitivity: the policy's size goal)");
        TextField chis = text("chis", model.chisProperty());
        chis.disableProperty().bind(Bindings.notEqual("sensitivity", model.modeProperty()));
        add("χ list", chis, "Sensitivity mode: the χ values profiled per layer");
        TextField layers = text("layers", model.layersProperty());
        layers.setPromptText("all hidden dense layers");
        add("Layers", layers, "Dense layers to compress (fc1, fc2 …); blank = all but the output layer");
        add("Heal epochs", text("heal", model.healProperty()), "Epochs of fine-tuning after compression (0 = none)");
        add("Batch", text("batch", model.batchProperty()), "Batch size for evaluation and healing");
        add("Seed", text("seed", model.seedProperty()), "Seed of the split and of healing");
        add("Device", combo("device", model.deviceProperty(),
                        javafx.collections.FXCollections.observableArrayList("auto", "cpu", "gpu", "gpu:0"), true),
                "auto picks GPU 0 when PyTorch sees one");
        model.problems().addListener((ListChangeListener<String>) c -> markInvalid());
        markInvalid();
    }

    @Override
    public JobFormModel model() {
        return model;
    }

    @Override
    public Node node() {
        return grid;
    }

    private static HBox withButton(ComboBox<String> box, Button button) {
        HBox h = new HBox(4, box, button);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setMaxWidth(Double.MAX_VALUE);
        return h;
    }

    private void add(String label, Node input, String help) {
        Label l = new Label(label);
        l.setTooltip(new Tooltip(help));
        l.setLabelFor(input);
        grid.addRow(row++, l, input);
    }

    private TextField text(String name, StringProperty property) {
        TextField f = new TextField();
        f.setId("compress-" + name);
        f.textProperty().bindBidirectional(property);
        fields.put(name, f);
        return f;
    }

    private ComboBox<String> combo(String name, StringProperty property, ObservableList<String> items,
                                   boolean editable) {
        ComboBox<String> c = new ComboBox<>(items);
        c.setId("compress-" + name);
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
        fields.put(name, c);
        return c;
    }

    private void markInvalid() {
        List<String> bad = model.invalidFields();
        fields.forEach((name, control) -> control.pseudoClassStateChanged(DANGER, bad.contains(name)));
    }
}
