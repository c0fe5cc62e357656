package dev.joulebench.train.ff;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.spec.SpecProblem;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.data.DataShape;
import dev.joulebench.nn.Checkpoint;
import dev.joulebench.nn.CheckpointFiles;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.train.MethodTrainer;
import dev.joulebench.train.Optimizers;
import dev.joulebench.train.TrainableNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Forward-Forward training (Hinton, "The Forward-Forward Algorithm: Some Preliminary Investigations",
 * 2022), method {@code ff}. Choices, following the paper's supervised MNIST recipe:
 * <ul>
 *   <li><b>Architecture</b>: {@code mlp:IN-H1-...-HL} lists the input and hidden sizes only; the number
 *       of classes comes from the dataset. Each hidden layer is a DJL {@code Linear} block in its own
 *       {@code Model} with its own DJL {@link Trainer} and optimizer instance (the spec's optimizer:
 *       Adam, betas 0.9/0.999, eps 1e-8, or SGD with momentum, at the spec's learning rate and weight
 *       decay; default Adam 1e-3). Weights use DJL's default training initialiser.</li>
 *   <li><b>Data</b>: pixels/255. The label is written as a one-hot into the first {@code classes} input
 *       values, replacing those pixels (the image border, zero in MNIST-like data). Positives carry the
 *       true label; negatives are the same images with a uniformly drawn wrong label, fresh every batch,
 *       from {@code SplittableRandom(seed + epoch)}. Each batch trains on B positives and B negatives.</li>
 *   <li><b>Layer</b>: z = x / sqrt(mean(x²) + 1e-8) (per-sample RMS normalisation, also of the raw
 *       input), h = ReLU(W z + b), goodness G = Σ h², logit = G − θ with θ = the layer's width (option
 *       {@code threshold} > 0 overrides it for all layers). Loss per layer = binary cross-entropy of
 *       σ(logit): mean over the 2B samples of softplus(−logit) for positives and softplus(logit) for
 *       negatives. The next layer's input is h with {@code stopGradient}, so no gradient crosses layers;
 *       the layers' losses are summed only to run one backward pass, which gives each layer exactly its
 *       own loss's gradient.</li>
 *   <li><b>Prediction</b> (option {@code predict}): {@code goodness} (default) runs every label through
 *       the net — all {@code classes} variants of a batch stacked into one batch — and takes the argmax
 *       of the summed goodness of layers 2..L (layer 1 if L = 1), as the paper does (the first layer's
 *       goodness is left out). {@code softmax} is the paper's one-pass variant: a linear softmax head with
 *       its own optimizer, trained by cross-entropy on the RMS-normalised, detached activations of layers
 *       2..L (or 1) for the input with a neutral label (every label entry 1/classes); prediction is the
 *       argmax of the head after one pass. The FF layers train the same way in both modes.</li>
 *   <li><b>Loop</b>: the shared one: seeded shuffling per epoch, {@code train/loss} (sum of the layers'
 *       losses, mean over the last 20 steps), per epoch {@code train/layer{i}_loss},
 *       {@code train/layer{i}_goodness_pos}, {@code train/layer{i}_goodness_neg} (i 1-based; means over
 *       the epoch's samples), {@code train/head_loss} in softmax mode, {@code train/samples_per_second},
 *       {@code val/accuracy} and {@code val/loss}; early stopping on validation accuracy, the best epoch saved
 *       in {@code model/} (method {@code ff}, payload {@link Payload}) and restored before the test.
 *       The reported loss of a prediction ({@code val/loss}, {@code test/loss}) is the softmax cross-entropy
 *       of the prediction scores: the per-label summed goodness, or the head's logits.</li>
 *   <li><b>Activation spectra</b>: each layer's h for the window with its neutral label.</li>
 * </ul>
 */
public final class ForwardForwardTrainer implements MethodTrainer {
    public static final String METHOD = "ff";
    public static final String PREDICT_GOODNESS = "goodness";
    public static final String PREDICT_SOFTMAX = "softmax";
    /** Rows per evaluation batch (the goodness mode runs classes × this many rows at once). */
    static final int EVAL_BATCH = 128;

    public ForwardForwardTrainer() {}

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public Map<String, String> defaultOptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("threshold", "0");
        m.put("predict", PREDICT_GOODNESS);
        return m;
    }

    /** The parsed options. */
    record Settings(double threshold, String predict) {
        boolean softmax() {
            return PREDICT_SOFTMAX.equals(predict);
        }
    }

    /**
     * The checkpoint payload: the {@code threshold} option as given (0 = each layer's width), the threshold
     * each layer trained with, and the prediction mode.
     */
    record Payload(double threshold, List<Double> thresholds, String predict) {}

    @Override
    public List<SpecProblem> check(TrainSpec spec, ModelSpec model, Map<String, String> options, DataShape data) {
        List<SpecProblem> problems = new ArrayList<>();
        String t = options.get("threshold").trim();
        try {
            double threshold = Double.parseDouble(t);
            if (!(threshold >= 0) || Double.isInfinite(threshold)) {
                problems.add(new SpecProblem("options.threshold", "must be >= 0 (0 = each layer's width), got " + t));
            }
        } catch (NumberFormatException e) {
            problems.add(new SpecProblem("options.threshold", "must be a number (0 = each layer's width), got '"
                    + t + "'"));
        }
        String predict = options.get("predict").trim().toLowerCase(Locale.ROOT);
        if (!predict.equals(PREDICT_GOODNESS) && !predict.equals(PREDICT_SOFTMAX)) {
            problems.add(new SpecProblem("options.predict", "must be goodness or softmax, got '" + predict + "'"));
        }
        if (!(model instanceof ModelSpec.Mlp mlp) || mlp.sizes().size() < 2) {
            problems.add(new SpecProblem("model", "Forward-Forward trains an MLP given by its input and hidden sizes, "
                    + "not " + model.text(), "e.g. mlp:" + data.featureCount() + "-500-500"));
        } else if (mlp.sizes().get(0) != data.featureCount()) {
            problems.add(new SpecProblem("model", model.text() + " takes " + mlp.sizes().get(0) + " input values but "
                    + "dataset '" + data.name() + "' has " + data.featureCount() + " per image", "for FF the spec "
                    + "lists input and hidden sizes only, e.g. mlp:" + data.featureCount() + "-500-500"));
        } else if (data.classes() > mlp.sizes().get(0)) {
            problems.add(new SpecProblem("model", "FF writes the label into the first " + data.classes()
                    + " input values, but the input has only " + mlp.sizes().get(0)));
        }
        return problems;
    }

    static Settings settings(Map<String, String> options) {
        return new Settings(Double.parseDouble(options.getOrDefault("threshold", "0").trim()),
                options.getOrDefault("predict", PREDICT_GOODNESS).trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public TrainableNetwork build(Input input, JobContext ctx) {
        Settings settings = settings(input.options());
        TrainSpec spec = input.spec();
        if (!(input.model() instanceof ModelSpec.Mlp mlp)) {
            throw new BadInputException("Forward-Forward trains an MLP, not " + input.model().text());
        }
        List<Integer> sizes = mlp.sizes();
        FfNetwork net = new FfNetwork(sizes, input.classes(), settings.threshold(), settings.softmax(),
                input.device());
        Trainers trainers = new Trainers();
        try {
            int batch = spec.batchSize();
            for (int l = 0; l < net.layerCount(); l++) {
                Trainer t = net.layer(l).newTrainer(config(spec, input.device()));
                trainers.layers.add(t);
                t.initialize(new Shape(2L * batch, sizes.get(l)));
            }
            if (settings.softmax()) {
                trainers.head = net.head().newTrainer(config(spec, input.device()));
                trainers.head.initialize(new Shape(batch, net.headInputs()));
            }
            return new ForwardForwardNetwork(net, settings, trainers, spec.seed(), batch, input.device());
        } catch (RuntimeException e) {
            trainers.close();
            net.close();
            throw e;
        }
    }

    @Override
    public TrainableNetwork restore(Checkpoint checkpoint, Path dir, Device device) throws Exception {
        Payload p = checkpoint.payload(Payload.class);
        if (!(checkpoint.modelSpec() instanceof ModelSpec.Mlp mlp)) {
            throw new BadInputException("Checkpoint in " + dir + " names " + checkpoint.model() + ", not an FF MLP");
        }
        Settings settings = new Settings(p.threshold(), p.predict());
        FfNetwork net = new FfNetwork(mlp.sizes(), checkpoint.classes(), p.threshold(), settings.softmax(), device);
        try {
            net.initialize();
            CheckpointFiles.readWeights(dir, checkpoint, net::loadParameters);
            return new ForwardForwardNetwork(net, settings, null, 0, EVAL_BATCH, device);
        } catch (Exception e) {
            net.close();
            throw e;
        }
    }

    /** Closes the DJL trainers (native optimizer state) in any case. */
    static final class Trainers implements AutoCloseable {
        final List<Trainer> layers = new ArrayList<>();
        Trainer head;

        @Override
        public void close() {
            for (Trainer t : layers) {
                t.close();
            }
            if (head != null) {
                head.close();
            }
        }
    }

    static DefaultTrainingConfig config(TrainSpec spec, Device device) {
        // The loss in the config is unused: FF computes each layer's loss itself; each layer has its own optimizer.
        return new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(Optimizers.of(spec))
                .optDevices(new Device[] {device});
    }

    /** A label drawn uniformly from the classes other than {@code label}. */
    static int wrongLabel(int label, int classes, SplittableRandom rng) {
        if (classes < 2) {
            return label;
        }
        int w = rng.nextInt(classes - 1);
        return w >= label ? w + 1 : w;
    }

    /**
     * One FF step on n positives and their n negatives (rows 0..n-1 of {@code pixels}): forward every
     * layer, one backward of the summed (gradient-isolated) layer losses, then every layer's optimizer step.
     *
     * @return per layer {loss, mean goodness of positives, mean goodness of negatives}, then the head's
     *         cross-entropy in softmax mode
     */
    static float[] trainStep(FfNetwork net, Trainers trainers, NDManager base, float[] pixels, int[] labels,
                             int[] wrong, int n) {
        int f = net.inputFeatures();
        int classes = net.classes();
        float[] both = new float[2 * n * f];
        System.arraycopy(pixels, 0, both, 0, n * f);
        System.arraycopy(pixels, 0, both, n * f, n * f);
        int[] y = new int[2 * n];
        System.arraycopy(labels, 0, y, 0, n);
        System.arraycopy(wrong, 0, y, n, n);
        FfNetwork.embedLabels(both, 2 * n, f, y, classes);
        float[] stats;
        try (NDManager m = base.newSubManager()) {
            NDArray x = m.create(both, new Shape(2L * n, f));
            NDArray neutralX = null;
            NDArray target = null;
            if (trainers.head != null) {
                float[] neutral = Arrays.copyOf(pixels, n * f);
                FfNetwork.embedLabels(neutral, n, f, null, classes);
                neutralX = m.create(neutral, new Shape(n, f));
                long[] t = new long[n];
                for (int i = 0; i < n; i++) {
                    t[i] = labels[i];
                }
                target = m.create(t);
            }
            try (GradientCollector gc = trainers.layers.get(0).newGradientCollector()) {
                NDArray[] h = net.forward(x, (l, z) -> trainers.layers.get(l).forward(new NDList(z)).singletonOrThrow());
                NDList parts = new NDList();
                NDArray total = null;
                String pos = "0:" + n;
                String neg = n + ":";
                for (int l = 0; l < h.length; l++) {
                    NDArray g = FfNetwork.goodness(h[l]);
                    NDArray gp = g.get(pos);
                    NDArray gn = g.get(neg);
                    float th = net.threshold(l);
                    NDArray loss = FfNetwork.bceLoss(gp.sub(th), gn.sub(th));
                    total = total == null ? loss : total.add(loss);
                    parts.add(loss.stopGradient());
                    parts.add(gp.stopGradient().mean());
                    parts.add(gn.stopGradient().mean());
                }
                if (trainers.head != null) {
                    NDArray features = net.headFeatures(net.forward(neutralX, net.inference(m)));
                    NDArray logits = trainers.head.forward(new NDList(features)).singletonOrThrow();
                    NDArray ce = logits.logSoftmax(1).gather(target.reshape(-1, 1), 1).mean().neg();
                    total = total.add(ce);
                    parts.add(ce.stopGradient());
                }
                gc.backward(total);
                stats = NDArrays.stack(parts).toFloatArray();
            }
            for (Trainer t : trainers.layers) {
                t.step();
            }
            if (trainers.head != null) {
                trainers.head.step();
            }
        }
        return stats;
    }
}
