package dev.joulebench.app.launcher;

import java.io.File;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tooltip;
import javafx.stage.DirectoryChooser;

/** The training form's fields; a field with a problem gets the theme's danger outline. */
public final class TrainForm extends JobForm {
    public TrainForm(TrainFormViewModel model) {
        super("train-", model);
        ComboBox<String> dataset = combo("dataset", model.datasetProperty(),
                FXCollections.observableArrayList("samples", "fashion-mnist", "mnist", "cifar10"), true);
        Button browse = new Button("…");
        browse.setTooltip(new Tooltip("Choose a directory of IDX or CIFAR-10 .bin files"));
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Dataset directory");
            File dir = chooser.showDialog(window());
            if (dir != null) {
                model.datasetProperty().set(dir.getAbsolutePath());
            }
        });
        add("Dataset", withButton(dataset, browse), "Name (samples = the shipped Fashion-MNIST subset) or a directory");
        add("Model", text("model", model.modelProperty()),
                "mlp:IN-H1-…-OUT or cnn:CxHxW-cN…-dN…-OUT; ff/mf take an MLP without its class layer");
        add("Method", combo("method", model.methodProperty(),
                        FXCollections.observableArrayList(model.methods()), false),
                "bp backprop · ff Forward-Forward · mf Mono-Forward · cafo Cascaded-Forward");
        add("Epochs", text("epochs", model.epochsProperty()), "Epoch budget");
        add("Batch", text("batch", model.batchProperty()), "Mini-batch size");
        add("Seed", text("seed", model.seedProperty()), "Seed for initialisation, split and shuffling");
        addDevice(model.deviceProperty());
    }
}
