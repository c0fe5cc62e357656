package dev.joulebench.app.launcher;

import static dev.joulebench.app.launcher.FormNumbers.parseDouble;
import static dev.joulebench.app.launcher.FormNumbers.parseInt;
import static dev.joulebench.app.launcher.FormNumbers.parseLong;
import static dev.joulebench.app.launcher.FormNumbers.trim;

import dev.joulebench.app.workspace.RunRow;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.SpecProblem;
import dev.joulebench.core.spec.TrainSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The compression form: text fields in, a {@link CompressSpec} out. The size of the compression is one
 * setting chosen with {@link #sizeByProperty()} (χ, ε, target parameters, or none for int8). Problems come
 * from numbers that do not parse and from the compress job factory's check (the CLI's: the spec's rules, model
 * found and a backprop checkpoint with a recorded split, layers exist, dataset found and fitting, device),
 * run off the FX thread by a {@link SpecChecker}.
 */
public final class CompressFormViewModel extends SpecFormViewModel<CompressSpec> {
    public static final String SIZE_CHI = "χ";
    public static final String SIZE_EPS = "ε";
    public static final String SIZE_TARGET = "target params";
    public static final String SIZE_NONE = "none";
    public static final List<String> SIZE_BY = List.of(SIZE_CHI, SIZE_EPS, SIZE_TARGET, SIZE_NONE);

    private static final String RMTKD = "rmtkd";

    /** Form field names; spec fields map onto them (chi/eps/targetParams → size, healEpochs → heal). */
    public static final List<String> FIELDS = List.of("model", "dataset", "method", "mode", "size", "chis", "layers",
            "heal", "batch", "seed", "device");

    private final StringProperty model = new SimpleStringProperty(this, "model", "");
    private final StringProperty dataset = new SimpleStringProperty(this, "dataset", TrainFormViewModel.DEFAULT_DATASET);
    private final StringProperty method = new SimpleStringProperty(this, "method", "mpo");
    private final StringProperty mode = new SimpleStringProperty(this, "mode", "compress");
    private final StringProperty sizeBy = new SimpleStringProperty(this, "sizeBy", SIZE_CHI);
    private final StringProperty size = new SimpleStringProperty(this, "size", "8");
    private final StringProperty chis = new SimpleStringProperty(this, "chis", join(CompressSpec.DEFAULT_CHIS));
    private final StringProperty layers = new SimpleStringProperty(this, "layers", "");
    private final StringProperty heal = new SimpleStringProperty(this, "heal", "0");
    private final StringProperty batch = new SimpleStringProperty(this, "batch", "128");
    private final StringProperty seed = new SimpleStringProperty(this, "seed", "42");
    private final StringProperty device = new SimpleStringProperty(this, "device", "auto");
    private final ObservableList<String> modelChoices = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyModelChoices = FXCollections.unmodifiableObservableList(modelChoices);
    /** Spec fields the form has no field for (sites, per-layer χ, healing rate, threads, accuracy budget). */
    private CompressSpec template = CompressSpec.builder().method("mpo").model("").dataset(TrainFormViewModel.DEFAULT_DATASET).build();

    /** @param checks where the form's specs are checked */
    public CompressFormViewModel(SpecChecker.Slot checks) {
        super(checks, CompressFormViewModel::formField);
        for (Observable o : List.of(model, dataset, method, mode, sizeBy, size, chis, layers, heal, batch, seed,
                device)) {
            o.addListener(x -> validate());
        }
        method.addListener((o, a, b) -> suggestSize());
        mode.addListener((o, a, b) -> suggestSize());
        validate();
    }

    /**
     * Switches the size setting to one the method and mode take when the current one cannot apply: int8
     * takes none, prune a target, sensitivity mode profiles its χ list (a target is the policy's goal),
     * and the MPO and low-rank methods a χ. A setting that still applies is left alone.
     */
    private void suggestSize() {
        String m = trim(method.get());
        String by = sizeBy.get();
        if (isSensitivity()) {
            if (SIZE_CHI.equals(by) || SIZE_EPS.equals(by)) {
                sizeBy.set(SIZE_NONE);
            }
        } else if ("int8".equals(m)) {
            sizeBy.set(SIZE_NONE);
        } else if (RMTKD.equals(m) && (SIZE_CHI.equals(by) || SIZE_EPS.equals(by))) {
            // the spectra decide each layer's width; a target only bounds the schedule
            sizeBy.set(SIZE_TARGET);
            size.set("0.3");
        } else if ("prune".equals(m) && !SIZE_TARGET.equals(by)) {
            sizeBy.set(SIZE_TARGET);
            size.set("0.2");
        } else if (SIZE_NONE.equals(by) && m != null && (m.startsWith("mpo") || "lowrank".equals(m))) {
            sizeBy.set(SIZE_CHI);
            size.set("8");
        }
    }

    @Override
    public String title() {
        return "Compress";
    }

    @Override
    public String kind() {
        return CompressSpec.KIND;
    }

    public List<String> methods() {
        return CompressSpec.METHODS;
    }

    public List<String> modes() {
        return CompressSpec.MODES;
    }

    public StringProperty modelProperty() {
        return model;
    }

    public StringProperty datasetProperty() {
        return dataset;
    }

    public StringProperty methodProperty() {
        return method;
    }

    public StringProperty modeProperty() {
        return mode;
    }

    /** One of {@link #SIZE_BY}: which setting {@link #sizeProperty()} is. */
    public StringProperty sizeByProperty() {
        return sizeBy;
    }

    /** χ (a whole number), ε (a fraction in (0, 1)) or target parameters (a count, or a share when ≤ 1). */
    public StringProperty sizeProperty() {
        return size;
    }

    /** Sensitivity mode: the χ values profiled, comma- or space-separated. */
    public StringProperty chisProperty() {
        return chis;
    }

