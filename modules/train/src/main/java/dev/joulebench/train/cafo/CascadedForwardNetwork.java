package dev.joulebench.train.cafo;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.joulebench.core.CancellationToken;
import dev.joulebench.core.JobContext;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.train.TrainableNetwork;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Cascaded-Forward cascade on the shared loop: BatchNorm calibration before the first epoch, one step
 * of every predictor (and, with DFA, every block) per batch, and for {@code loss=mse} the closed-form
 * least-squares predictors at the end of each epoch.
 */
final class CascadedForwardNetwork implements TrainableNetwork {
    private static final int EVAL_BATCH = 256;

    private final CafoNetwork net;
    private final int batch;
    private final float[] buffer;
    private final int[] labels;
    private List<RidgeLeastSquares> accumulators;
    private int accumulatorEpoch = -1;

    CascadedForwardNetwork(CafoNetwork net, int batch) {
        this.net = net;
        this.batch = batch;
        this.buffer = new float[batch * net.spec.inputFeatures()];
        this.labels = new int[batch];
    }

    private boolean accumulates() {
        return net.loss == CafoNetwork.LossKind.MSE && net.variant == CafoNetwork.Variant.RAND;
    }

    /** BatchNorm statistics from the first training images (not counted as training time). */
    @Override
    public void prepare(ImageDataset train, JobContext ctx) {
        long c0 = System.nanoTime();
        net.calibrate(train, CascadedForwardTrainer.CALIBRATION_IMAGES, Math.max(batch, EVAL_BATCH),
                ctx.cancellation());
        ctx.log("INFO", String.format(Locale.ROOT, "cafo variant=%s, loss=%s, %d blocks (features %s), BatchNorm "
                        + "statistics from %d images in %.1f s", name(net.variant), name(net.loss), net.blocks,
                Arrays.toString(net.features), Math.min(CascadedForwardTrainer.CALIBRATION_IMAGES, train.count()),
                (System.nanoTime() - c0) / 1e9));
    }

    @Override
    public Step step(ImageDataset train, int[] rows, int epoch) {
        if (accumulates() && accumulatorEpoch != epoch) {
            closeAccumulators();
            accumulators = CafoLeastSquares.newAccumulators(net);
            accumulatorEpoch = epoch;
        }
        CafoNetwork.BatchStats s;
        try (NDManager m = net.newBatchManager()) {
            NDList xy = net.batch(m, train, rows, buffer, labels);
            s = net.step(xy.get(0), xy.get(1), accumulators);
        }
        Map<String, Double> parts = new LinkedHashMap<>();
        double mean = 0;
        for (int i = 0; i < net.blocks; i++) {
            parts.put("block" + (i + 1) + "_loss", s.loss()[i]);
            parts.put("block" + (i + 1) + "_accuracy", (double) s.correct()[i] / rows.length);
            mean += s.loss()[i];
        }
        return new Step(mean / net.blocks, parts);
    }

    /** The least-squares predictors of {@code loss=mse}: from the epoch's sums (rand) or an extra pass (dfa). */
    @Override
    public void endEpoch(int epoch, ImageDataset train, JobContext ctx) {
        if (net.loss != CafoNetwork.LossKind.MSE) {
            return;
        }
        ctx.progress("epoch " + (epoch + 1), 1, 1, "least-squares predictors");
        if (accumulators != null) {
            CafoLeastSquares.solvePredictors(net, accumulators, CascadedForwardTrainer.RIDGE);
            closeAccumulators();
        } else {
            CafoLeastSquares.fitLeastSquares(net, train, Math.max(batch, EVAL_BATCH), CascadedForwardTrainer.RIDGE,
                    ctx.cancellation());
        }
    }

    @Override
    public Scores evaluate(ImageDataset data, CancellationToken cancellation) {
        long t0 = System.nanoTime();
        CafoNetwork.Evaluation e = net.evaluate(data, Math.max(batch, EVAL_BATCH), cancellation);
        Map<String, Double> parts = new LinkedHashMap<>();
        for (int i = 0; i < net.blocks; i++) {
            parts.put("block" + (i + 1) + "_accuracy", e.accuracy(i));
        }
        return new Scores(e.count(), e.accuracy(), e.meanLoss(), parts, (System.nanoTime() - t0) / 1e9);
    }

    @Override
    public long parameterCount() {
        return net.blockParameterCount() + net.predictorParameterCount();
    }

    /** Parameters by part; {@code params/trainable} leaves out the frozen blocks of {@code rand}. */
    @Override
    public Map<String, Double> summary() {
        long blocks = net.blockParameterCount();
        long predictors = net.predictorParameterCount();
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("params/blocks", (double) blocks);
        s.put("params/predictors", (double) predictors);
        s.put("params/trainable", (double) (predictors + (net.variant == CafoNetwork.Variant.DFA ? blocks : 0)));
        return s;
    }

    @Override
    public Object checkpointPayload() {
        return new CascadedForwardTrainer.Payload(name(net.variant), name(net.loss));
    }

    @Override
    public void saveWeights(DataOutputStream out) throws IOException {
        CafoWeights.save(net, out);
    }

    /** CafoNetwork reports a shape mismatch as an IOException: the checkpoint does not fit this network. */
    @Override
    public void loadWeights(DataInputStream in) throws MalformedModelException {
        try {
            CafoWeights.load(net, in);
        } catch (IOException e) {
            throw new MalformedModelException(e.getMessage(), e);
        }
    }

    private void closeAccumulators() {
        if (accumulators != null) {
            accumulators.forEach(RidgeLeastSquares::close);
            accumulators = null;
        }
    }

    @Override
    public void close() {
        closeAccumulators();
        net.close();
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
