package dev.joulebench.app.launcher;

import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;

/** The compression form's fields; a field with a problem gets the theme's danger outline. */
public final class CompressForm extends JobForm {
    public CompressForm(CompressFormViewModel model) {
        super("compress-", model);
        ComboBox<String> modelBox = combo("model", model.modelProperty(), model.modelChoices(), true);
        modelBox.setPromptText("run id or .onnx file");
        Button browse = new Button("…");
        browse.setId("compress-model-browse");
        browse.setTooltip(new Tooltip("Choose an .onnx file"));
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("ONNX model");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ONNX model", "*.onnx"));
            File f = chooser.showOpenDialog(window());
            if (f != null) {
                model.modelProperty().set(f.getAbsolutePath());
            }
        });
        add("Model", withButton(modelBox, browse),
                "A finished bp training run of this workspace (its id), a checkpoint directory or an .onnx file");
        add("Dataset", combo("dataset", model.datasetProperty(),
                        FXCollections.observableArrayList("samples", "fashion-mnist", "mnist"), true),
                "Accuracy, latency and energy are measured on its test split; healing trains on it");
        add("Method", combo("method", model.methodProperty(),
                        FXCollections.observableArrayList(model.methods()), false),
                "mpo tensor train · lowrank two factors · prune magnitude · int8 per-channel · mpo+int8");
        add("Mode", combo("mode", model.modeProperty(),
                        FXCollections.observableArrayList(model.modes()), false),
                "compress once, or sensitivity: accuracy of each layer alone vs χ and a per-layer χ policy");
        ComboBox<String> sizeBy = combo("size-by", model.sizeByProperty(),
                FXCollections.observableArrayList(CompressFormViewModel.SIZE_BY), false);
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
        add("Heal epochs", text("heal", model.healProperty()),
                "Epochs of fine-tuning after compression (0 = none)");
        add("Batch", text("batch", model.batchProperty()), "Batch size for evaluation and healing");
        add("Seed", text("seed", model.seedProperty()), "Seed of the split and of healing");
        addDevice(model.deviceProperty());
    }
}
