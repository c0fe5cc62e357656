package dev.joulebench.app.launcher;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
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
import javafx.stage.DirectoryChooser;

/** The training form's fields; a field with a problem gets the theme's danger outline. */
public final class TrainForm implements JobFormView {
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");
    private final TrainFormViewModel model;
    private final GridPane grid = new GridPane();
    private final Map<String, Control> fields = new LinkedHashMap<>();
    private int row;

    public TrainForm(TrainFormViewModel model) {
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

        ComboBox<String> dataset = combo("dataset", model.datasetProperty(),
                List.of("samples", "fashion-mnist", "mnist", "cifar10"), true);
        Button browse = new Button("…");
        browse.setTooltip(new Tooltip("Choose a directory of IDX or CIFAR-10 .bin files"));
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Dataset directory");
            File dir = chooser.showDialog(grid.getScene() == null ? null : grid.getScene().getWindow());
            if (dir != null) {
                model.datasetProperty().set(dir.getAbsolutePath());
            }
        });
        HBox datasetRow = new HBox(4, dataset, browse);
        HBox.setHgrow(dataset, Priority.ALWAYS);
        dataset.setMaxWidth(Double.MAX_VALUE);
        add("Dataset", datasetRow, "Name (samples = the shipped Fashion-MNIST subset) or a directory");
        add("Model", text("model", model.modelProperty()),
                "mlp:IN-H1-…-OUT or cnn:CxHxW-cN…-dN…-OUT; ff/mf take an MLP without its class layer");
        add("Method", combo("method", model.methodProperty(), model.methods(), false),
                "bp backprop · ff Forward-Forward · mf Mono-Forward · cafo Cascaded-Forward");
        add("Epochs", text("epochs", model.epochsProperty()), "Epoch budget");
        add("Batch", text("batch", model.batchProperty()), "Mini-batch size");
        add("Seed", text("seed", model.seedProperty()), "Seed for initialisation, split and shuffling");
        add("Device", combo("device", model.deviceProperty(), List.of("auto", "cpu", "gpu", "gpu:0"), true),
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

    private void add(String label, Node input, String help) {
        Label l = new Label(label);
        l.setTooltip(new Tooltip(help));
        l.setLabelFor(input);
        grid.addRow(row++, l, input);
    }

    private TextField text(String name, StringProperty property) {
        TextField f = new TextField();
        f.setId("train-" + name);
        f.textProperty().bindBidirectional(property);
        fields.put(name, f);
        return f;
    }

    private ComboBox<String> combo(String name, StringProperty property, List<String> items, boolean editable) {
        ComboBox<String> c = new ComboBox<>();
        c.setId("train-" + name);
        c.getItems().setAll(items);
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
