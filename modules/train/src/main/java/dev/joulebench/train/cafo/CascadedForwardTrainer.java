package dev.joulebench.train.cafo;

import ai.djl.Device;
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
 * {@code val/accuracy} and {@code val/loss} (the summed prediction; the loss is the softmax cross-entropy
 * of the summed outputs whatever the predictor loss), {@code test/accuracy}, {@code test/loss},
 * {@code test/block{i}_accuracy}. Early stopping is the shared loop's, on validation accuracy; the best state
 * is saved in {@code model/} (method {@code cafo}, payload: variant and loss) and restored before the test. {@code params} counts conv weights and biases plus
 * predictors ({@code params/blocks}, {@code params/predictors}); {@code params/trainable} excludes the
 * frozen blocks of {@code rand}. Training time excludes the calibration pass (logged separately).
 */
public final class CascadedForwardTrainer implements MethodTrainer {
    public static final String METHOD = "cafo";
    static final int CALIBRATION_IMAGES = 2048;
    static final int MSE_MAX_FEATURES = 8192;
    static final double RIDGE = 1e-3;

    public CascadedForwardTrainer() {}

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public Map<String, String> defaultOptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("variant", "rand");
        m.put("loss", "ce");
        return m;
    }

    /** The checkpoint payload. */
    record Payload(String variant, String loss) {}

    @Override
    public List<SpecProblem> check(TrainSpec spec, ModelSpec model, Map<String, String> options, DataShape data) {
        List<SpecProblem> problems = new ArrayList<>();
        CafoNetwork.Variant variant = parse(CafoNetwork.Variant.class, options.get("variant"));
        CafoNetwork.LossKind loss = parse(CafoNetwork.LossKind.class, options.get("loss"));
        if (variant == null) {
            problems.add(new SpecProblem("options.variant", "must be 'rand' or 'dfa', got '" + options.get("variant")
                    + "'"));
        }
        if (loss == null) {
            problems.add(new SpecProblem("options.loss", "must be 'ce', 'mse' or 'sl', got '" + options.get("loss")
                    + "'"));
        }
        String modelProblem = modelProblem(model);
        if (modelProblem != null) {
            problems.add(new SpecProblem("model", modelProblem, "e.g. cnn:" + data.imageShape() + "-c32-c128-c512-"
                    + data.classes()));
            return problems;
        }
        ModelSpec.Cnn cnn = (ModelSpec.Cnn) model;
        if (cnn.channels() != data.channels() || cnn.height() != data.height() || cnn.width() != data.width()) {
            problems.add(new SpecProblem("model", cnn.text() + " takes " + cnn.channels() + "x" + cnn.height() + "x"
                    + cnn.width() + " images but dataset '" + data.name() + "' has " + data.imageShape(),
                    "start the spec with cnn:" + data.imageShape()));
        }
        if (cnn.classes() != data.classes()) {
            problems.add(new SpecProblem("model", cnn.text() + " has " + cnn.classes() + " outputs but dataset '"
                    + data.name() + "' has " + data.classes() + " classes", "make the last number " + data.classes()));
        }
        if (loss == CafoNetwork.LossKind.MSE) {
            int h = cnn.height();
            int w = cnn.width();
            for (int i = 0; i < cnn.convChannels().size(); i++) {
                h /= 2;
                w /= 2;
                long features = (long) cnn.convChannels().get(i) * h * w;
                if (features > MSE_MAX_FEATURES) {
                    problems.add(new SpecProblem("options.loss", "loss=mse solves each predictor in closed form; block "
                            + (i + 1) + " of " + cnn.text() + " has " + features + " features, over the "
                            + MSE_MAX_FEATURES + " limit", "use fewer channels or loss=ce"));
                    break;
                }
            }
        }
        return problems;
    }

    /** What is wrong with a model for CaFo's grammar, or null. */
    static String modelProblem(ModelSpec model) {
        if (!(model instanceof ModelSpec.Cnn cnn)) {
            return "Cascaded-Forward trains conv blocks: give cnn:CxHxW-cN-...-OUT, not " + model.text();
        }
        if (!cnn.dense().isEmpty()) {
            return "Cascaded-Forward has no dense layers (each block has its own linear predictor): remove the dN "
                    + "parts from " + cnn.text();
        }
        if (cnn.convChannels().isEmpty()) {
            return "Cascaded-Forward needs at least one conv block: " + cnn.text();
        }
        int h = cnn.height();
        int w = cnn.width();
        for (int i = 0; i < cnn.convChannels().size(); i++) {
            h /= 2;
            w /= 2;
            if (h < 1 || w < 1) {
                return "Too many conv blocks for " + cnn.height() + "x" + cnn.width()
                        + " images: each 2x2 pool halves the size (" + cnn.text() + ")";
            }
        }
        return null;
    }

    static <E extends Enum<E>> E parse(Class<E> type, String text) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    @Override
    public TrainableNetwork build(Input input, JobContext ctx) {
        ModelSpec.Cnn cnn = (ModelSpec.Cnn) input.model();
        CafoNetwork.Variant variant = parse(CafoNetwork.Variant.class, input.options().get("variant"));
        CafoNetwork.LossKind loss = parse(CafoNetwork.LossKind.class, input.options().get("loss"));
        // each predictor (and block, with DFA) gets its own optimizer state, built as the backprop baseline's
        CafoNetwork net = new CafoNetwork(cnn, input.classes(), variant, loss, input.device(), input.spec().seed(),
                Optimizers.of(input.spec()));
        return new CascadedForwardNetwork(net, input.spec().batchSize());
    }

    @Override
    public TrainableNetwork restore(Checkpoint checkpoint, Path dir, Device device) throws Exception {
        Payload p = checkpoint.payload(Payload.class);
        String problem = modelProblem(checkpoint.modelSpec());
        CafoNetwork.Variant variant = parse(CafoNetwork.Variant.class, p.variant());
        CafoNetwork.LossKind loss = parse(CafoNetwork.LossKind.class, p.loss());
        if (problem != null || variant == null || loss == null) {
            throw new BadInputException("Checkpoint in " + dir + " is not a CaFo model: "
                    + (problem != null ? problem : "variant " + p.variant() + ", loss " + p.loss()));
        }
        CafoNetwork net = new CafoNetwork((ModelSpec.Cnn) checkpoint.modelSpec(), checkpoint.classes(), variant, loss,
                device, 0, null);
        try {
            CascadedForwardNetwork restored = new CascadedForwardNetwork(net, 256);
            CheckpointFiles.readWeights(dir, checkpoint, restored::loadWeights);
            return restored;
        } catch (Exception e) {
            net.close();
            throw e;
        }
    }
}
