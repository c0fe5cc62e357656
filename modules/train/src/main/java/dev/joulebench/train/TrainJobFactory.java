package dev.joulebench.train;

import dev.joulebench.core.Job;
import dev.joulebench.core.JobFactory;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.nn.ModelSpec;

/** Checks what can be checked before a run exists (model grammar, dataset found), then makes the job. */
public final class TrainJobFactory implements JobFactory {
    @Override
    public String kind() {
        return TrainSpec.KIND;
    }

    @Override
    public java.util.List<dev.joulebench.core.spec.SpecProblem> check(JobSpec spec, dev.joulebench.core.JobEnvironment env) {
        try {
            build(spec, env);
            return java.util.List.of();
        } catch (dev.joulebench.core.BadInputException e) {
            return java.util.List.of(new dev.joulebench.core.spec.SpecProblem("spec", e.getMessage()));
        }
    }

    @Override
    public Job build(JobSpec spec, dev.joulebench.core.JobEnvironment env) {
        RunStore store = env.store();
        TrainSpec train = spec.requireValid(TrainSpec.class);
        ModelSpec model = ModelSpec.parse(train.model());
        if (!train.method().equals("bp")) {
            MethodTrainer trainer = MethodTrainer.forMethod(train.method());
            if (trainer == null) {
                throw new dev.joulebench.core.BadInputException("Training method '" + train.method()
                        + "' is not installed in this build; use --method bp");
            }
            trainer.check(train, model, options(train, trainer));
        } else if (!train.options().isEmpty()) {
            throw new dev.joulebench.core.BadInputException("--method bp takes no method options (got "
                    + String.join(", ", train.options().keySet()) + ")");
        }
        DatasetCatalog catalog = DatasetCatalog.system();
        catalog.locate(train.dataset());
        return new TrainJob(train, model, catalog);
    }

    /** The method's defaults with the user's values over them; an unknown key is bad input naming the known ones. */
    static java.util.Map<String, String> options(TrainSpec spec, MethodTrainer trainer) {
        java.util.Map<String, String> merged = new java.util.LinkedHashMap<>(trainer.defaultOptions());
        for (var e : spec.options().entrySet()) {
            if (!merged.containsKey(e.getKey())) {
                throw new dev.joulebench.core.BadInputException("--method " + spec.method() + " has no option '"
                        + e.getKey() + "'; its options are " + trainer.defaultOptions());
            }
            merged.put(e.getKey(), e.getValue());
        }
        return merged;
    }
}
