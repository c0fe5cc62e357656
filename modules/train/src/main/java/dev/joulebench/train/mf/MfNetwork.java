package dev.joulebench.train.mf;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import dev.joulebench.core.CancellationToken;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.ShuffledBatches;
import dev.joulebench.nn.TorchEngine;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The layers of a Mono-Forward MLP: one DJL {@link Model} per layer (an {@link MfLayer} block) and,
 * when built for training, one {@link Trainer} per layer with its own optimizer instance. Native
 * memory: close it.
 */
final class MfNetwork implements AutoCloseable {
    /** Local loss and correct predictions of one layer on one batch. */
    record LayerStats(int layer, double loss, long correct, int count) {}

    /** Per-layer correct counts and summed cross-entropy over a whole dataset. */
    record Evaluation(long count, long[] correct, double[] lossSum) {
        int last() {
            return correct.length - 1;
        }

        double accuracy(int layer) {
            return count == 0 ? Double.NaN : (double) correct[layer] / count;
        }

        double meanLoss(int layer) {
            return lossSum[layer] / Math.max(1, count);
        }
    }

    private final List<Integer> sizes;
    private final int classes;
    private final List<Model> models = new ArrayList<>();
    private final List<Trainer> trainers = new ArrayList<>();

    /**
     * @param sizes      input size followed by the hidden widths
     * @param optimizers a fresh optimizer per layer, or null for an inference-only network
     */
    MfNetwork(List<Integer> sizes, int classes, Device device, Supplier<Optimizer> optimizers) {
        if (sizes.size() < 2) {
            throw new IllegalArgumentException("need an input size and at least one hidden layer: " + sizes);
        }
        this.sizes = List.copyOf(sizes);
        this.classes = classes;
        try {
            for (int i = 1; i < sizes.size(); i++) {
                Model m = Model.newInstance("mf-layer" + i, device, TorchEngine.NAME);
                models.add(m);
                m.setBlock(new MfLayer(sizes.get(i), classes));
                m.setDataType(DataType.FLOAT32);
                Shape in = new Shape(1, sizes.get(i - 1));
                if (optimizers != null) {
                    DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(optimizers.get())
                            .optDevices(new Device[] {device});
                    Trainer t = m.newTrainer(config);
                    trainers.add(t);
                    t.initialize(in);
                } else {
                    m.getBlock().initialize(m.getNDManager(), DataType.FLOAT32, in);
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * A fresh store for a no-gradient forward: a {@link ParameterStore} caches the parameter arrays it has
     * seen, so a long-lived one would keep using the arrays that {@link #load} replaced.
     */
    private ParameterStore inferenceStore(int layer) {
        return new ParameterStore(models.get(layer).getNDManager(), false);
    }

    int layers() {
        return models.size();
    }

    int classes() {
        return classes;
    }

    List<Integer> sizes() {
        return sizes;
    }

    MfLayer layer(int i) {
        return (MfLayer) models.get(i).getBlock();
    }

    /** Trainable parameters: W and b of every layer plus its projection M. */
    long parameterCount() {
        long n = 0;
        for (int i = 1; i < sizes.size(); i++) {
            long w = sizes.get(i);
            n += sizes.get(i - 1) * w + w + classes * w;
        }
        return n;
    }

    /** A manager for per-batch arrays (close it after the batch). */
    NDManager newBatchManager() {
        return models.get(0).getNDManager().newSubManager();
    }

    /** Features (x/255) and int64 labels of the given rows, in {@code manager}. */
    NDList batch(NDManager manager, ImageDataset data, int[] rows, float[] featureBuffer, int[] labelBuffer) {
        data.fillFeatures(rows, featureBuffer);
        data.fillLabels(rows, labelBuffer);
        int in = sizes.get(0);
        float[] x = featureBuffer.length == rows.length * in ? featureBuffer
                : java.util.Arrays.copyOf(featureBuffer, rows.length * in);
        long[] y = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = labelBuffer[i];
        }
        return new NDList(manager.create(x, new Shape(rows.length, in)), manager.create(y));
    }

    /** Mean softmax cross-entropy of local logits {@code g} (N × classes) against int64 labels. */
    static NDArray localLoss(NDArray g, NDArray labels) {
        return g.logSoftmax(1).gather(labels.reshape(-1, 1), 1).mean().neg();
    }

    /** Forward without gradients: {@code [a_i, g_i]} for every layer. */
    List<NDList> forward(NDArray x) {
        List<NDList> out = new ArrayList<>(layers());
        NDArray input = x;
        for (int i = 0; i < layers(); i++) {
            NDList ag = models.get(i).getBlock().forward(inferenceStore(i), new NDList(input), false);
            out.add(ag);
            input = ag.get(0);
        }
        return out;
    }

    /** Predicted classes: argmax of the last layer's local logits {@code a_L M_Lᵀ}. */
    NDArray predict(NDArray x) {
        List<NDList> out = forward(x);
        return out.get(out.size() - 1).get(1).argMax(1);
    }

    /**
     * Local gradients for layers {@code first..last} (0-based, inclusive) on one batch: layers before
     * {@code first} run without gradients; each trained layer's input is the previous activation
     * detached ({@code stopGradient}), so the summed backward gives every layer exactly the gradient
     * of its own local loss. No optimizer step: see {@link #step}.
     */
    List<LayerStats> backward(NDArray x, NDArray y, int first, int last) {
        NDArray input = x;
        for (int i = 0; i < first; i++) {
            input = models.get(i).getBlock().forward(inferenceStore(i), new NDList(input), false).get(0);
        }
        List<NDArray> losses = new ArrayList<>();
        List<NDArray> logits = new ArrayList<>();
        try (GradientCollector gc = trainers.get(first).newGradientCollector()) {
            NDArray total = null;
            for (int i = first; i <= last; i++) {
                NDList ag = trainers.get(i).forward(new NDList(input.stopGradient()));
                NDArray loss = localLoss(ag.get(1), y);
                losses.add(loss);
                logits.add(ag.get(1));
                total = total == null ? loss : total.add(loss);
                input = ag.get(0);
            }
            gc.backward(total);
        }
        List<LayerStats> stats = new ArrayList<>(losses.size());
        int n = (int) y.size();
        for (int k = 0; k < losses.size(); k++) {
            long correct = logits.get(k).argMax(1).eq(y).countNonzero().getLong();
            stats.add(new LayerStats(first + k, losses.get(k).getFloat(), correct, n));
        }
        return stats;
    }

    /** One optimizer step for each of layers {@code first..last}, each with its own optimizer. */
    void step(int first, int last) {
        for (int i = first; i <= last; i++) {
            trainers.get(i).step();
        }
    }

    /** {@link #backward} then {@link #step}: one Mono-Forward update of layers {@code first..last}. */
    List<LayerStats> train(NDArray x, NDArray y, int first, int last) {
        List<LayerStats> stats = backward(x, y, first, last);
        step(first, last);
        return stats;
    }

    /** Accuracy and cross-entropy of every layer's local head over all rows, without gradients. */
    Evaluation evaluate(ImageDataset data, int batchSize, CancellationToken cancellation) {
        float[] features = new float[batchSize * sizes.get(0)];
        int[] labels = new int[batchSize];
        long[] correct = new long[layers()];
        double[] lossSum = new double[layers()];
        for (int[] rows : ShuffledBatches.sequential(data.count(), batchSize)) {
            if (cancellation != null) {
                cancellation.throwIfCancelled();
            }
            try (NDManager m = newBatchManager()) {
                NDList xy = batch(m, data, rows, features, labels);
                List<NDList> out = forward(xy.get(0));
                for (int i = 0; i < out.size(); i++) {
                    NDArray g = out.get(i).get(1);
                    correct[i] += g.argMax(1).eq(xy.get(1)).countNonzero().getLong();
                    lossSum[i] += localLoss(g, xy.get(1)).getFloat() * rows.length;
                }
            }
        }
        return new Evaluation(data.count(), correct, lossSum);
    }

    /** Writes every layer's parameters (W, b, M) in layer order. */
    void save(DataOutputStream out) throws IOException {
        for (Model m : models) {
            m.getBlock().saveParameters(out);
        }
    }

    /** Replaces every layer's parameters with those {@link #save} wrote. */
    void load(DataInputStream in) throws IOException, MalformedModelException {
        for (Model m : models) {
            m.getBlock().loadParameters(m.getNDManager(), in);
        }
    }

    @Override
    public void close() {
        for (Trainer t : trainers) {
            t.close();
        }
        for (Model m : models) {
            m.close();
        }
    }
}
