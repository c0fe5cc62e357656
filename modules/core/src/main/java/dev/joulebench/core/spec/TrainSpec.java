package dev.joulebench.core.spec;

import java.util.List;

/**
 * A training run. Omitted JSON fields take the defaults below, so a spec file needs only
 * {@code method}, {@code dataset} and {@code model}.
 *
 * @param method            training algorithm ({@link #METHODS})
 * @param dataset           dataset name or path
 * @param model             architecture in the model grammar, e.g. {@code mlp:784-1000-1000-10}
 * @param epochs            epoch budget (default 10)
 * @param batchSize         mini-batch size (default 128)
 * @param optimizer         adam or sgd (default adam)
 * @param learningRate      default 1e-3 for adam, 0.05 for sgd
 * @param momentum          sgd momentum (default 0.9; ignored by adam)
 * @param weightDecay       L2 weight decay (default 0)
 * @param validationFraction share of the train set held out for validation (default 1/6: 50k/10k on 60k)
 * @param patience          early stopping: epochs without a better validation accuracy before stopping; 0 = off (default 0)
 * @param limitTrain        use only the first N training images (before the split); 0 = all
 * @param seed              seed for initialisation, split and shuffling (default 42)
 * @param device            auto, cpu, gpu or gpu:N (default auto)
 * @param threads           intra-op CPU threads; 0 = the engine's default
 * @param spectraEvery      activation spectra of the hidden layers every K optimizer steps; 0 = off (default 200, under 5% of training time)
 * @param spectraWindow     samples in the activation window whose covariance is analysed (default 256)
 * @param options           method-specific settings (e.g. FF's {@code threshold}); each method names its keys and
 *                          defaults, and rejects unknown ones
 */
