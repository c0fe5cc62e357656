package dev.joulebench.core.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * Compresses a model's dense layers and measures it before and after, or profiles each layer's
 * sensitivity to the MPO bond dimension (issue 8; owned by the compress module).
 *
 * <p>RMT-KD (method rmtkd, MLPs): each hidden layer is cut to the outlier directions of its activation
 * spectrum and healed by self-distillation; {@code layers} names the hidden layers to cut (default all, shallow
 * to deep), {@code targetParams} is the size of the whole model to stop at (a count, or a fraction of the
 * original's parameters when at most 1), {@code targetAccuracyDrop} the validation accuracy it may lose (default
 * 0.01). The fields from {@code quantile} on apply to rmtkd only; they default when the method is rmtkd and
 * must be absent otherwise.
 *
 * @param method             mpo, lowrank, prune, int8, mpo+int8 (mpo-int8 is read as mpo+int8) or rmtkd
 * @param model              a run id, a checkpoint directory or an {@code .onnx} file
 * @param dataset            dataset the accuracy, latency and energy are measured on (and healing trains on)
 * @param chi                maximum MPO bond dimension (mpo, mpo+int8) or rank (lowrank); null when another
 *                           setting decides
 * @param eps                relative Frobenius error bound per layer (mpo, mpo+int8, lowrank); null when not used
 * @param targetParams       weight parameters of the selected layers to keep: a count, or a fraction of the
 *                           original when at most 1. Compress mode: each selected layer keeps that share
 *                           (prune: the weights kept). Sensitivity mode: the size the policy aims for. rmtkd: the
 *                           parameters of the whole model at which the cuts stop
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
 *                           may spend; used when {@code targetParams} is not given. rmtkd: the validation
 *                           accuracy the cuts may lose against the original (default 0.01)
 * @param sites              MPO cores per layer (default 4)
 * @param layerChis          per-layer χ (e.g. from a sensitivity policy); overrides chi/eps/targetParams for the
 *                           layers it names (mpo, mpo+int8)
 * @param healLearningRate   Adam learning rate of healing (default 5e-4); rmtkd: the AdamW learning rate of
 *                           distillation
 * @param quantile            rmtkd: the MP noise variance starts at this quantile of a layer's eigenvalues
 *                            (default 0.5)
 * @param calibrationFraction rmtkd: share of the recorded training split whose activations are analysed
 *                            (default 0.1, seeded)
 * @param distillEpochs       rmtkd: epochs of self-distillation after each cut (default 2; 0 = none)
 * @param distillAlpha        rmtkd: weight of the hard-label cross-entropy; the teacher's KL gets 1 - alpha
 *                            (default 0.7)
 * @param distillTemperature  rmtkd: softmax temperature of the KL term (default 1.0)
 * @param minKeepFraction     rmtkd: stop when a cut would keep less than this share of a layer (default 0.05)
 * @param centre              rmtkd: centre the activations before the covariance (default true)
 * @param tracyWidomMargin    rmtkd: keep only eigenvalues above lambda+ plus the Tracy-Widom margin (default
 *                            false)
 * @param alignBasis          rmtkd: narrow each layer onto the basis of its kept subspace closest to its own units
 *                            rather than onto the eigenvectors themselves (same subspace; the ReLU after the cut
 *                            then acts much as before it; default true)
 */
public record CompressSpec(String method, String model, String dataset, Integer chi, Double eps, Double targetParams,
                           List<String> layers, Integer healEpochs, Integer batchSize, Long seed, String device,
                           Integer threads, String mode, List<Integer> chis, Double targetAccuracyDrop,
                           Integer sites, Map<String, Integer> layerChis, Double healLearningRate,
                           Double quantile, Double calibrationFraction, Integer distillEpochs, Double distillAlpha,
                           Double distillTemperature, Double minKeepFraction, Boolean centre,
                           Boolean tracyWidomMargin, Boolean alignBasis) implements JobSpec {
    public static final String KIND = "compress";
    public static final List<String> METHODS = List.of("mpo", "lowrank", "prune", "int8", "mpo+int8", "rmtkd");
    /** The spectral-distillation method (RMT-KD). */
    public static final String RMTKD = "rmtkd";
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
        if (RMTKD.equals(method)) {
            quantile = quantile == null ? 0.5 : quantile;
            calibrationFraction = calibrationFraction == null ? 0.1 : calibrationFraction;
            distillEpochs = distillEpochs == null ? 2 : distillEpochs;
            distillAlpha = distillAlpha == null ? 0.7 : distillAlpha;
            distillTemperature = distillTemperature == null ? 1.0 : distillTemperature;
            minKeepFraction = minKeepFraction == null ? 0.05 : minKeepFraction;
            centre = centre == null ? Boolean.TRUE : centre;
            tracyWidomMargin = tracyWidomMargin == null ? Boolean.FALSE : tracyWidomMargin;
            alignBasis = alignBasis == null ? Boolean.TRUE : alignBasis;
            targetAccuracyDrop = targetAccuracyDrop == null ? 0.01 : targetAccuracyDrop;
        }
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
        RmtKdSpecChecks.check(this, c);
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
        b.quantile = quantile;
        b.calibrationFraction = calibrationFraction;
        b.distillEpochs = distillEpochs;
        b.distillAlpha = distillAlpha;
        b.distillTemperature = distillTemperature;
        b.minKeepFraction = minKeepFraction;
        b.centre = centre;
        b.tracyWidomMargin = tracyWidomMargin;
        b.alignBasis = alignBasis;
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
        private Double quantile;
        private Double calibrationFraction;
        private Integer distillEpochs;
        private Double distillAlpha;
        private Double distillTemperature;
        private Double minKeepFraction;
        private Boolean centre;
        private Boolean tracyWidomMargin;
        private Boolean alignBasis;

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

        public Builder quantile(Double value) {
            this.quantile = value;
            return this;
        }

        public Builder calibrationFraction(Double value) {
            this.calibrationFraction = value;
            return this;
        }

        public Builder distillEpochs(Integer value) {
            this.distillEpochs = value;
            return this;
        }

        public Builder distillAlpha(Double value) {
            this.distillAlpha = value;
            return this;
        }

        public Builder distillTemperature(Double value) {
            this.distillTemperature = value;
            return this;
        }

        public Builder minKeepFraction(Double value) {
            this.minKeepFraction = value;
            return this;
        }

        public Builder centre(Boolean value) {
            this.centre = value;
            return this;
        }

        public Builder tracyWidomMargin(Boolean value) {
            this.tracyWidomMargin = value;
            return this;
        }

        public Builder alignBasis(Boolean value) {
            this.alignBasis = value;
            return this;
        }

        public CompressSpec build() {
            return new CompressSpec(method, model, dataset, chi, eps, targetParams, layers, healEpochs, batchSize, seed, device, threads, mode, chis, targetAccuracyDrop, sites, layerChis, healLearningRate,
                    quantile, calibrationFraction, distillEpochs, distillAlpha, distillTemperature, minKeepFraction,
                    centre, tracyWidomMargin, alignBasis);
        }
    }
}