    /** Dense layers to compress, comma- or space-separated (fc1, fc2); blank = every hidden dense layer. */
    public StringProperty layersProperty() {
        return layers;
    }

    public StringProperty healProperty() {
        return heal;
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

    /** Finished backprop training runs of the workspace, newest first: the models the combo offers. */
    public ObservableList<String> modelChoices() {
        return readOnlyModelChoices;
    }

    /**
     * Offers the finished bp training runs among {@code rows} (the workspace's runs) as models, newest
     * first; the first one becomes the model while the field is still empty.
     */
    public void setRuns(List<RunRow> rows) {
        List<String> ids = rows.stream()
                .filter(r -> TrainSpec.KIND.equals(r.kind()) && "bp".equals(r.method()) && "finished".equals(r.status()))
                .sorted(Comparator.comparing(RunRow::created, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .reversed())
                .map(RunRow::id).toList();
        if (!ids.equals(modelChoices)) {
            modelChoices.setAll(ids);
        }
        if ((model.get() == null || model.get().isBlank()) && !ids.isEmpty()) {
            model.set(ids.get(0));
        }
    }

    public boolean isSensitivity() {
        return "sensitivity".equals(trim(mode.get()));
    }

    @Override
    public void load(JobSpec s) {
        if (!(s instanceof CompressSpec c)) {
            throw new IllegalArgumentException("not a compress spec: " + s.kind());
        }
        template = c;
        model.set(c.model());
        dataset.set(c.dataset());
        method.set(c.compressionMethod());
        mode.set(c.mode());
        if (c.chi() != null) {
            sizeBy.set(SIZE_CHI);
            size.set(String.valueOf(c.chi()));
        } else if (c.eps() != null) {
            sizeBy.set(SIZE_EPS);
            size.set(String.valueOf(c.eps()));
        } else if (c.targetParams() != null) {
            sizeBy.set(SIZE_TARGET);
            size.set(number(c.targetParams()));
        } else {
            sizeBy.set(SIZE_NONE);
            size.set("");
        }
        chis.set(join(c.chis()));
        layers.set(String.join(", ", c.layers()));
        heal.set(String.valueOf(RMTKD.equals(c.compressionMethod()) ? c.distillEpochs() : c.healEpochs()));
        batch.set(String.valueOf(c.batchSize()));
        seed.set(String.valueOf(c.seed()));
        device.set(c.device());
        validate();
    }

    private void validate() {
        List<SpecProblem> found = new ArrayList<>();
        String by = trim(sizeBy.get());
        Integer chi = SIZE_CHI.equals(by) ? parseInt("size", "χ", size.get(), found) : null;
        Double eps = SIZE_EPS.equals(by) ? parseDouble("size", "ε", size.get(), found) : null;
        Double target = SIZE_TARGET.equals(by) ? parseDouble("size", "target params", size.get(), found) : null;
        if (by == null || !SIZE_BY.contains(by)) {
            found.add(new SpecProblem("size", "choose what sets the size: " + String.join(", ", SIZE_BY)));
        }
        List<Integer> chiList = isSensitivity() ? parseChis(chis.get(), found) : template.chis();
        Integer h = parseInt("heal", "heal epochs", heal.get(), found);
        Integer b = parseInt("batch", "batch", batch.get(), found);
        Long s = parseLong("seed", "seed", seed.get(), found);
        CompressSpec t = template;
        boolean sensitivity = isSensitivity();
        // rmtkd heals each cut by distillation: the heal field sets its epochs
        boolean rmtkd = RMTKD.equals(trim(method.get()));
        Integer healEpochs = rmtkd ? null : h;
        Integer distillEpochs = rmtkd ? h : null;
        publish(found, () -> CompressSpec.builder().distillEpochs(distillEpochs).method(trim(method.get())).model(trim(model.get())).dataset(trim(dataset.get())).chi(sensitivity ? null : chi).eps(sensitivity ? null : eps).targetParams(target).layers(splitList(layers.get())).healEpochs(healEpochs).batchSize(b).seed(s).device(trim(device.get())).threads(t.threads()).mode(trim(mode.get())).chis(chiList).targetAccuracyDrop(sensitivity && target == null ? t.targetAccuracyDrop() : null).sites(t.sites()).layerChis(sensitivity ? null : t.layerChis()).healLearningRate(t.healLearningRate()).build());
    }

    /** Spec field (or CLI option) → the form field that sets it. */
    static String formField(String specField) {
        String f = specField.startsWith("--") ? specField.substring(2) : specField;
        return switch (f) {
            case "chi", "eps", "targetParams", "target-params", "layerChis", "targetAccuracyDrop" -> "size";
            case "healEpochs", "heal-epochs", "distillEpochs", "distill-epochs" -> "heal";
            case "batchSize" -> "batch";
            default -> f;
        };
    }

    private static List<Integer> parseChis(String text, List<SpecProblem> out) {
        List<Integer> values = new ArrayList<>();
        for (String item : splitList(text)) {
            try {
                values.add(Integer.parseInt(item));
            } catch (NumberFormatException e) {
                out.add(new SpecProblem("chis", "must be whole numbers separated by commas, e.g. 4, 8, 16 (got '"
                        + item + "')"));
                return null;
            }
        }
        if (values.isEmpty()) {
            out.add(new SpecProblem("chis", "name at least one χ to profile, e.g. 4, 8, 16, 32"));
            return null;
        }
        return values;
    }

    static List<String> splitList(String text) {
        String t = trim(text);
        if (t == null || t.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(t.split("[,\\s]+")).filter(x -> !x.isEmpty()).toList();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String join(List<Integer> values) {
        return String.join(", ", values.stream().map(String::valueOf).toList());
    }
}
