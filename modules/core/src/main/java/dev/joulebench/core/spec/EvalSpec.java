package dev.joulebench.core.spec;

import java.util.List;

/**
 * Evaluates a saved model on a dataset split.
 *
 * @param model     a run id (or unique prefix) whose {@code model/} holds a checkpoint, or a checkpoint directory
 * @param dataset   dataset name or path
 * @param split     test (default), validation or train
 * @param batchSize inference batch size (default 256)
 * @param seed      seed of the train/validation split when {@code split} is not test (default 42)
 * @param device    auto, cpu, gpu or gpu:N (default auto)
 * @param threads   intra-op CPU threads; 0 = the engine's default
 * @param inputLayout how images are fed to an ONNX model (null = inferred from its input shape); unused for checkpoints
 * @param preprocess  how pixels are scaled/normalised for an ONNX model (null = the default); unused for checkpoints
 */
public record EvalSpec(String model, String dataset, String split, Integer batchSize, Long seed, String device,
                       Integer threads, String inputLayout, String preprocess) implements JobSpec {
    public static final String KIND = "eval";
    public static final List<String> SPLITS = List.of("test", "validation", "train");

    public EvalSpec {
        split = split == null ? "test" : split;
        batchSize = batchSize == null ? 256 : batchSize;
        seed = seed == null ? 42L : seed;
        device = device == null ? "auto" : device;
        threads = threads == null ? 0 : threads;
    }

    /** A spec for Joulebench's own checkpoints, with no ONNX input options. */
    public EvalSpec(String model, String dataset, String split, Integer batchSize, Long seed, String device,
                    Integer threads) {
        this(model, dataset, split, batchSize, seed, device, threads, null, null);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** {@code onnx} for an {@code .onnx} file (run by ONNX Runtime), else {@code djl} (a Joulebench checkpoint). */
    @Override
    public String method() {
        return isOnnx() ? "onnx" : "djl";
    }

    /** Whether {@link #model} names an ONNX file. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isOnnx() {
        return model != null && model.toLowerCase(java.util.Locale.ROOT).endsWith(".onnx");
    }

    @Override
    public List<SpecProblem> problems() {
        return new SpecChecks()
                .required("model", model, "a run id or a checkpoint directory")
                .required("dataset", dataset, "a dataset name such as fashion-mnist or samples, or a path")
                .oneOf("split", split, SPLITS)
                .atLeast("batchSize", batchSize, 1)
                .device(device)
                .atLeast("threads", threads, 0)
                .problems();
    }
}
