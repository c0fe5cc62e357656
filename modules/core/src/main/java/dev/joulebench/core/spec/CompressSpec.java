package dev.joulebench.core.spec;

import java.util.List;

/**
 * Compresses a model's dense layers and measures it before and after (issue 8; owned by the compress module).
 *
 * @param method       mpo, lowrank, prune, int8 or mpo+int8
 * @param model        a run id, a checkpoint directory or an {@code .onnx} file
 * @param dataset      dataset the accuracy, latency and energy are measured on (and healing trains on)
 * @param chi          maximum MPO bond dimension (mpo); null when {@code eps} or {@code targetParams} decides
 * @param eps          relative Frobenius error bound per layer; null when not used
 * @param targetParams dense-layer parameters to keep: a count, or a fraction of the original when at most 1
 * @param layers       names of the layers to compress; empty = every dense layer
 * @param healEpochs   epochs of fine-tuning after compression (0 = none)
 * @param batchSize    batch size for evaluation and healing (default 128)
 * @param seed         seed of the split and of healing (default 42)
 * @param device       auto, cpu, gpu or gpu:N (default auto)
 * @param threads      intra-op CPU threads; 0 = the engine's default
 */
public record CompressSpec(String method, String model, String dataset, Integer chi, Double eps, Double targetParams,
                           List<String> layers, Integer healEpochs, Integer batchSize, Long seed, String device,
                           Integer threads) implements JobSpec {
    public static final String KIND = "compress";
    public static final List<String> METHODS = List.of("mpo", "lowrank", "prune", "int8", "mpo+int8");

    public CompressSpec {
        layers = layers == null ? List.of() : List.copyOf(layers);
        healEpochs = healEpochs == null ? 0 : healEpochs;
        batchSize = batchSize == null ? 128 : batchSize;
        seed = seed == null ? 42L : seed;
        device = device == null ? "auto" : device;
        threads = threads == null ? 0 : threads;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Run ids take the method without '+' (mpo+int8 → mpo-int8). */
    @Override
    public String method() {
        return method == null ? "unknown" : method.replace('+', '-');
    }

    @Override
    public List<SpecProblem> problems() {
        return new SpecChecks()
                .oneOf("method", method, METHODS)
                .required("model", model, "a run id, a checkpoint directory or an .onnx file")
                .required("dataset", dataset, "a dataset name such as fashion-mnist or samples, or a path")
                .atLeast("healEpochs", healEpochs, 0)
                .atLeast("batchSize", batchSize, 1)
                .device(device)
                .atLeast("threads", threads, 0)
                .problems();
    }
}
