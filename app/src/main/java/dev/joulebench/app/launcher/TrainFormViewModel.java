package dev.joulebench.app.launcher;

import static dev.joulebench.app.launcher.FormNumbers.parseInt;
import static dev.joulebench.app.launcher.FormNumbers.parseLong;
import static dev.joulebench.app.launcher.FormNumbers.trim;

import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.SpecProblem;
import dev.joulebench.core.spec.TrainSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.Observable;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The training form: text fields in, a {@link TrainSpec} out. Problems come from numbers that do not
 * parse and from the training job factory's check (the same as the CLI's: the spec's rules, the model's fit
 * to the dataset, the method's options, the device), run off the FX thread by a {@link SpecChecker}.
 */
public final class TrainFormViewModel extends SpecFormViewModel<TrainSpec> {
    public static final String DEFAULT_DATASET = "samples";
    public static final String DEFAULT_MODEL = "mlp:784-256-10";

    /** Form field names; spec fields map onto them (batchSize → batch). */
    public static final List<String> FIELDS = List.of("dataset", "model", "method", "epochs", "batch", "seed",
            "device");

    private final List<String> methods;
    private final StringProperty dataset = new SimpleStringProperty(this, "dataset", DEFAULT_DATASET);
    private final StringProperty model = new SimpleStringProperty(this, "model", DEFAULT_MODEL);
    private final StringProperty method = new SimpleStringProperty(this, "method", "bp");
    private final StringProperty epochs = new SimpleStringProperty(this, "epochs", "3");
    private final StringProperty batch = new SimpleStringProperty(this, "batch", "128");
    private final StringProperty seed = new SimpleStringProperty(this, "seed", "42");
    private final StringProperty device = new SimpleStringProperty(this, "device", "auto");
    /** Spec fields the form has no field for, kept from an opened spec so saving it again loses nothing. */
    private TrainSpec template = TrainSpec.of("bp", DEFAULT_DATASET, DEFAULT_MODEL);

    /**
     * @param methods the methods offered (bp and the installed trainers)
     * @param checks  where the form's specs are checked
     */
    public TrainFormViewModel(List<String> methods, SpecChecker.Slot checks) {
        super(checks, TrainFormViewModel::formField);
        this.methods = List.copyOf(methods);
        for (Observable o : List.of(dataset, model, method, epochs, batch, seed, device)) {
            o.addListener(x -> validate());
        }
        validate();
    }

    @Override
    public String title() {
        return "Train";
    }

    @Override
    public String kind() {
        return TrainSpec.KIND;
    }

    public List<String> methods() {
        return methods;
    }

    public StringProperty datasetProperty() {
        return dataset;
    }

    public StringProperty modelProperty() {
        return model;
    }

    public StringProperty methodProperty() {
        return method;
    }

    public StringProperty epochsProperty() {
        return epochs;
    }

    public StringProperty batchProperty() {
        return batch;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    public StringProperty deviceProperty() {
        return device;
    }

    @Override
    public void load(JobSpec s) {
        if (!(s instanceof TrainSpec t)) {
            throw new IllegalArgumentException("not a training spec: " + s.kind());
        }
        template = t;
        dataset.set(t.dataset());
        model.set(t.model());
        method.set(t.method());
        epochs.set(String.valueOf(t.epochs()));
        batch.set(String.valueOf(t.batchSize()));
        seed.set(String.valueOf(t.seed()));
        device.set(t.device());
        validate();
    }

    private void validate() {
        List<SpecProblem> found = new ArrayList<>();
        Integer e = parseInt("epochs", null, epochs.get(), found);
        Integer b = parseInt("batch", null, batch.get(), found);
        Long s = parseLong("seed", null, seed.get(), found);
        TrainSpec t = template;
        publish(found, () -> TrainSpec.builder().method(trim(method.get())).dataset(trim(dataset.get())).model(trim(model.get())).epochs(e).batchSize(b).optimizer(t.optimizer()).learningRate(t.learningRate()).momentum(t.momentum()).weightDecay(t.weightDecay()).validationFraction(t.validationFraction()).patience(t.patience()).limitTrain(t.limitTrain()).seed(s).device(trim(device.get())).threads(t.threads()).spectraEvery(t.spectraEvery()).spectraWindow(t.spectraWindow()).options(sameMethod(t) ? t.options() : Map.of()).build());
    }

    /** Method options belong to one method; switching the method in the form drops them. */
    private boolean sameMethod(TrainSpec t) {
        return t.method().equals(trim(method.get()));
    }

    /** bp and every installed method trainer, in the order of {@link TrainSpec#METHODS}. */
    public static List<String> installedMethods() {
        List<String> installed = new ArrayList<>();
        java.util.ServiceLoader.load(dev.joulebench.train.MethodTrainer.class).forEach(t -> installed.add(t.method()));
        List<String> ordered = new ArrayList<>();
        for (String m : TrainSpec.METHODS) {
            if (installed.contains(m)) {
                ordered.add(m);
            }
        }
        installed.stream().filter(m -> !ordered.contains(m)).forEach(ordered::add);
        return ordered;
    }

    private static String formField(String specField) {
        String f = specField.startsWith("--") ? specField.substring(2) : specField;
        if (f.startsWith("options.")) {
            return "method"; // method options have no fields of their own: the method is what they belong to
        }
        return switch (f) {
            case "batchSize" -> "batch";
            default -> f;
        };
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TrainForm[%s %s %s]", method.get(), dataset.get(), model.get());
    }
}
