package dev.joulebench.train.mf;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.ShuffledBatches;
import dev.joulebench.nn.CheckpointFiles;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.train.EarlyStopping;
import dev.joulebench.train.LossWindow;
import dev.joulebench.train.MethodTrainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mono-Forward (Gong et al., 2025, "Mono-Forward: Backpropagation-Free Algorithm for Efficient Neural
 * Network Training Harnessing Local Errors"): every hidden layer of an MLP learns from its own local
 * classification error, and no gradient flows between layers.
 *
 * <h2>Model</h2>
 * The spec is {@code mlp:IN-H1-...-HL}: the input size and the hidden widths. Every listed size after
 * the input is a hidden layer; when the last size equals the number of classes it is still treated as
 * a hidden layer (with its own ReLU and projection), not as an output layer, because Mono-Forward has no
 * separate output layer: the classes come from {@link MethodTrainer.Input#classes()}. Hidden layer
 * {@code i} computes {@code a_i = ReLU(W_i a_{i-1} + b_i)} (DJL {@code Linear} + ReLU) and owns a
 * projection matrix {@code M_i} (classes × width_i, a bias-free {@code Linear}) giving local logits
 * {@code g_i = a_i M_iᵀ}. Parameters are initialised by DJL's defaults (Xavier weights, zero bias), the
 * same as Joulebench's backprop baseline; the engine is seeded by the caller.
 *
 * <h2>Training</h2>
 * Layer {@code i}'s loss is the mean softmax cross-entropy of {@code g_i} against the labels. Its input
 * is the previous activation detached ({@code stopGradient}), so {@code W_i, b_i, M_i} are updated only
 * from layer {@code i}'s own loss. Each layer has its own optimizer instance built from the spec exactly
 * as the backprop baseline does (Adam with betas 0.9/0.999, eps 1e-8, or SGD with momentum; the spec's
 * learning rate and weight decay; fixed learning rate). Option {@code schedule}:
 * <ul>
 *   <li>{@code all} (default, the paper's main recipe): every mini-batch runs forward through all layers
 *       and updates every layer from its local loss (one backward of the summed, mutually independent
 *       losses, then one optimizer step per layer); {@code epochs} epochs in all.</li>
 *   <li>{@code greedy}: layer 1 alone for {@code epochs_per_layer} epochs, then layer 2 (earlier layers
 *       frozen and run without gradients), and so on: {@code epochs_per_layer × layers} epochs in all.
 *       {@code epochs_per_layer = 0} (default) means {@code max(1, epochs / layers)}.</li>
 * </ul>
 * Batches are shuffled per epoch with {@code ShuffledBatches(count, batch, seed)} as the baseline.
 *
 * <h2>Prediction, metrics, early stopping</h2>
 * The prediction is {@code argmax(a_L M_Lᵀ)} of the last layer (the paper also evaluates other layers'
 * heads; those are reported as {@code val/layer{i}_accuracy} but not used for prediction). Metrics:
 * {@code train/loss} (mean of the trained layers' local losses, averaged over 20 steps), per epoch
 * {@code train/layer{i}_loss} and {@code train/layer{i}_accuracy} (1-based {@code i}, trained layers only),
 * {@code train/epoch_loss}, {@code train/samples_per_second}, {@code train/active_layer} (greedy only),
 * {@code val/accuracy} and {@code val/loss} (last layer), {@code val/layer{i}_accuracy}, {@code test/*}.
 * Early stopping uses the shared {@link EarlyStopping} on validation accuracy; with {@code greedy} it only
 * watches the epochs of the last layer (before that the prediction head is untrained, so patience would
 * stop training spuriously). The best state is saved in {@code model/} (format {@code joulebench-mf}) and
 * restored before the test evaluation. {@code params} counts W, b and M of every layer.
 */
public final class MonoForwardTrainer implements MethodTrainer {
    public static final String FORMAT = "joulebench-mf";

    public MonoForwardTrainer() {}

    @Override
    public String method() {
        return "mf";
    }

    @Override
    public Map<String, String> defaultOptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("schedule", "all");
        m.put("epochs_per_layer", "0");
        return m;
    }

    /** The per-epoch plan: which layers (0-based, inclusive) each epoch trains. */
    record Plan(boolean greedy, int[] first, int[] last) {
        int epochs() {
            return first.length;
        }
    }

    @Override
    public void check(TrainSpec spec, ModelSpec model, Map<String, String> options) {
        plan(spec, sizesOf(model).size() - 1, options);
    }

    static Plan plan(TrainSpec spec, int layers, Map<String, String> options) {
        String schedule = options.getOrDefault("schedule", "all").trim();
        String eplText = options.getOrDefault("epochs_per_layer", "0").trim();
        int epl;
        try {
            epl = Integer.parseInt(eplText);
        } catch (NumberFormatException e) {
            throw new BadInputException("mf option epochs_per_layer must be a whole number >= 0, got '" + eplText + "'");
        }
        if (epl < 0) {
            throw new BadInputException("mf option epochs_per_layer must be >= 0 (0 = epochs / layers), got " + epl);
        }
        switch (schedule) {
            case "all" -> {
                int n = spec.epochs();
                int[] first = new int[n];
                int[] last = new int[n];
                java.util.Arrays.fill(last, layers - 1);
                return new Plan(false, first, last);
            }
            case "greedy" -> {
                int per = epl > 0 ? epl : Math.max(1, spec.epochs() / layers);
                int[] first = new int[per * layers];
                for (int e = 0; e < first.length; e++) {
                    first[e] = e / per;
                }
                return new Plan(true, first, first.clone());
            }
            default -> throw new BadInputException("mf option schedule must be 'all' or 'greedy', got '" + schedule + "'");
        }
    }

    /** Input size followed by the hidden widths of an {@code mlp:} spec. */
    static List<Integer> sizesOf(ModelSpec model) {
        if (!(model instanceof ModelSpec.Mlp mlp)) {
            throw new BadInputException("Mono-Forward trains MLPs: give mlp:IN-H1-...-HL (e.g. mlp:784-1000-1000), not "
                    + model.text());
        }
        if (mlp.sizes().size() < 2) {
            throw new BadInputException("Mono-Forward needs at least one hidden layer: mlp:IN-H1-..., got " + mlp.text());
        }
        return mlp.sizes();
    }

    static Optimizer optimizer(TrainSpec spec) {
        return dev.joulebench.train.Optimizers.of(spec); // each caller gets its own instance: one per layer
    }

    @Override
    public Map<String, Double> train(Input input, JobContext ctx) throws Exception {
        TrainSpec spec = input.spec();
        List<Integer> sizes = sizesOf(input.model());
        ImageDataset train = input.train();
        if (train.featureCount() != sizes.get(0)) {
            throw new BadInputException("Model " + input.model().text() + " takes " + sizes.get(0)
                    + " input values but dataset '" + train.name() + "' has " + train.featureCount() + " per image");
        }
        int classes = input.classes();
        int layers = sizes.size() - 1;
        Plan plan = plan(spec, layers, input.options());
        if (plan.greedy()) {
            ctx.log("INFO", "mf greedy schedule: " + (plan.epochs() / layers) + " epochs per layer, " + plan.epochs()
                    + " epochs in all");
        }
        Path checkpointDir = ctx.runDir().resolve("model");
        ImageDataset validation = input.validation();
        boolean hasValidation = validation != null && validation.count() > 0;
        int batch = spec.batchSize();
        ShuffledBatches batches = new ShuffledBatches(train.count(), batch, spec.seed(), false);
        EarlyStopping stopping = new EarlyStopping(spec.patience());
        float[] features = new float[batch * train.featureCount()];
        int[] labels = new int[batch];
        long step = 0;
        long seen = 0;
        double trainSeconds = 0;
        int epochsRun = 0;
        Map<String, Double> summary = new LinkedHashMap<>();
        try (MfNetwork net = new MfNetwork(sizes, classes, input.device(), () -> optimizer(spec))) {
            for (int epoch = 0; epoch < plan.epochs(); epoch++) {
                ctx.cancellation().throwIfCancelled();
                ctx.phase("train");
                int first = plan.first()[epoch];
                int last = plan.last()[epoch];
                if (plan.greedy()) {
                    ctx.metric(step, epoch, "train/active_layer", first + 1);
                }
                long t0 = System.nanoTime();
                double[] layerLoss = new double[layers];
                long[] layerCorrect = new long[layers];
                double lossSum = 0;
                LossWindow window = new LossWindow();
                int b = 0;
                List<int[]> order = batches.epoch(epoch);
                for (int[] rows : order) {
                    ctx.cancellation().throwIfCancelled();
                    List<MfNetwork.LayerStats> stats;
                    try (NDManager m = net.newBatchManager()) {
                        NDList xy = net.batch(m, train, rows, features, labels);
                        stats = net.train(xy.get(0), xy.get(1), first, last);
                    }
                    double meanLoss = 0;
                    for (MfNetwork.LayerStats s : stats) {
                        layerLoss[s.layer()] += s.loss() * rows.length;
                        layerCorrect[s.layer()] += s.correct();
                        meanLoss += s.loss();
                    }
                    meanLoss /= stats.size();
                    step++;
                    b++;
                    seen += rows.length;
                    lossSum += meanLoss * rows.length;
                    window.add(ctx, step, epoch, meanLoss);
                    ctx.progress("epoch " + (epoch + 1) + "/" + plan.epochs(), b, order.size(), null);
                }
                double epochSeconds = (System.nanoTime() - t0) / 1e9;
                trainSeconds += epochSeconds;
                epochsRun++;
                for (int i = first; i <= last; i++) {
                    ctx.metric(step, epoch, "train/layer" + (i + 1) + "_loss", layerLoss[i] / train.count());
                    ctx.metric(step, epoch, "train/layer" + (i + 1) + "_accuracy", (double) layerCorrect[i] / train.count());
                }
                ctx.metric(step, epoch, "train/epoch_loss", lossSum / train.count());
                ctx.metric(step, epoch, "train/samples_per_second", train.count() / epochSeconds);
                boolean watched = !plan.greedy() || last == layers - 1;
                if (hasValidation) {
                    ctx.phase("eval");
                    MfNetwork.Evaluation val = net.evaluate(validation, Math.max(batch, 256), ctx.cancellation());
                    for (int i = 0; i < layers; i++) {
                        ctx.metric(step, epoch, "val/layer" + (i + 1) + "_accuracy", val.accuracy(i));
                    }
                    ctx.metric(step, epoch, "val/accuracy", val.accuracy(val.last()));
                    ctx.metric(step, epoch, "val/loss", val.meanLoss(val.last()));
                    ctx.log("INFO", String.format("epoch %d/%d (layers %d-%d): train loss %.4f, val accuracy %.4f, %.1f s",
                            epoch + 1, plan.epochs(), first + 1, last + 1, lossSum / train.count(),
                            val.accuracy(val.last()), epochSeconds));
                    if (watched) {
                        if (stopping.update(epoch, val.accuracy(val.last()))) {
                            Path saved = save(net, checkpointDir, input, epoch, val.accuracy(val.last()));
                            ctx.artifact(saved, "best checkpoint (epoch " + (epoch + 1) + ")");
                        }
                        if (stopping.shouldStop()) {
                            ctx.log("INFO", "early stop: no better validation accuracy for " + spec.patience()
                                    + " epochs; best epoch " + (stopping.bestEpoch() + 1));
                            break;
                        }
                    }
                } else if (watched) {
                    stopping.update(epoch, epoch);
                    ctx.artifact(save(net, checkpointDir, input, epoch, null), "checkpoint (epoch " + (epoch + 1) + ")");
                }
            }
            if (hasValidation && stopping.bestEpoch() >= 0 && stopping.bestEpoch() != epochsRun - 1) {
                loadWeights(net, checkpointDir);
                ctx.log("INFO", "restored the best epoch " + (stopping.bestEpoch() + 1));
            }
            ctx.phase("eval");
            MfNetwork.Evaluation test = net.evaluate(input.test(), Math.max(batch, 256), ctx.cancellation());
            int lastEpoch = Math.max(0, epochsRun - 1);
            double testAccuracy = test.accuracy(test.last());
            double testLoss = test.meanLoss(test.last());
            ctx.metric(step, lastEpoch, "test/accuracy", testAccuracy);
            ctx.metric(step, lastEpoch, "test/loss", testLoss);
            summary.put("test/accuracy", testAccuracy);
            summary.put("test/loss", testLoss);
            if (hasValidation && stopping.bestEpoch() >= 0) {
                summary.put("val/best_accuracy", stopping.best());
                summary.put("best_epoch", (double) stopping.bestEpoch() + 1);
            }
            summary.put("epochs", (double) epochsRun);
            summary.put("steps", (double) step);
            summary.put("train/seconds", trainSeconds);
            summary.put("train/samples_per_second", trainSeconds > 0 ? seen / trainSeconds : Double.NaN);
            summary.put("params", (double) net.parameterCount());
        }
        return summary;
    }

    /** Writes the weights and {@code checkpoint.json} into {@code dir}, replacing an earlier checkpoint. */
    static Path save(MfNetwork net, Path dir, Input input, int epoch, Double validationAccuracy) throws IOException {
        return CheckpointFiles.write(dir, epoch, "weights", net::save, weights -> {
            Map<String, Object> cp = new LinkedHashMap<>();
            cp.put("format", FORMAT);
            cp.put("model", input.model().text());
            cp.put("sizes", net.sizes());
            cp.put("classes", net.classes());
            cp.put("classNames", input.train().classNames());
            cp.put("dataset", input.train().name());
            cp.put("epoch", epoch);
            cp.put("validationAccuracy", validationAccuracy);
            cp.put("weights", weights);
            cp.put("pixelScale", "x/255");
            return cp;
        });
    }

    static JsonNode readCheckpoint(Path dir) throws IOException {
        return CheckpointFiles.read(dir, FORMAT);
    }

    static void loadWeights(MfNetwork net, Path dir) throws IOException {
        JsonNode cp = readCheckpoint(dir);
        CheckpointFiles.readWeights(dir, cp.path("weights").asText(), cp.path("model").asText(), net::load);
    }

    @Override
    public Map<String, Double> evaluate(Path checkpointDir, ImageDataset data, Device device) throws Exception {
        JsonNode cp = readCheckpoint(checkpointDir);
        List<Integer> sizes = new ArrayList<>();
        cp.path("sizes").forEach(n -> sizes.add(n.asInt()));
        int classes = cp.path("classes").asInt();
        if (sizes.size() < 2 || classes < 1) {
            throw new BadInputException("Checkpoint in " + checkpointDir + " lacks its layer sizes or classes");
        }
        if (data.featureCount() != sizes.get(0) || data.classes() != classes) {
            throw new BadInputException("Model " + cp.path("model").asText() + " (" + classes + " classes) takes "
                    + sizes.get(0) + " input values but dataset '" + data.name() + "' has " + data.featureCount()
                    + " per image and " + data.classes() + " classes");
        }
        try (MfNetwork net = new MfNetwork(sizes, classes, device, null)) {
            loadWeights(net, checkpointDir);
            long t0 = System.nanoTime();
            MfNetwork.Evaluation e = net.evaluate(data, 256, null);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("accuracy", e.accuracy(e.last()));
            out.put("loss", e.meanLoss(e.last()));
            out.put("samples", (double) e.count());
            out.put("seconds", seconds);
            return out;
        }
    }
}
