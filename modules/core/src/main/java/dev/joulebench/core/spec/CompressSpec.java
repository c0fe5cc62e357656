package dev.joulebench.core.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * Compresses a model's dense layers and measures it before and after, or profiles each layer's
 * sensitivity to the MPO bond dimension (issue 8; owned by the compress module).
 *
 * @param method             mpo, lowrank, prune, int8 or mpo+int8 (mpo-int8 is read as mpo+int8)
 * @param model              a run id, a checkpoint directory or an {@code .onnx} file
 * @param dataset            dataset the accuracy, latency and energy are measured on (and healing trains on)
 * @param chi                maximum MPO bond dimension (mpo, mpo+int8) or rank (lowrank); null when another
 *                           setting decides
 * @param eps                relative Frobenius error bound per layer (mpo, mpo+int8, lowrank); null when not used
 * @param targetParams       weight parameters of the selected layers to keep: a count, or a fraction of the
 *                           original when at most 1. Compress mode: each selected layer keeps that share
 *                           (prune: the weights kept). Sensitivity mode: the size the policy aims for.
 * @param layers             names of the dense layers to compress (fc1, fc2, ...); empty = every hidden dense
 *                           layer (all but the classifier output layer)
 * @param healEpochs         epochs of fine-tuning after compression (0 = none)
 * @param batchSize          batch size for evaluation and healing (default 128)
 * @param seed               seed of the split and of healing (default 42)
 * @param device             auto, cpu, gpu or gpu:N (default auto)
 * @param threads            intra-op CPU threads; 0 = the engine's default
 * @param mode               compress (default) or sensitivity (accuracy of each layer alone vs χ, and a policy)
 * @param chis               χ values profiled in sensitivity mode (default 4, 8, 16, 32, 64)
 * @param targetAccuracyDrop sensitivity mode: largest accuracy drop (a fraction, 0.02 = 2 points) the policy
 *                           may spend; used when {@code targetParams} is not given
 * @param sites              MPO cores per layer (default 4)
 * @param layerChis          per-layer χ (e.g. from a sensitivity policy); overrides chi/eps/targetParams for the
 *                           layers it names (mpo, mpo+int8)
 * @param healLearningRate   Adam learning rate of healing (default 5e-4)
 */
