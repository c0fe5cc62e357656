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
import ai.djl.training.optimizer.Optimizer;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.CancellationToken;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.Json;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.ShuffledBatches;
import dev.joulebench.nn.CheckpointFiles;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.nn.TorchEngine;
import dev.joulebench.train.EarlyStopping;
import dev.joulebench.train.LossWindow;
import dev.joulebench.train.MethodTrainer;
import java.io.IOException;
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
 *   <li><b>Contract</b> as {@code BackpropTrainer}: seeded shuffling per epoch, {@code train/loss} (sum of
 *       the layers' losses, mean over the last 20 steps), per epoch {@code train/layer{i}_loss},
 *       {@code train/layer{i}_goodness_pos}, {@code train/layer{i}_goodness_neg} (i 1-based; means over
 *       the epoch's samples), {@code train/head_loss} in softmax mode, {@code train/samples_per_second},
 *       {@code val/accuracy}; early stopping on validation accuracy, the best epoch saved in
 *       {@code model/} (format {@value FfCheckpoint#FORMAT}) and restored before the test evaluation.</li>
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

    @Override
    public void check(TrainSpec spec, ModelSpec model, Map<String, String> options) {
        settings(options);
        if (!(model instanceof ModelSpec.Mlp mlp) || mlp.sizes().size() < 2) {
            throw new BadInputException("Forward-Forward trains an MLP given as mlp:IN-H1-...-HL (input and hidden "
                    + "sizes), got " + model.text());
        }
    }

    static Settings settings(Map<String, String> options) {
        String t = options.getOrDefault("threshold", "0").trim();
        double threshold;
        try {
            threshold = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new BadInputException("FF option threshold must be a number (0 = each layer's width), got '" + t + "'");
        }
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new BadInputException("FF option threshold must be >= 0 (0 = each layer's width), got " + t);
        }
        String predict = options.getOrDefault("predict", PREDICT_GOODNESS).trim().toLowerCase(Locale.ROOT);
        if (!predict.equals(PREDICT_GOODNESS) && !predict.equals(PREDICT_SOFTMAX)) {
            throw new BadInputException("FF option predict must be goodness or softmax, got '" + predict + "'");
        }
        return new Settings(threshold, predict);
    }

    /** Input and hidden sizes of an mlp:IN-H1-...-HL spec, checked against the data. */
    static List<Integer> layerSizes(ModelSpec model, ImageDataset data, int classes) {
        if (!(model instanceof ModelSpec.Mlp mlp)) {
            throw new BadInputException("Forward-Forward trains an MLP given as mlp:IN-H1-...-HL (input and hidden "
                    + "sizes, e.g. mlp:784-500-500), not " + model.text());
        }
        List<Integer> sizes = mlp.sizes();
        if (data.featureCount() != sizes.get(0)) {
            throw new BadInputException("Model " + model.text() + " takes " + sizes.get(0) + " input values but dataset '"
                    + data.name() + "' has " + data.featureCount() + " per image; for FF the spec lists input and "
                    + "hidden sizes only, e.g. mlp:" + data.featureCount() + "-500-500");
        }
        if (classes > sizes.get(0)) {
            throw new BadInputException("FF writes the label into the first " + classes + " input values, but the "
                    + "input has only " + sizes.get(0));
        }
        return sizes;
    }

    @Override
    public Map<String, Double> train(Input input, JobContext ctx) throws Exception {
        Settings settings = settings(input.options());
        TrainSpec spec = input.spec();
        ImageDataset train = input.train();
        ImageDataset validation = input.validation();
        int classes = input.classes();
        List<Integer> sizes = layerSizes(input.model(), train, classes);
        Device device = input.device();
        Path checkpointDir = ctx.runDir().resolve("model");
        int batch = spec.batchSize();
        int features = train.featureCount();
        boolean hasValidation = validation != null && validation.count() > 0;
        long seed = spec.seed();

        try (FfNetwork net = new FfNetwork(sizes, classes, settings.threshold(), settings.softmax(), device);
             NDManager base = NDManager.newBaseManager(device, TorchEngine.NAME);
             Trainers trainers = new Trainers()) {
            for (int l = 0; l < net.layerCount(); l++) {
                Trainer t = net.layer(l).newTrainer(config(spec, device));
                trainers.layers.add(t);
                t.initialize(new Shape(2L * batch, sizes.get(l)));
            }
            if (settings.softmax()) {
                trainers.head = net.head().newTrainer(config(spec, device));
                trainers.head.initialize(new Shape(batch, net.headInputs()));
            }
            int layers = net.layerCount();
            ShuffledBatches batches = new ShuffledBatches(train.count(), batch, seed, false);
            EarlyStopping stopping = new EarlyStopping(spec.patience());
            float[] pixels = new float[batch * features];
            int[] labels = new int[batch];
            int[] wrong = new int[batch];
            long step = 0;
            long seen = 0;
            double trainSeconds = 0;
            int epochsRun = 0;
            for (int epoch = 0; epoch < spec.epochs(); epoch++) {
                ctx.cancellation().throwIfCancelled();
                ctx.phase("train");
                long t0 = System.nanoTime();
                SplittableRandom rng = new SplittableRandom(seed + epoch);
                double[] lossSum = new double[layers];
                double[] posSum = new double[layers];
                double[] negSum = new double[layers];
                double headSum = 0;
                LossWindow window = new LossWindow();
                int b = 0;
                List<int[]> order = batches.epoch(epoch);
                for (int[] rows : order) {
                    ctx.cancellation().throwIfCancelled();
                    int n = rows.length;
                    train.fillFeatures(rows, pixels);
                    train.fillLabels(rows, labels);
                    for (int i = 0; i < n; i++) {
                        wrong[i] = wrongLabel(labels[i], classes, rng);
                    }
                    float[] stats = trainStep(net, trainers, base, pixels, labels, wrong, n);
                    double total = 0;
                    for (int l = 0; l < layers; l++) {
                        total += stats[3 * l];
                        lossSum[l] += stats[3 * l] * n;
                        posSum[l] += stats[3 * l + 1] * n;
                        negSum[l] += stats[3 * l + 2] * n;
                    }
                    if (settings.softmax()) {
                        headSum += stats[3 * layers] * n;
                    }
                    step++;
                    b++;
                    seen += n;
                    window.add(ctx, step, epoch, total);
                    ctx.progress("epoch " + (epoch + 1) + "/" + spec.epochs(), b, order.size(), null);
                }
                double epochSeconds = (System.nanoTime() - t0) / 1e9;
                trainSeconds += epochSeconds;
                epochsRun++;
                int count = Math.max(1, train.count());
                for (int l = 0; l < layers; l++) {
                    ctx.metric(step, epoch, "train/layer" + (l + 1) + "_loss", lossSum[l] / count);
                    ctx.metric(step, epoch, "train/layer" + (l + 1) + "_goodness_pos", posSum[l] / count);
                    ctx.metric(step, epoch, "train/layer" + (l + 1) + "_goodness_neg", negSum[l] / count);
                }
                if (settings.softmax()) {
                    ctx.metric(step, epoch, "train/head_loss", headSum / count);
                }
                ctx.metric(step, epoch, "train/samples_per_second", train.count() / epochSeconds);
                if (hasValidation) {
                    ctx.phase("eval");
                    double acc = accuracy(net, settings.predict(), validation, ctx.cancellation());
                    ctx.metric(step, epoch, "val/accuracy", acc);
                    if (stopping.update(epoch, acc)) {
                        Path saved = save(net, settings, checkpointDir, train, epoch, acc);
                        ctx.artifact(saved, "best checkpoint (epoch " + (epoch + 1) + ")");
                    }
                    ctx.log("INFO", String.format(Locale.ROOT, "epoch %d/%d: FF loss %.4f, val accuracy %.4f, %.1f s",
                            epoch + 1, spec.epochs(), Arrays.stream(lossSum).sum() / count, acc, epochSeconds));
                    if (stopping.shouldStop()) {
                        ctx.log("INFO", "early stop: no better validation accuracy for " + spec.patience()
                                + " epochs; best epoch " + (stopping.bestEpoch() + 1));
                        break;
                    }
                } else {
                    stopping.update(epoch, epoch);
                    ctx.artifact(save(net, settings, checkpointDir, train, epoch, null),
                            "checkpoint (epoch " + (epoch + 1) + ")");
                }
            }
            if (hasValidation && stopping.bestEpoch() >= 0 && stopping.bestEpoch() != epochsRun - 1) {
                load(net, checkpointDir);
                ctx.log("INFO", "restored the best epoch " + (stopping.bestEpoch() + 1));
            }
            ctx.phase("eval");
            ImageDataset test = input.test();
            double testAccuracy = accuracy(net, settings.predict(), test, ctx.cancellation());
            ctx.metric(step, Math.max(0, epochsRun - 1), "test/accuracy", testAccuracy);

            Map<String, Double> summary = new LinkedHashMap<>();
            summary.put("test/accuracy", testAccuracy);
            if (hasValidation) {
                summary.put("val/best_accuracy", stopping.best());
                summary.put("best_epoch", (double) stopping.bestEpoch() + 1);
            }
            summary.put("epochs", (double) epochsRun);
            summary.put("steps", (double) step);
            summary.put("train/seconds", trainSeconds);
            summary.put("train/samples_per_second", trainSeconds > 0 ? seen / trainSeconds : Double.NaN);
            summary.put("params", (double) net.parameterCount());
            return summary;
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
        // The loss in the config is unused: FF computes each layer's loss itself.
        return new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(optimizer(spec))
                .optDevices(new Device[] {device});
    }

    /** As the shared trainers: Adam (betas 0.9/0.999, eps 1e-8) or SGD with momentum, fixed learning rate. */
    static Optimizer optimizer(TrainSpec spec) {
        return dev.joulebench.train.Optimizers.of(spec); // each caller gets its own instance: one per layer
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

    /** Share of rows of {@code data} whose predicted label is right. */
    static double accuracy(FfNetwork net, String predict, ImageDataset data, CancellationToken cancellation) {
        long[] result = countCorrect(net, predict, data, cancellation);
        return result[1] == 0 ? Double.NaN : (double) result[0] / result[1];
    }

    /** {correct, count}. */
    static long[] countCorrect(FfNetwork net, String predict, ImageDataset data, CancellationToken cancellation) {
        int f = net.inputFeatures();
        float[] pixels = new float[EVAL_BATCH * f];
        int[] labels = new int[EVAL_BATCH];
        long correct = 0;
        for (int[] rows : ShuffledBatches.sequential(data.count(), EVAL_BATCH)) {
            if (cancellation != null) {
                cancellation.throwIfCancelled();
            }
            data.fillFeatures(rows, pixels);
            data.fillLabels(rows, labels);
            try (NDManager m = net.layer(0).getNDManager().newSubManager()) {
                NDArray scores = PREDICT_SOFTMAX.equals(predict) ? net.softmaxLogits(m, pixels, rows.length)
                        : net.goodnessPerLabel(m, pixels, rows.length);
                long[] predicted = scores.argMax(1).toLongArray();
                for (int i = 0; i < rows.length; i++) {
                    if (predicted[i] == labels[i]) {
                        correct++;
                    }
                }
            }
        }
        return new long[] {correct, data.count()};
    }

    // ---------------------------------------------------------------- checkpoints

    static Path save(FfNetwork net, Settings settings, Path dir, ImageDataset data, int epoch, Double validationAccuracy)
            throws IOException {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(net.inputFeatures());
        List<Double> thresholds = new ArrayList<>();
        for (int l = 0; l < net.layerCount(); l++) {
            sizes.add(net.width(l));
            thresholds.add((double) net.threshold(l));
        }
        return CheckpointFiles.write(dir, epoch, "weightsFile", net::saveParameters,
                weights -> new FfCheckpoint(FfCheckpoint.FORMAT, new ModelSpec.Mlp(sizes).text(), net.classes(),
                        data.classNames(), data.name(), settings.threshold(), thresholds, settings.predict(), weights,
                        epoch, validationAccuracy, "x/255"));
    }

    static FfCheckpoint read(Path dir) throws IOException {
        return Json.mapper().treeToValue(CheckpointFiles.read(dir, FfCheckpoint.FORMAT), FfCheckpoint.class);
    }

    static void load(FfNetwork net, Path dir) throws IOException {
        FfCheckpoint cp = read(dir);
        CheckpointFiles.readWeights(dir, cp.weightsFile(), cp.model(), net::loadParameters);
    }

    /** Rebuilds the network a checkpoint describes, with its weights. */
    static FfNetwork restore(Path dir, Device device) throws IOException {
        FfCheckpoint cp = read(dir);
        ModelSpec spec = ModelSpec.parse(cp.model());
        if (!(spec instanceof ModelSpec.Mlp mlp)) {
            throw new BadInputException("Checkpoint in " + dir + " names " + cp.model() + ", not an FF MLP");
        }
        FfNetwork net = new FfNetwork(mlp.sizes(), cp.classes(), cp.threshold(),
                PREDICT_SOFTMAX.equals(cp.predict()), device);
        try {
            net.initialize();
            load(net, dir);
            return net;
        } catch (IOException | RuntimeException e) {
            net.close();
            throw e;
        }
    }

    @Override
    public Map<String, Double> evaluate(Path checkpointDir, ImageDataset data, Device device) throws Exception {
        FfCheckpoint cp = read(checkpointDir);
        try (FfNetwork net = restore(checkpointDir, device)) {
            if (data.featureCount() != net.inputFeatures() || data.classes() != net.classes()) {
                throw new BadInputException("FF model " + cp.model() + " (" + cp.classes() + " classes) does not fit "
                        + "dataset '" + data.name() + "' (" + data.featureCount() + " values, " + data.classes()
                        + " classes)");
            }
            long t0 = System.nanoTime();
            long[] r = countCorrect(net, cp.predict(), data, null);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("accuracy", r[1] == 0 ? Double.NaN : (double) r[0] / r[1]);
            out.put("samples", (double) r[1]);
            out.put("seconds", seconds);
            return out;
        }
    }
}
