package dev.joulebench.train.mf;

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
import java.util.Arrays;
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
 * {@code train/loss} (mean of the trained layers' local losses, averaged over 20 steps by the loop), per epoch
 * {@code train/layer{i}_loss} and {@code train/layer{i}_accuracy} (1-based {@code i}, trained layers only),
 * {@code train/epoch_loss}, {@code train/samples_per_second}, {@code train/active_layer} (greedy only),
 * {@code val/accuracy} and {@code val/loss} (last layer), {@code val/layer{i}_accuracy}, {@code test/*}; activation
 * spectra of every hidden layer.
 * Early stopping is the shared loop's, on validation accuracy; with {@code greedy} it only watches the
 * epochs of the last layer (before that the prediction head is untrained, so patience would stop training
 * spuriously). The best state is saved in {@code model/} (method {@code mf}, payload: the layer sizes) and
 * restored before the test evaluation. {@code params} counts W, b and M of every layer.
 */
public final class MonoForwardTrainer implements MethodTrainer {
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

    /** The checkpoint payload: input size and hidden widths. */
    record Payload(List<Integer> sizes) {}

    @Override
    public List<SpecProblem> check(TrainSpec spec, ModelSpec model, Map<String, String> options, DataShape data) {
        List<SpecProblem> problems = new ArrayList<>();
        String schedule = options.get("schedule").trim();
        if (!schedule.equals("all") && !schedule.equals("greedy")) {
            problems.add(new SpecProblem("options.schedule", "must be 'all' or 'greedy', got '" + schedule + "'"));
        }
        String epl = options.get("epochs_per_layer").trim();
        if (!epl.matches("\\d{1,6}")) {
            problems.add(new SpecProblem("options.epochs_per_layer", "must be a whole number >= 0 (0 = epochs / "
                    + "layers), got '" + epl + "'"));
        }
        if (!(model instanceof ModelSpec.Mlp mlp)) {
            problems.add(new SpecProblem("model", "Mono-Forward trains MLPs, not " + model.text(),
                    "give mlp:IN-H1-...-HL, e.g. mlp:784-1000-1000"));
        } else if (mlp.sizes().size() < 2) {
            problems.add(new SpecProblem("model", "Mono-Forward needs at least one hidden layer, got " + mlp.text(),
                    "give mlp:IN-H1-..."));
        } else if (mlp.sizes().get(0) != data.featureCount()) {
            problems.add(new SpecProblem("model", model.text() + " takes " + mlp.sizes().get(0) + " input values but "
                    + "dataset '" + data.name() + "' has " + data.featureCount() + " per image (" + data.imageShape()
                    + ")", "make the first number " + data.featureCount()));
        }
        return problems;
    }

    static Plan plan(int epochs, int layers, Map<String, String> options) {
        int epl = Integer.parseInt(options.getOrDefault("epochs_per_layer", "0").trim());
        if ("greedy".equals(options.getOrDefault("schedule", "all").trim())) {
            int per = epl > 0 ? epl : Math.max(1, epochs / layers);
            int[] first = new int[per * layers];
            for (int e = 0; e < first.length; e++) {
                first[e] = e / per;
            }
            return new Plan(true, first, first.clone());
        }
        int[] last = new int[epochs];
        Arrays.fill(last, layers - 1);
        return new Plan(false, new int[epochs], last);
    }

    /** Input size followed by the hidden widths of an {@code mlp:} spec that {@link #check} accepted. */
    static List<Integer> sizesOf(ModelSpec model) {
        if (!(model instanceof ModelSpec.Mlp mlp) || mlp.sizes().size() < 2) {
            throw new BadInputException("Mono-Forward trains MLPs with a hidden layer: mlp:IN-H1-..., not "
                    + model.text());
        }
        return mlp.sizes();
    }

    @Override
    public TrainableNetwork build(Input input, JobContext ctx) {
        TrainSpec spec = input.spec();
        List<Integer> sizes = sizesOf(input.model());
        Plan plan = plan(spec.epochs(), sizes.size() - 1, input.options());
        if (plan.greedy()) {
            ctx.log("INFO", "mf greedy schedule: " + (plan.epochs() / (sizes.size() - 1)) + " epochs per layer, "
                    + plan.epochs() + " epochs in all");
        }
        // each layer gets its own optimizer instance, built as the backprop baseline's
        MfNetwork net = new MfNetwork(sizes, input.classes(), input.device(), () -> Optimizers.of(spec));
        return new MonoForwardNetwork(net, plan, spec.batchSize());
    }

    @Override
    public TrainableNetwork restore(Checkpoint checkpoint, Path dir, Device device) throws Exception {
        List<Integer> sizes = checkpoint.payload(Payload.class).sizes();
        if (sizes == null || sizes.size() < 2 || checkpoint.classes() < 1) {
            throw new BadInputException("Checkpoint in " + dir + " lacks its layer sizes or classes");
        }
        MfNetwork net = new MfNetwork(sizes, checkpoint.classes(), device, null);
        try {
            CheckpointFiles.readWeights(dir, checkpoint, net::load);
            return new MonoForwardNetwork(net, plan(1, sizes.size() - 1, defaultOptions()), 256);
        } catch (Exception e) {
            net.close();
            throw e;
        }
    }
}
