package dev.joulebench.train;

import dev.joulebench.core.Job;
import dev.joulebench.core.JobFactory;
import dev.joulebench.core.spec.EvalSpec;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.data.DatasetCatalog;

/** Resolves {@code --model} (a checkpoint directory, a run directory, or a run id) before the run starts. */
public final class EvalJobFactory implements JobFactory {
    @Override
    public String kind() {
        return EvalSpec.KIND;
    }

    /** ONNX files are evaluated by the onnx module's factory. */
    @Override
    public boolean accepts(JobSpec spec) {
        return spec instanceof EvalSpec e && !e.isOnnx();
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
        EvalSpec eval = spec.requireValid(EvalSpec.class);
        SavedModel saved = SavedModel.resolve(eval.model(), store);
        double fraction = saved.run() != null && saved.run().spec() instanceof TrainSpec t
                ? t.validationFraction() : TrainSpec.of(null, null, null).validationFraction();
        DatasetCatalog catalog = DatasetCatalog.system();
        catalog.locate(eval.dataset());
        return new EvalJob(eval, saved.checkpointDir(), fraction, catalog);
    }
}
