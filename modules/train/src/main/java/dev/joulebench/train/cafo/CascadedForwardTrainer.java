package dev.joulebench.train.cafo;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cascaded-Forward (Zhao et al., 2023, "The Cascaded Forward Algorithm for Neural Network Training"): a
 * cascade of conv blocks, each with its own linear predictor trained on that block's output alone; no
 * gradient flows between blocks, and the prediction sums all predictors' outputs.
 *
 * <h2>Model</h2>
 * {@code cnn:CxHxW-cN1-cN2-...-OUT} (the paper uses 32·4^i channels: {@code cnn:1x28x28-c32-c128-c512-10}).
 * Dense layers ({@code dN}) are rejected: CaFo has none. OUT must equal the dataset's classes. Block i is
 * Conv 3×3 (stride 1, padding 1, with bias) → ReLU → MaxPool 2×2 (stride 2, floor) → BatchNorm2d without
 * affine parameters (eps 1e-5). Predictor i is a linear map (with bias) from the flattened block output
 * ({@code C_i·H_i·W_i} features) to the classes. Conv and predictor parameters are initialised as PyTorch's
 * defaults do ({@code U(−1/√fan_in, 1/√fan_in)} for weights and biases), drawn in Java from the run's seed,
 * so runs repeat exactly on the CPU.
 *
 * <h2>Prediction</h2>
 * {@code argmax_k Σ_i g_i(x)_k}, the sum of all predictors' raw outputs (logits for {@code ce}, scores for
 * {@code sl}, regression outputs for {@code mse}). Each predictor's own accuracy is reported too.
 *
 * <h2>Variants (option {@code variant})</h2>
 * <ul>
 *   <li>{@code rand} (default, CaFo-Rand): blocks keep their random initialisation. Before training, each
 *       block's BatchNorm statistics are set to the exact per-channel mean and (biased) variance of its
 *       pre-norm output over the first {@value #CALIBRATION_IMAGES} training images (block by block); they are
 *       then fixed, so the features are a fixed function of the image in training and in evaluation.</li>
 *   <li>{@code dfa} (CaFo-DFA): blocks are trained by direct feedback alignment, at the same time as the
 *       predictors. The error is that of the summed prediction, {@code e = softmax(Σ_i g_i) − onehot(y)}
 *       (divided by the batch size); block i receives {@code e B_i} as the gradient of its output, with
 *       {@code B_i} a fixed {@code classes × features_i} matrix drawn from {@code N(0, 1/classes)} (seeded):
 *       its conv weight and bias take an optimizer step along the gradient of
 *       {@code <stopGradient(e B_i), out_i>}; each block's input is the previous output detached, and the
 *       predictors see detached features, so no gradient flows between blocks or from predictors into blocks.
 *       BatchNorm uses the batch's statistics during training (gradient through them) and updates running
 *       statistics (momentum 0.1, initialised by the same calibration as {@code rand}); evaluation uses the
 *       running statistics.</li>
 * </ul>
 *
 * <h2>Predictor losses (option {@code loss})</h2>
 * <ul>
 *   <li>{@code ce} (default): softmax cross-entropy, one optimizer step per batch for every predictor with
 *       the spec's optimizer (Adam with betas 0.9/0.999, eps 1e-8, or SGD with momentum; learning rate and
 *       weight decay from the spec), one shared optimizer instance keyed by parameter.</li>
 *   <li>{@code mse}: squared error to the one-hot labels, solved in closed form once per epoch:
 *       {@code [W;b] = (AᵀA + λI)⁻¹AᵀY}, {@code A = [F 1]} the block features over the whole training set,
 *       {@code λ = 1e-3·trace(AᵀA)/d} (see {@link RidgeLeastSquares}). With {@code rand} the sums are
 *       accumulated during the epoch's pass; with {@code dfa} an extra pass with running-statistics features
 *       follows the epoch's block updates. Memory and time grow with {@code d²}: blocks with more than
 *       {@value #MSE_MAX_FEATURES} features are rejected (pick fewer channels).</li>
 *   <li>{@code sl}: the sparsemax loss (Martins &amp; Astudillo 2016, {@link Sparsemax}); its gradient
 *       {@code sparsemax(z) − onehot(y)} drives the same optimizer as {@code ce}.</li>
 * </ul>
 * All predictors train in the same pass over each batch (equivalent to the paper's block-by-block predictor
 * training for {@code rand}, whose blocks do not change), so there is no {@code epochs_per_block} option.
 *
 * <h2>Metrics, early stopping, checkpoint</h2>
 * {@code train/loss} (mean of the predictors' losses, averaged over 20 steps), per epoch
 * {@code train/block{i}_loss} and {@code train/block{i}_accuracy} (1-based), {@code train/epoch_loss},
 * {@code train/samples_per_second}, {@code val/block{i}_accuracy} (each predictor alone),
 * {@code val/accuracy} (the summed prediction), {@code test/accuracy}. Early stopping: shared
 * {@link EarlyStopping} on validation accuracy; the best state is saved in {@code model/} (format
 * {@code joulebench-cafo}) and restored before the test. {@code params} counts conv weights and biases plus
 * predictors ({@code params/blocks}, {@code params/predictors}); {@code params/trainable} excludes the
 * frozen blocks of {@code rand}. Training time excludes the calibration pass (logged separately).
 */
public final class CascadedForwardTrainer implements MethodTrainer {
    public static final String FORMAT = "joulebench-cafo";
    static final int CALIBRATION_IMAGES = 2048;
    static final int MSE_MAX_FEATURES = 8192;
    static final double RIDGE = 1e-3;

    public CascadedForwardTrainer() {}

    @Override
    public String method() {
        return "cafo";
    }

    @Override
    public Map<String, String> defaultOptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("variant", "rand");
        m.put("loss", "ce");
        return m;
    }

    @Override
    public void check(TrainSpec spec, ModelSpec model, Map<String, String> options) {
        variant(options);
        loss(options);
        cnnOf(model);
    }

    static CafoNetwork.Variant variant(Map<String, String> options) {
        String v = options.getOrDefault("variant", "rand").trim();
        return switch (v) {
            case "rand" -> CafoNetwork.Variant.RAND;
            case "dfa" -> CafoNetwork.Variant.DFA;
            default -> throw new BadInputException("cafo option variant must be 'rand' or 'dfa', got '" + v + "'");
        };
    }

    static CafoNetwork.LossKind loss(Map<String, String> options) {
        String v = options.getOrDefault("loss", "ce").trim();
        return switch (v) {
            case "ce" -> CafoNetwork.LossKind.CE;
            case "mse" -> CafoNetwork.LossKind.MSE;
            case "sl" -> CafoNetwork.LossKind.SL;
            default -> throw new BadInputException("cafo option loss must be 'ce', 'mse' or 'sl', got '" + v + "'");
        };
    }

    static ModelSpec.Cnn cnnOf(ModelSpec model) {
        if (!(model instanceof ModelSpec.Cnn cnn)) {
            throw new BadInputException("Cascaded-Forward trains conv blocks: give cnn:CxHxW-cN-...-OUT "
                    + "(e.g. cnn:1x28x28-c32-c128-c512-10), not " + model.text());
        }
        if (!cnn.dense().isEmpty()) {
            throw new BadInputException("Cascaded-Forward has no dense layers (each block has its own linear "
                    + "predictor): remove the dN parts from " + cnn.text());
        }
        if (cnn.convChannels().isEmpty()) {
            throw new BadInputException("Cascaded-Forward needs at least one conv block: " + cnn.text());
        }
        int h = cnn.height();
        int w = cnn.width();
        for (int i = 0; i < cnn.convChannels().size(); i++) {
            h /= 2;
            w /= 2;
            if (h < 1 || w < 1) {
                throw new BadInputException("Too many conv blocks for " + cnn.height() + "x" + cnn.width()
                        + " images: each 2x2 pool halves the size (" + cnn.text() + ")");
            }
        }
        return cnn;
    }

    static Optimizer optimizer(TrainSpec spec) {
        return dev.joulebench.train.Optimizers.of(spec); // each predictor (and block, with DFA) gets its own
    }

    @Override
    public Map<String, Double> train(Input input, JobContext ctx) throws Exception {
        TrainSpec spec = input.spec();
        ModelSpec.Cnn cnn = cnnOf(input.model());
        CafoNetwork.Variant variant = variant(input.options());
        CafoNetwork.LossKind lossKind = loss(input.options());
        ImageDataset train = input.train();
        checkData(cnn, train, input.classes());
        int classes = input.classes();
        Path checkpointDir = ctx.runDir().resolve("model");
        ImageDataset validation = input.validation();
        boolean hasValidation = validation != null && validation.count() > 0;
        int batch = spec.batchSize();
        ShuffledBatches batches = new ShuffledBatches(train.count(), batch, spec.seed(), false);
        EarlyStopping stopping = new EarlyStopping(spec.patience());
        float[] buffer = new float[batch * train.featureCount()];
        int[] labels = new int[batch];
        long step = 0;
        long seen = 0;
        double trainSeconds = 0;
        int epochsRun = 0;
        Map<String, Double> summary = new LinkedHashMap<>();
        String options = "variant=" + variant.name().toLowerCase(Locale.ROOT) + ", loss="
                + lossKind.name().toLowerCase(Locale.ROOT);
        ctx.setting("cafo.variant", variant.name().toLowerCase(Locale.ROOT));
        ctx.setting("cafo.loss", lossKind.name().toLowerCase(Locale.ROOT));
        try (CafoNetwork net = new CafoNetwork(cnn, classes, variant, lossKind, input.device(), spec.seed(),
                optimizer(spec))) {
            if (lossKind == CafoNetwork.LossKind.MSE) {
                for (int i = 0; i < net.blocks; i++) {
                    if (net.features[i] > MSE_MAX_FEATURES) {
                        throw new BadInputException("cafo loss=mse solves each predictor in closed form; block "
                                + (i + 1) + " of " + cnn.text() + " has " + net.features[i] + " features, over the "
                                + MSE_MAX_FEATURES + " limit: use fewer channels or loss=ce");
                    }
                }
            }
            ctx.phase("train");
            long c0 = System.nanoTime();
            net.calibrate(train, CALIBRATION_IMAGES, Math.max(batch, 256), ctx.cancellation());
            ctx.log("INFO", String.format(Locale.ROOT, "cafo %s, %d blocks (features %s), BatchNorm statistics "
                            + "from %d images in %.1f s", options, net.blocks, java.util.Arrays.toString(net.features),
                    Math.min(CALIBRATION_IMAGES, train.count()), (System.nanoTime() - c0) / 1e9));
            for (int epoch = 0; epoch < spec.epochs(); epoch++) {
                ctx.cancellation().throwIfCancelled();
                ctx.phase("train");
                long t0 = System.nanoTime();
                double[] blockLoss = new double[net.blocks];
                long[] blockCorrect = new long[net.blocks];
                double lossSum = 0;
                LossWindow window = new LossWindow();
                int b = 0;
                List<RidgeLeastSquares> acc = lossKind == CafoNetwork.LossKind.MSE
                        && variant == CafoNetwork.Variant.RAND ? net.newAccumulators() : null;
                try {
                    List<int[]> order = batches.epoch(epoch);
                    for (int[] rows : order) {
                        ctx.cancellation().throwIfCancelled();
                        CafoNetwork.BatchStats s;
                        try (NDManager m = net.newBatchManager()) {
                            NDList xy = net.batch(m, train, rows, buffer, labels);
                            s = net.step(xy.get(0), xy.get(1), acc);
                        }
                        double mean = 0;
                        for (int i = 0; i < net.blocks; i++) {
                            blockLoss[i] += s.loss()[i] * rows.length;
                            blockCorrect[i] += s.correct()[i];
                            mean += s.loss()[i];
                        }
                        mean /= net.blocks;
                        step++;
                        b++;
                        seen += rows.length;
                        lossSum += mean * rows.length;
                        window.add(ctx, step, epoch, mean);
                        ctx.progress("epoch " + (epoch + 1) + "/" + spec.epochs(), b, order.size(), null);
                    }
                    if (lossKind == CafoNetwork.LossKind.MSE) {
                        ctx.progress("epoch " + (epoch + 1) + "/" + spec.epochs(), b, order.size(),
                                "least-squares predictors");
                        if (acc != null) {
                            net.solvePredictors(acc, RIDGE);
                        } else {
                            net.fitLeastSquares(train, Math.max(batch, 256), RIDGE, ctx.cancellation());
                        }
                    }
                } finally {
                    if (acc != null) {
                        acc.forEach(RidgeLeastSquares::close);
                    }
                }
                double epochSeconds = (System.nanoTime() - t0) / 1e9;
                trainSeconds += epochSeconds;
                epochsRun++;
                for (int i = 0; i < net.blocks; i++) {
                    ctx.metric(step, epoch, "train/block" + (i + 1) + "_loss", blockLoss[i] / train.count());
                    ctx.metric(step, epoch, "train/block" + (i + 1) + "_accuracy",
                            (double) blockCorrect[i] / train.count());
                }
                ctx.metric(step, epoch, "train/epoch_loss", lossSum / train.count());
                ctx.metric(step, epoch, "train/samples_per_second", train.count() / epochSeconds);
                if (hasValidation) {
                    ctx.phase("eval");
                    CafoNetwork.Evaluation val = net.evaluate(validation, Math.max(batch, 256), ctx.cancellation());
                    for (int i = 0; i < net.blocks; i++) {
                        ctx.metric(step, epoch, "val/block" + (i + 1) + "_accuracy", val.accuracy(i));
                    }
                    ctx.metric(step, epoch, "val/accuracy", val.accuracy());
                    ctx.log("INFO", String.format(Locale.ROOT,
                            "epoch %d/%d: train loss %.4f, val accuracy %.4f, %.1f s", epoch + 1, spec.epochs(),
                            lossSum / train.count(), val.accuracy(), epochSeconds));
                    if (stopping.update(epoch, val.accuracy())) {
                        Path saved = save(net, checkpointDir, input, epoch, val.accuracy());
                        ctx.artifact(saved, "best checkpoint (epoch " + (epoch + 1) + ")");
                    }
                    if (stopping.shouldStop()) {
                        ctx.log("INFO", "early stop: no better validation accuracy for " + spec.patience()
                                + " epochs; best epoch " + (stopping.bestEpoch() + 1));
                        break;
                    }
                } else {
                    stopping.update(epoch, epoch);
                    ctx.artifact(save(net, checkpointDir, input, epoch, null), "checkpoint (epoch " + (epoch + 1) + ")");
                }
            }
            if (hasValidation && stopping.bestEpoch() >= 0 && stopping.bestEpoch() != epochsRun - 1) {
                loadWeights(net, checkpointDir);
                ctx.log("INFO", "restored the best epoch " + (stopping.bestEpoch() + 1));
            }
            ctx.phase("eval");
            CafoNetwork.Evaluation test = net.evaluate(input.test(), Math.max(batch, 256), ctx.cancellation());
            int lastEpoch = Math.max(0, epochsRun - 1);
            ctx.metric(step, lastEpoch, "test/accuracy", test.accuracy());
            summary.put("test/accuracy", test.accuracy());
            for (int i = 0; i < net.blocks; i++) {
                summary.put("test/block" + (i + 1) + "_accuracy", test.accuracy(i));
            }
            if (hasValidation && stopping.bestEpoch() >= 0) {
                summary.put("val/best_accuracy", stopping.best());
                summary.put("best_epoch", (double) stopping.bestEpoch() + 1);
            }
            summary.put("epochs", (double) epochsRun);
            summary.put("steps", (double) step);
            summary.put("train/seconds", trainSeconds);
            summary.put("train/samples_per_second", trainSeconds > 0 ? seen / trainSeconds : Double.NaN);
            long blockParams = net.blockParameterCount();
            long predictorParams = net.predictorParameterCount();
            summary.put("params", (double) (blockParams + predictorParams));
            summary.put("params/blocks", (double) blockParams);
            summary.put("params/predictors", (double) predictorParams);
            summary.put("params/trainable", (double) (predictorParams
                    + (variant == CafoNetwork.Variant.DFA ? blockParams : 0)));
            ctx.log("INFO", "cafo " + options + ": test accuracy " + String.format(Locale.ROOT, "%.4f",
                    test.accuracy()));
        }
        return summary;
    }

    private static void checkData(ModelSpec.Cnn cnn, ImageDataset data, int classes) {
        if (data.channels() != cnn.channels() || data.height() != cnn.height() || data.width() != cnn.width()) {
            throw new BadInputException("Model " + cnn.text() + " takes " + cnn.channels() + "x" + cnn.height() + "x"
                    + cnn.width() + " images but dataset '" + data.name() + "' has " + data.channels() + "x"
                    + data.height() + "x" + data.width());
        }
        if (cnn.classes() != classes) {
            throw new BadInputException("Model " + cnn.text() + " has " + cnn.classes() + " outputs but dataset '"
                    + data.name() + "' has " + classes + " classes");
        }
    }

    /** Writes the state and {@code checkpoint.json} into {@code dir}, replacing an earlier checkpoint. */
    static Path save(CafoNetwork net, Path dir, Input input, int epoch, Double validationAccuracy) throws IOException {
        return CheckpointFiles.write(dir, epoch, "weights", net::save, weights -> {
            Map<String, Object> cp = new LinkedHashMap<>();
            cp.put("format", FORMAT);
            cp.put("model", net.spec.text());
            cp.put("variant", net.variant.name().toLowerCase(Locale.ROOT));
            cp.put("loss", net.loss.name().toLowerCase(Locale.ROOT));
            cp.put("classes", net.classes);
            cp.put("classNames", input.train().classNames());
            cp.put("dataset", input.train().name());
            cp.put("epoch", epoch);
            cp.put("validationAccuracy", validationAccuracy);
            cp.put("weights", weights);
            cp.put("pixelScale", "x/255");
            cp.put("prediction", "argmax of the sum of all block predictors' outputs");
            return cp;
        });
    }

    static JsonNode readCheckpoint(Path dir) throws IOException {
        return CheckpointFiles.read(dir, FORMAT);
    }

    static void loadWeights(CafoNetwork net, Path dir) throws IOException {
        JsonNode cp = readCheckpoint(dir);
        CheckpointFiles.readWeights(dir, cp.path("weights").asText(), cp.path("model").asText(), in -> {
            try {
                net.load(in);
            } catch (IOException e) {
                // CafoNetwork reports a shape mismatch as an IOException: the checkpoint does not fit
                throw new ai.djl.MalformedModelException(e.getMessage(), e);
            }
        });
    }

    @Override
    public Map<String, Double> evaluate(Path checkpointDir, ImageDataset data, Device device) throws Exception {
        JsonNode cp = readCheckpoint(checkpointDir);
        ModelSpec.Cnn cnn = cnnOf(ModelSpec.parse(cp.path("model").asText()));
        int classes = cp.path("classes").asInt();
        checkData(cnn, data, data.classes());
        if (data.classes() != classes) {
            throw new BadInputException("Checkpoint has " + classes + " classes but dataset '" + data.name()
                    + "' has " + data.classes());
        }
        Map<String, String> options = Map.of("variant", cp.path("variant").asText("rand"), "loss",
                cp.path("loss").asText("ce"));
        try (CafoNetwork net = new CafoNetwork(cnn, classes, variant(options), loss(options), device, 0, null)) {
            loadWeights(net, checkpointDir);
            long t0 = System.nanoTime();
            CafoNetwork.Evaluation e = net.evaluate(data, 256, null);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("accuracy", e.accuracy());
            for (int i = 0; i < net.blocks; i++) {
                out.put("block" + (i + 1) + "_accuracy", e.accuracy(i));
            }
            out.put("samples", (double) e.count());
            out.put("seconds", seconds);
            return out;
        }
    }
}