public record CompressSpec(String method, String model, String dataset, Integer chi, Double eps, Double targetParams,
                           List<String> layers, Integer healEpochs, Integer batchSize, Long seed, String device,
                           Integer threads, String mode, List<Integer> chis, Double targetAccuracyDrop,
                           Integer sites, Map<String, Integer> layerChis, Double healLearningRate) implements JobSpec {
    public static final String KIND = "compress";
    public static final List<String> METHODS = List.of("mpo", "lowrank", "prune", "int8", "mpo+int8");
    public static final List<String> MODES = List.of("compress", "sensitivity");
    public static final List<Integer> DEFAULT_CHIS = List.of(4, 8, 16, 32, 64);

    public CompressSpec {
        method = "mpo-int8".equals(method) ? "mpo+int8" : method;
        layers = layers == null ? List.of() : List.copyOf(layers);
        healEpochs = healEpochs == null ? 0 : healEpochs;
        batchSize = batchSize == null ? 128 : batchSize;
        seed = seed == null ? 42L : seed;
        device = device == null ? "auto" : device;
        threads = threads == null ? 0 : threads;
        mode = mode == null ? "compress" : mode;
        chis = chis == null || chis.isEmpty() ? DEFAULT_CHIS : List.copyOf(chis);
        sites = sites == null ? 4 : sites;
        layerChis = layerChis == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(layerChis));
        healLearningRate = healLearningRate == null ? 5e-4 : healLearningRate;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Run ids take the method without '+' (mpo+int8 → mpo-int8); the constructor reads that form back. */
    @Override
    public String method() {
        return method == null ? "unknown" : method.replace('+', '-');
    }

    /** The method as the user names it: mpo+int8 rather than the run-id form. */
    @JsonIgnore
    public String compressionMethod() {
        return method == null ? "unknown" : method.replace("mpo-int8", "mpo+int8");
    }

    @JsonIgnore
    public boolean isSensitivity() {
        return "sensitivity".equals(mode);
    }

    @Override
    public List<SpecProblem> problems() {
        SpecChecks c = new SpecChecks()
                .oneOf("mode", mode, MODES)
                .oneOf("method", method, METHODS)
                .required("model", model, "a run id, a checkpoint directory or an .onnx file")
                .required("dataset", dataset, "a dataset name such as fashion-mnist or samples, or a path")
                .atLeast("healEpochs", healEpochs, 0)
                .atLeast("batchSize", batchSize, 1)
                .device(device)
                .atLeast("threads", threads, 0)
                .atLeast("sites", sites, 1)
                .check(sites <= 12, "sites", "must be at most 12 (got " + sites + ")");
        if (chi != null) {
            c.atLeast("chi", chi, 1);
        }
        if (eps != null) {
            c.check(eps > 0 && eps < 1, "eps", "must be a relative error in (0, 1) (got " + eps + ")");
        }
        if (targetParams != null) {
            c.positive("targetParams", targetParams);
        }
        if (healLearningRate != null) {
            c.positive("healLearningRate", healLearningRate);
        }
        layerChis.forEach((layer, v) -> c.check(v != null && v >= 1, "layerChis",
                "χ of layer " + layer + " must be >= 1 (got " + v + ")"));
        String m = compressionMethod();
        if (isSensitivity()) {
            c.check(m.equals("mpo") || m.equals("mpo+int8"), "method",
                    "sensitivity profiles the MPO bond dimension: use mpo (got '" + m + "')");
            for (Integer x : chis) {
                c.check(x != null && x >= 1, "chis", "every χ must be >= 1 (got " + x + ")");
            }
            if (targetAccuracyDrop != null) {
                c.check(targetAccuracyDrop >= 0 && targetAccuracyDrop < 1, "targetAccuracyDrop",
                        "must be a fraction in [0, 1), e.g. 0.02 for 2 points (got " + targetAccuracyDrop + ")");
                c.check(targetParams == null, "targetAccuracyDrop",
                        "give either targetParams or targetAccuracyDrop for the policy, not both");
            }
        } else if ("compress".equals(mode)) {
            boolean sized = chi != null || eps != null || targetParams != null;
            switch (m) {
                case "mpo", "mpo+int8" -> c.check(sized || !layerChis.isEmpty(), "chi",
                        "--method " + m + " needs --chi N, --eps E or --target-params P (or per-layer χ)");
                case "lowrank" -> c.check(sized, "chi", "--method lowrank needs --chi N (the rank), --eps E or "
                        + "--target-params P");
                case "prune" -> c.check(targetParams != null && chi == null && eps == null, "targetParams",
                        "--method prune needs --target-params P (weights to keep, e.g. 0.2) and takes no --chi/--eps");
                case "int8" -> c.check(!sized, "chi", "--method int8 takes no --chi, --eps or --target-params");
                default -> { }
            }
            c.check(layerChis.isEmpty() || m.startsWith("mpo"), "layerChis", "per-layer χ applies to mpo and mpo+int8");
        }
        return c.problems();
    }

    /** A builder starting from every field unset (each takes its default). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values, to change a few of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.method = method;
        b.model = model;
        b.dataset = dataset;
        b.chi = chi;
        b.eps = eps;
        b.targetParams = targetParams;
        b.layers = layers;
        b.healEpochs = healEpochs;
        b.batchSize = batchSize;
        b.seed = seed;
        b.device = device;
        b.threads = threads;
        b.mode = mode;
        b.chis = chis;
        b.targetAccuracyDrop = targetAccuracyDrop;
        b.sites = sites;
        b.layerChis = layerChis;
        b.healLearningRate = healLearningRate;
        return b;
    }

    /** Sets fields by name; unset ones take the defaults of the canonical constructor. */
    public static final class Builder {
        private String method;
        private String model;
        private String dataset;
        private Integer chi;
        private Double eps;
        private Double targetParams;
        private List<String> layers;
        private Integer healEpochs;
        private Integer batchSize;
        private Long seed;
        private String device;
        private Integer threads;
        private String mode;
        private List<Integer> chis;
        private Double targetAccuracyDrop;
        private Integer sites;
        private Map<String, Integer> layerChis;
        private Double healLearningRate;

        private Builder() {}

        public Builder method(String value) {
            this.method = value;
            return this;
        }

        public Builder model(String value) {
            this.model = value;
            return this;
        }

        public Builder dataset(String value) {
            this.dataset = value;
            return this;
        }

        public Builder chi(Integer value) {
            this.chi = value;
            return this;
        }

        public Builder eps(Double value) {
            this.eps = value;
            return this;
        }

        public Builder targetParams(Double value) {
            this.targetParams = value;
            return this;
        }

        public Builder layers(List<String> value) {
            this.layers = value;
            return this;
        }

        public Builder healEpochs(Integer value) {
            this.healEpochs = value;
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

        public Builder mode(String value) {
            this.mode = value;
            return this;
        }

        public Builder chis(List<Integer> value) {
            this.chis = value;
            return this;
        }

        public Builder targetAccuracyDrop(Double value) {
            this.targetAccuracyDrop = value;
            return this;
        }

        public Builder sites(Integer value) {
            this.sites = value;
            return this;
        }

        public Builder layerChis(Map<String, Integer> value) {
            this.layerChis = value;
            return this;
        }

        public Builder healLearningRate(Double value) {
            this.healLearningRate = value;
            return this;
        }

        public CompressSpec build() {
            return new CompressSpec(method, model, dataset, chi, eps, targetParams, layers, healEpochs, batchSize, seed, device, threads, mode, chis, targetAccuracyDrop, sites, layerChis, healLearningRate);
        }
    }
}