public record TrainSpec(String method, String dataset, String model, Integer epochs, Integer batchSize,
                        String optimizer, Double learningRate, Double momentum, Double weightDecay,
                        Double validationFraction, Integer patience, Integer limitTrain, Long seed,
                        String device, Integer threads, Integer spectraEvery, Integer spectraWindow,
                        java.util.Map<String, String> options) implements JobSpec {
    public static final String KIND = "train";
    /** bp: backprop; ff: Forward-Forward; mf: Mono-Forward; cafo: Cascaded-Forward. */
    public static final List<String> METHODS = List.of("bp", "ff", "mf", "cafo");
    public static final List<String> OPTIMIZERS = List.of("adam", "sgd");

    public TrainSpec {
        method = method == null ? "bp" : method;
        epochs = epochs == null ? 10 : epochs;
        batchSize = batchSize == null ? 128 : batchSize;
        optimizer = optimizer == null ? "adam" : optimizer;
        learningRate = learningRate == null ? ("sgd".equals(optimizer) ? 0.05 : 1e-3) : learningRate;
        momentum = momentum == null ? 0.9 : momentum;
        weightDecay = weightDecay == null ? 0.0 : weightDecay;
        validationFraction = validationFraction == null ? 1.0 / 6.0 : validationFraction;
        patience = patience == null ? 0 : patience;
        limitTrain = limitTrain == null ? 0 : limitTrain;
        seed = seed == null ? 42L : seed;
        device = device == null ? "auto" : device;
        threads = threads == null ? 0 : threads;
        spectraEvery = spectraEvery == null ? 200 : spectraEvery;
        spectraWindow = spectraWindow == null ? 256 : spectraWindow;
        options = options == null ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(options));
    }

    /** A spec with every optional field at its default. */
    public static TrainSpec of(String method, String dataset, String model) {
        return builder().method(method).dataset(dataset).model(model).build();
    }

    /**
     * Beyond this a step overflows float32 at once (1e300 is infinity to PyTorch); no optimizer here trains
     * at more than a few units.
     */
    public static final double MAX_LEARNING_RATE = 100;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<SpecProblem> problems() {
        return new SpecChecks()
                .oneOf("method", method, METHODS)
                .required("dataset", dataset, "a dataset name such as fashion-mnist or samples, or a path")
                .required("model", model, "e.g. mlp:784-1000-1000-10")
                .atLeast("epochs", epochs, 1)
                .atLeast("batchSize", batchSize, 1)
                .oneOf("optimizer", optimizer, OPTIMIZERS)
                .positive("learningRate", learningRate)
                .check(!(Double.isFinite(learningRate) && learningRate > MAX_LEARNING_RATE), "learningRate", "must be at most " + MAX_LEARNING_RATE
                        + " (got " + learningRate + "; typical: 1e-3 for adam, 0.05 for sgd)")
                .range("momentum", momentum, 0, 1)
                .range("weightDecay", weightDecay, 0, 1)
                .range("validationFraction", validationFraction, 0, 0.9)
                .atLeast("patience", patience, 0)
                .atLeast("limitTrain", limitTrain, 0)
                .device(device)
                .atLeast("threads", threads, 0)
                .atLeast("spectraEvery", spectraEvery, 0)
                .atLeast("spectraWindow", spectraWindow, 2)
                .problems();
    }

    /** A builder starting from every field unset (each takes its default). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values, to change a few of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.method = method;
        b.dataset = dataset;
        b.model = model;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.optimizer = optimizer;
        b.learningRate = learningRate;
        b.momentum = momentum;
        b.weightDecay = weightDecay;
        b.validationFraction = validationFraction;
        b.patience = patience;
        b.limitTrain = limitTrain;
        b.seed = seed;
        b.device = device;
        b.threads = threads;
        b.spectraEvery = spectraEvery;
        b.spectraWindow = spectraWindow;
        b.options = options;
        return b;
    }

    /** Sets fields by name; unset ones take the defaults of the canonical constructor. */
    public static final class Builder {
        private String method;
        private String dataset;
        private String model;
        private Integer epochs;
        private Integer batchSize;
        private String optimizer;
        private Double learningRate;
        private Double momentum;
        private Double weightDecay;
        private Double validationFraction;
        private Integer patience;
        private Integer limitTrain;
        private Long seed;
        private String device;
        private Integer threads;
        private Integer spectraEvery;
        private Integer spectraWindow;
        private java.util.Map<String, String> options;

        private Builder() {}

        public Builder method(String value) {
            this.method = value;
            return this;
        }

        public Builder dataset(String value) {
            this.dataset = value;
            return this;
        }

        public Builder model(String value) {
            this.model = value;
            return this;
        }

        public Builder epochs(Integer value) {
            this.epochs = value;
            return this;
        }

        public Builder batchSize(Integer value) {
            this.batchSize = value;
            return this;
        }

        public Builder optimizer(String value) {
            this.optimizer = value;
            return this;
        }

        public Builder learningRate(Double value) {
            this.learningRate = value;
            return this;
        }

        public Builder momentum(Double value) {
            this.momentum = value;
            return this;
        }

        public Builder weightDecay(Double value) {
            this.weightDecay = value;
            return this;
        }

        public Builder validationFraction(Double value) {
            this.validationFraction = value;
            return this;
        }

        public Builder patience(Integer value) {
            this.patience = value;
            return this;
        }

        public Builder limitTrain(Integer value) {
            this.limitTrain = value;
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

        public Builder spectraEvery(Integer value) {
            this.spectraEvery = value;
            return this;
        }

        public Builder spectraWindow(Integer value) {
            this.spectraWindow = value;
            return this;
        }

        public Builder options(java.util.Map<String, String> value) {
            this.options = value;
            return this;
        }

        public TrainSpec build() {
            return new TrainSpec(method, dataset, model, epochs, batchSize, optimizer, learningRate, momentum, weightDecay, validationFraction, patience, limitTrain, seed, device, threads, spectraEvery, spectraWindow, options);
        }
    }
}
