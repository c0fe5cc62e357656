package dev.joulebench.compress;

import dev.joulebench.compress.rmtkd.RmtKdChecks;
import dev.joulebench.compress.rmtkd.RmtKdJob;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Job;
import dev.joulebench.core.JobEnvironment;
import dev.joulebench.core.JobFactory;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.SpecProblem;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.data.DataShape;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.nn.Checkpoint;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.onnx.DenseWeight;
import dev.joulebench.onnx.DenseWeights;
import dev.joulebench.onnx.OnnxModel;
import dev.joulebench.train.SavedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Makes compress jobs of Joulebench backprop checkpoints (and MPO jobs of {@code .onnx} files). Everything
 * that can be wrong with the input is found by {@link #check}, with the field it concerns, before a run
 * exists: the model (not found, not a backprop checkpoint, no recorded split where sensitivity or healing
 * need validation rows), the layers it names, the dataset (missing, or not the model's images and classes),
 * the device, and for ONNX files the rules of ONNX compression; rmtkd's own needs are {@link RmtKdChecks}'.
 */
public final class CompressJobFactory implements JobFactory {
    @Override
    public String kind() {
        return CompressSpec.KIND;
    }

    @Override
    public List<SpecProblem> check(JobSpec spec, JobEnvironment env) {
        CompressSpec compress = (CompressSpec) spec;
        List<SpecProblem> problems = new ArrayList<>(env.deviceProblems(compress.device()));
        problems.addAll(env.threadProblems("threads", compress.threads()));
        DataShape data = shape(compress.dataset(), problems);
        if (isOnnx(compress)) {
            problems.addAll(onnxProblems(compress, data));
            return problems;
        }
        Checkpoint cp;
        SavedModel saved;
        try {
            saved = SavedModel.resolve(compress.model(), env.store());
            cp = Checkpoint.read(saved.checkpointDir());
        } catch (BadInputException e) {
            problems.add(new SpecProblem("model", e.getMessage()));
            return problems;
        } catch (IOException | UncheckedIOException e) {
            problems.add(new SpecProblem("model", "cannot read the checkpoint: " + e.getMessage()));
            return problems;
        }
        if (!cp.isBackprop()) {
            problems.add(new SpecProblem("model", "the checkpoint was made by method '" + cp.method()
                    + "'; compression works on backprop checkpoints", "give a run of `joulebench train --method bp`"));
            return problems;
        }
        ModelSpec model = cp.modelSpec();
        try {
            CompressTarget.select(compress, model);
        } catch (BadInputException e) {
            problems.add(new SpecProblem(e.getMessage().startsWith("Per-layer") ? "layerChis" : "layers",
                    e.getMessage()));
        }
        if (cp.split() == null && (compress.isSensitivity() || compress.healEpochs() > 0)) {
            problems.add(new SpecProblem(compress.isSensitivity() ? "mode" : "healEpochs", "the checkpoint records "
                    + "no training split, so the rows it held out for validation are unknown",
                    "train the model again, or compress without healing"));
        }
        if (data != null) {
            if (model.inputFeatures() != data.featureCount() || model.classes() != data.classes()) {
                problems.add(new SpecProblem("dataset", "the model (" + model.text() + ") does not fit dataset '"
                        + data.name() + "' (" + data.imageShape() + ", " + data.classes() + " classes)",
                        "use the dataset it was trained on (" + cp.dataset() + ")"));
            } else if (cp.split() != null && (compress.isSensitivity() || compress.healEpochs() > 0)
                    && !data.name().equals(cp.dataset())) {
                problems.add(new SpecProblem("dataset", "the model was trained on '" + cp.dataset()
                        + "'; its held-out rows for sensitivity or healing are not in '" + data.name() + "'",
                        "--dataset " + cp.dataset()));
            }
        }
        if (CompressSpec.RMTKD.equals(compress.compressionMethod())) {
            problems.addAll(RmtKdChecks.problems(compress, saved, cp, data));
        }
        return problems;
    }

    private static boolean isOnnx(CompressSpec spec) {
        return spec.model().toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    /** ONNX models: mpo with χ, no healing, a readable file with the named dense weights, on the CPU. */
    private static List<SpecProblem> onnxProblems(CompressSpec spec, DataShape data) {
        List<SpecProblem> problems = new ArrayList<>();
        if (spec.device().startsWith("gpu")) {
            problems.add(new SpecProblem("device", "ONNX models run on the CPU in this build", "use --device cpu"));
        }
        if (!spec.compressionMethod().equals("mpo") || spec.isSensitivity()) {
            problems.add(new SpecProblem("method", "ONNX models are compressed with mpo in compress mode only (got "
                    + spec.compressionMethod() + (spec.isSensitivity() ? ", sensitivity" : "") + ")"));
        }
        if (spec.chi() == null) {
            problems.add(new SpecProblem("chi", "compressing an ONNX model needs χ", "give --chi N"));
        }
        if (spec.healEpochs() > 0) {
            problems.add(new SpecProblem("healEpochs", "an ONNX model cannot be healed (no training graph)",
                    "drop --heal-epochs, or compress the Joulebench checkpoint instead"));
        }
        Path file = Path.of(spec.model());
        if (!Files.isRegularFile(file)) {
            problems.add(new SpecProblem("model", "no ONNX file at " + spec.model()));
            return problems;
        }
        List<String> weights;
        try {
            weights = DenseWeights.of(OnnxModel.read(file)).stream().filter(w -> w.kind() == DenseWeight.Kind.MATRIX)
                    .map(DenseWeight::initializer).toList();
        } catch (BadInputException e) {
            problems.add(new SpecProblem("model", e.getMessage()));
            return problems;
        }
        if (weights.isEmpty()) {
            problems.add(new SpecProblem("model", "the model has no Gemm/MatMul weight initializer to compress"));
        }
        for (String layer : spec.layers()) {
            if (!weights.contains(layer)) {
                problems.add(new SpecProblem("layers", "no Gemm/MatMul weight '" + layer + "' in the model",
                        "its dense weights are " + weights));
            }
        }
        return problems;
    }

    /** The dataset's shape, or null with a {@code dataset} problem when it cannot be found or read. */
    private static DataShape shape(String dataset, List<SpecProblem> problems) {
        try {
            return DatasetCatalog.system().shape(dataset);
        } catch (BadInputException e) {
            problems.add(new SpecProblem("dataset", e.getMessage()));
        } catch (IOException e) {
            problems.add(new SpecProblem("dataset", "cannot read dataset '" + dataset + "': " + e.getMessage()));
        }
        return null;
    }

    @Override
    public Job build(JobSpec spec, JobEnvironment env) {
        CompressSpec compress = (CompressSpec) spec;
        DatasetCatalog catalog = DatasetCatalog.system();
        if (isOnnx(compress)) {
            return new OnnxCompressJob(compress, Path.of(compress.model()), catalog);
        }
        if (CompressSpec.RMTKD.equals(compress.compressionMethod())) {
            return new RmtKdJob(compress, resolve(compress, env.store()), catalog);
        }
        return new CompressJob(compress, resolve(compress, env.store()), catalog);
    }

    /** Finds the checkpoint, checks it is a backprop one and selects the layers. */
    public static CompressTarget resolve(CompressSpec spec, RunStore store) {
        SavedModel saved = SavedModel.resolve(spec.model(), store);
        Checkpoint cp;
        try {
            cp = Checkpoint.read(saved.checkpointDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!cp.isBackprop()) {
            throw new BadInputException("Checkpoint in " + saved.checkpointDir() + " was made by method '"
                    + cp.method() + "': compression works on backprop checkpoints (from `joulebench train --method bp`)");
        }
        ModelSpec model = cp.modelSpec();
        return new CompressTarget(saved.checkpointDir(), model, CompressTarget.select(spec, model),
                CompressTarget.denseLayerNames(model), cp.split());
    }
}
