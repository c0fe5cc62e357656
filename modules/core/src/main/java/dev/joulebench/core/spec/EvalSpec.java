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
                .required("model", model, "a run id, a checkpoint directory or an .onnx file")
                .required("dataset", dataset, "a dataset name such as fashion-mnist or samples, or a path")
                .oneOf("split", split, SPLITS)
                .atLeast("batchSize", batchSize, 1)
                .device(device)
                .atLeast("threads", threads, 0)
                .check(inputLayout == null || INPUT_LAYOUTS.contains(inputLayout), "inputLayout",
                        "must be one of " + String.join(", ", INPUT_LAYOUTS) + " (got '" + inputLayout + "')")
                .check(preprocess == null || preprocessProblem(preprocess) == null, "preprocess",
                        preprocess == null ? "" : preprocessProblem(preprocess))
                .problems();
    }

    /** How images are laid out for an ONNX model's input: from its input shape, N×C×H×W, N×H×W×C, or N×features. */
    public static final List<String> INPUT_LAYOUTS = List.of("auto", "nchw", "nhwc", "flat");

    /** The preprocessing grammar, for help texts. */
    public static final String PREPROCESS_HELP = "scale (x/255, the default), none (raw 0..255), or "
            + "mean=M,std=S after x/255 with one value or one per channel separated by ':' "
            + "(e.g. mean=0.1307,std=0.3081 or mean=0.4914:0.4822:0.4465,std=0.247:0.243:0.261)";

    private static final java.util.regex.Pattern NUMBERS =
            java.util.regex.Pattern.compile("[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?(:[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?)*");

    /** What is wrong with a preprocess value, or null when it is valid. */
    static String preprocessProblem(String value) {
        if (value.equals("scale") || value.equals("none")) {
            return null;
        }
        String hint = "must be " + PREPROCESS_HELP + " (got '" + value + "')";
        String[] parts = value.split(",", -1);
        if (parts.length != 2 || !parts[0].startsWith("mean=") || !parts[1].startsWith("std=")) {
            return hint;
        }
        String mean = parts[0].substring(5);
        String std = parts[1].substring(4);
        if (!NUMBERS.matcher(mean).matches() || !NUMBERS.matcher(std).matches()) {
            return hint;
        }
        String[] means = mean.split(":");
        String[] stds = std.split(":");
        if (means.length != stds.length) {
            return "must give as many mean values as std values (got " + means.length + " and " + stds.length + ")";
        }
        for (String s : stds) {
            if (!(Double.parseDouble(s) > 0)) {
                return "std values must be positive (got " + s + ")";
            }
        }
        return null;
    }

    /** A builder starting from every field unset (each takes its default). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values, to change a few of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.model = model;
        b.dataset = dataset;
        b.split = split;
        b.batchSize = batchSize;
        b.seed = seed;
        b.device = device;
        b.threads = threads;
        b.inputLayout = inputLayout;
        b.preprocess = preprocess;
        return b;
    }

    /** Sets fields by name; unset ones take the defaults of the canonical constructor. */
    public static final class Builder {
        private String model;
        private String dataset;
        private String split;
        private Integer batchSize;
        private Long seed;
        private String device;
        private Integer threads;
        private String inputLayout;
        private String preprocess;

        private Builder() {}

        public Builder model(String value) {
            this.model = value;
            return this;
        }

        public Builder dataset(String value) {
            this.dataset = value;
            return this;
        }

        public Builder split(String value) {
            this.split = value;
            return this;
        }

        public Builder batchSize(Integer value) {
            this.batchSize = value;
            return this;
        }

        public Builder seed(Long value) {
            this.seed = value;
            return this;
        }

        public Builder device(String value) {
            this.device = value;
            return this;
        }

        public Builder threads(Integer value) {
            this.threads = value;
            return this;
        }

        public Builder inputLayout(String value) {
            this.inputLayout = value;
            return this;
        }

        public Builder preprocess(String value) {
            this.preprocess = value;
            return this;
        }

        public EvalSpec build() {
            return new EvalSpec(model, dataset, split, batchSize, seed, device, threads, inputLayout, preprocess);
        }
    }
}
