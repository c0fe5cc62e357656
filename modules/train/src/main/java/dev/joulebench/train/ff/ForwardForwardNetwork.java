package dev.joulebench.train.ff;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.joulebench.core.CancellationToken;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.ShuffledBatches;
import dev.joulebench.nn.TorchEngine;
import dev.joulebench.train.TrainableNetwork;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A Forward-Forward MLP on the shared loop: each step trains every layer on the batch's positives and
 * their freshly drawn negatives (wrong labels from {@code SplittableRandom(seed + epoch)}).
 */
final class ForwardForwardNetwork implements TrainableNetwork {
    private final FfNetwork net;
    private final ForwardForwardTrainer.Settings settings;
    private final ForwardForwardTrainer.Trainers trainers;
    private final NDManager base;
    private final long seed;
    private final float[] pixels;
    private final int[] labels;
    private final int[] wrong;
    private SplittableRandom rng;
    private int rngEpoch = -1;

    /** @param trainers the layers' trainers, or null for a network restored for evaluation */
    ForwardForwardNetwork(FfNetwork net, ForwardForwardTrainer.Settings settings,
                          ForwardForwardTrainer.Trainers trainers, long seed, int batch, Device device) {
        this.net = net;
        this.settings = settings;
        this.trainers = trainers;
        this.seed = seed;
        this.base = NDManager.newBaseManager(device, TorchEngine.NAME);
        this.pixels = new float[Math.max(batch, ForwardForwardTrainer.EVAL_BATCH) * net.inputFeatures()];
        this.labels = new int[Math.max(batch, ForwardForwardTrainer.EVAL_BATCH)];
        this.wrong = new int[batch];
    }

    @Override
    public Step step(ImageDataset train, int[] rows, int epoch) {
        if (trainers == null) {
            throw new IllegalStateException("a network restored for evaluation cannot train");
        }
        if (epoch != rngEpoch) {
            rng = new SplittableRandom(seed + epoch);
            rngEpoch = epoch;
        }
        int n = rows.length;
        int classes = net.classes();
        train.fillFeatures(rows, pixels);
        train.fillLabels(rows, labels);
        for (int i = 0; i < n; i++) {
            wrong[i] = ForwardForwardTrainer.wrongLabel(labels[i], classes, rng);
        }
        float[] stats = ForwardForwardTrainer.trainStep(net, trainers, base, pixels, labels, wrong, n);
        Map<String, Double> parts = new LinkedHashMap<>();
        double total = 0;
        for (int l = 0; l < net.layerCount(); l++) {
            total += stats[3 * l];
            parts.put("layer" + (l + 1) + "_loss", (double) stats[3 * l]);
            parts.put("layer" + (l + 1) + "_goodness_pos", (double) stats[3 * l + 1]);
            parts.put("layer" + (l + 1) + "_goodness_neg", (double) stats[3 * l + 2]);
        }
        if (settings.softmax()) {
            parts.put("head_loss", (double) stats[3 * net.layerCount()]);
        }
        return new Step(total, parts);
    }

    /** Accuracy of the prediction and the softmax cross-entropy of its scores (goodness per label, or head logits). */
    @Override
    public Scores evaluate(ImageDataset data, CancellationToken cancellation) {
        int batch = ForwardForwardTrainer.EVAL_BATCH;
        long correct = 0;
        double lossSum = 0;
        long t0 = System.nanoTime();
        for (int[] rows : ShuffledBatches.sequential(data.count(), batch)) {
            if (cancellation != null) {
                cancellation.throwIfCancelled();
            }
            data.fillFeatures(rows, pixels);
            data.fillLabels(rows, labels);
            try (NDManager m = base.newSubManager()) {
                NDArray scores = settings.softmax() ? net.softmaxLogits(m, pixels, rows.length)
                        : net.goodnessPerLabel(m, pixels, rows.length);
                long[] predicted = scores.argMax(1).toLongArray();
                long[] y = new long[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    y[i] = labels[i];
                    if (predicted[i] == labels[i]) {
                        correct++;
                    }
                }
                lossSum -= scores.logSoftmax(1).gather(m.create(y).reshape(-1, 1), 1).sum().getFloat();
            }
        }
        long count = data.count();
        return new Scores(count, count == 0 ? Double.NaN : (double) correct / count, lossSum / Math.max(1, count),
                Map.of(), (System.nanoTime() - t0) / 1e9);
    }

    @Override
    public long parameterCount() {
        return net.parameterCount();
    }

    /** Each layer's h for the window, with the neutral label written into the input. */
    @Override
    public List<Activations> hiddenActivations(ImageDataset window) {
        int n = window.count();
        int f = net.inputFeatures();
        float[] x = new float[n * f];
        window.fillFeatures(java.util.stream.IntStream.range(0, n).toArray(), x);
        FfNetwork.embedLabels(x, n, f, null, net.classes());
        List<Activations> out = new ArrayList<>();
        try (NDManager m = base.newSubManager()) {
            NDArray[] h = net.forward(m.create(x, new Shape(n, f)), net.inference(m));
            for (int l = 0; l < h.length; l++) {
                out.add(new Activations("layer" + (l + 1), h[l].toFloatArray(), n, net.width(l)));
            }
        }
        return out;
    }

    @Override
    public Object checkpointPayload() {
        List<Double> thresholds = new ArrayList<>();
        for (int l = 0; l < net.layerCount(); l++) {
            thresholds.add((double) net.threshold(l));
        }
        return new ForwardForwardTrainer.Payload(settings.threshold(), thresholds, settings.predict());
    }

    @Override
    public void saveWeights(DataOutputStream out) throws IOException {
        net.saveParameters(out);
    }

    @Override
    public void loadWeights(DataInputStream in) throws IOException, MalformedModelException {
        net.loadParameters(in);
    }

    @Override
    public void close() {
        if (trainers != null) {
            trainers.close();
        }
        base.close();
        net.close();
    }

    /** For tests: the wrapped network. */
    FfNetwork network() {
        return net;
    }
}
