package dev.joulebench.app.launcher;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.train.MethodTrainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The checks the training job factory makes before a run exists (model grammar, the method's
 * constraints on the model and its options, dataset found), each attributed to its form field so the
 * form can say which field is wrong while the user types.
 */
public final class TrainChecks implements Function<TrainSpec, List<String>> {
    private final DatasetCatalog catalog;

    public TrainChecks(DatasetCatalog catalog) {
        this.catalog = catalog;
    }

    /** bp and every installed method trainer, in the order of {@link TrainSpec#METHODS}. */
    public static List<String> installedMethods() {
        List<String> installed = new ArrayList<>();
        ServiceLoader.load(MethodTrainer.class).forEach(t -> installed.add(t.method()));
        List<String> methods = new ArrayList<>();
        for (String m : TrainSpec.METHODS) {
            if (m.equals("bp") || installed.contains(m)) {
                methods.add(m);
            }
        }
        installed.stream().filter(m -> !methods.contains(m)).forEach(methods::add);
        return methods;
    }

    @Override
    public List<String> apply(TrainSpec spec) {
        List<String> problems = new ArrayList<>();
        ModelSpec model = null;
        try {
            model = ModelSpec.parse(spec.model());
        } catch (BadInputException e) {
            problems.add("model: " + e.getMessage());
        }
        if (model != null) {
            methodProblem(spec, model, problems);
        }
        try {
            catalog.locate(spec.dataset());
        } catch (BadInputException e) {
            problems.add("dataset: " + e.getMessage());
        }
        return problems;
    }

    private static void methodProblem(TrainSpec spec, ModelSpec model, List<String> problems) {
        if (spec.method().equals("bp")) {
            return;
        }
        MethodTrainer trainer = MethodTrainer.forMethod(spec.method());
        if (trainer == null) {
            problems.add("method: '" + spec.method() + "' is not installed in this build; use bp");
            return;
        }
        Map<String, String> merged = new LinkedHashMap<>(trainer.defaultOptions());
        for (var e : spec.options().entrySet()) {
            if (!merged.containsKey(e.getKey())) {
                problems.add("method: " + spec.method() + " has no option '" + e.getKey() + "'; its options are "
                        + trainer.defaultOptions());
                return;
            }
            merged.put(e.getKey(), e.getValue());
        }
    }
}
