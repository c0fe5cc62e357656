package dev.joulebench.onnx;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Job;
import dev.joulebench.core.JobEnvironment;
import dev.joulebench.core.JobFactory;
import dev.joulebench.core.Json;
import dev.joulebench.core.spec.EvalSpec;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.SpecProblem;
import dev.joulebench.core.store.RunDirectory;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.SplitRecord;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.data.DatasetFiles;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.TrainValidationSplit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluation of {@code .onnx} files. Everything that can be wrong with the inputs (the file, the dataset,
 * their shapes, the output, the device, the split) is found by {@link #check} before a run directory exists.
 * {@code --split validation|train} needs the split the model was trained with: an ONNX file exported into a
 * training run's {@code model/} directory has it in that run's run.json; any other file is evaluated on the
 * test set only.
 */
public final class OnnxEvalJobFactory implements JobFactory {
    @Override
    public String kind() {
        return EvalSpec.KIND;
    }

    @Override
    public boolean accepts(JobSpec spec) {
        return spec instanceof EvalSpec e && e.isOnnx();
    }

    @Override
    public List<SpecProblem> check(JobSpec spec, JobEnvironment env) {
        EvalSpec eval = (EvalSpec) spec;
        List<SpecProblem> problems = new ArrayList<>(env.threadProblems("threads", eval.threads()));
        if (eval.device().startsWith("gpu")) {
            problems.add(new SpecProblem("device", "ONNX models run on the CPU in this build (its ONNX Runtime has no "
                    + "CUDA provider)", "use --device cpu or auto"));
        }
        OnnxModel model = null;
        try {
            OnnxModel read = OnnxModel.read(Path.of(eval.model()));
            // The job reports its parameter and MAC counts: dims that overflow them are refused before the run.
            GraphSummary.of(read);
            model = read;
        } catch (BadInputException e) {
            problems.add(new SpecProblem("model", e.getMessage()));
        }
        DatasetFiles files = null;
        try {
            files = DatasetCatalog.system().load(eval.dataset());
        } catch (BadInputException e) {
            problems.add(new SpecProblem("dataset", e.getMessage()));
        } catch (IOException e) {
            problems.add(new SpecProblem("dataset", "cannot read dataset '" + eval.dataset() + "': " + e.getMessage()));
        }
        SplitRecord split = null;
        if (!eval.split().equals("test")) {
            split = recordedSplit(Path.of(eval.model()));
            if (split == null) {
                problems.add(new SpecProblem("split", "the split this ONNX model was trained with is unknown, so its "
                        + eval.split() + " rows are too", "use --split test, or evaluate the training run itself"));
            }
        }
        if (model != null && files != null) {
            ImageDataset data = files.test();
            if (split != null) {
                try {
                    data = select(TrainValidationSplit.replay(files.train(), split), eval.split());
                } catch (BadInputException e) {
                    problems.add(new SpecProblem("split", e.getMessage()));
                }
            }
            try {
                ImageInput input = ImageInput.plan(model, data, eval.inputLayout(), eval.preprocess());
                ClassOutput.check(model, data, input, eval.threads());
            } catch (BadInputException e) {
                problems.add(new SpecProblem(eval.inputLayout() != null && e.getMessage().contains("layout")
                        ? "inputLayout" : "model", e.getMessage()));
            }
        }
        return problems;
    }

    @Override
    public Job build(JobSpec spec, JobEnvironment env) {
        EvalSpec eval = (EvalSpec) spec;
        Path file = Path.of(eval.model());
        OnnxModel model = OnnxModel.read(file);
        DatasetFiles files;
        try {
            files = DatasetCatalog.system().load(eval.dataset());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ImageDataset data = eval.split().equals("test") ? files.test()
                : select(TrainValidationSplit.replay(files.train(), recordedSplit(file)), eval.split());
        ImageInput input = ImageInput.plan(model, data, eval.inputLayout(), eval.preprocess());
        return new OnnxEvalJob(eval, file, model, data, files.location(), input);
    }

    private static ImageDataset select(TrainValidationSplit split, String which) {
        return which.equals("validation") ? split.validation() : split.train();
    }

    /** The split of the training run whose {@code model/} directory holds {@code file}, or null. */
    static SplitRecord recordedSplit(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !dir.getFileName().toString().equals("model") || dir.getParent() == null) {
            return null;
        }
        Path runJson = dir.getParent().resolve(RunDirectory.RUN_JSON);
        if (!Files.isRegularFile(runJson)) {
            return null;
        }
        try {
            return Json.mapper().readValue(Files.readString(runJson), RunRecord.class).split();
        } catch (IOException | RuntimeException e) {
            return null; // an unreadable run.json tells nothing about the split
        }
    }
}
