package dev.joulebench.onnx;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Job;
import dev.joulebench.core.JobFactory;
import dev.joulebench.core.spec.EvalSpec;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.data.DatasetFiles;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.TrainValidationSplit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Evaluation of {@code .onnx} files. Everything that can be wrong with the inputs (the file, the dataset,
 * their shapes, the output) is checked here, before a run directory exists.
 */
public final class OnnxEvalJobFactory implements JobFactory {
    /** Share of the train set that "validation" means, the same as a training run's default. */
    static final double VALIDATION_FRACTION = 1.0 / 6.0;

    @Override
    public String kind() {
        return EvalSpec.KIND;
    }

    @Override
    public boolean accepts(JobSpec spec) {
        return spec instanceof EvalSpec e && e.isOnnx();
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
        if (eval.device().startsWith("gpu")) {
            throw new BadInputException("ONNX models run on the CPU in this build (its ONNX Runtime has no CUDA "
                    + "provider); use --device cpu or auto");
        }
        Path file = Path.of(eval.model());
        OnnxModel model = OnnxModel.read(file);
        DatasetCatalog catalog = DatasetCatalog.system();
        DatasetFiles files;
        try {
            files = catalog.load(eval.dataset());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ImageDataset data = split(files, eval);
        ImageInput input = ImageInput.plan(model, data, eval.inputLayout(), eval.preprocess());
        ClassOutput.check(model, data, input, eval.threads());
        return new OnnxEvalJob(eval, file, model, data, files.location(), input);
    }

    static ImageDataset split(DatasetFiles files, EvalSpec eval) {
        return switch (eval.split()) {
            case "test" -> files.test();
            case "validation" -> TrainValidationSplit.of(files.train(), VALIDATION_FRACTION, eval.seed()).validation();
            default -> TrainValidationSplit.of(files.train(), VALIDATION_FRACTION, eval.seed()).train();
        };
    }
}
