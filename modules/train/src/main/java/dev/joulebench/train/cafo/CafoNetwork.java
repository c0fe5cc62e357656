package dev.joulebench.train.cafo;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import dev.joulebench.core.CancellationToken;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.ShuffledBatches;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.nn.TorchEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A CaFo network on raw DJL arrays: conv blocks (Conv3×3 pad 1 → ReLU → MaxPool 2×2 → BatchNorm without
 * affine parameters), one linear predictor per block, and for DFA one fixed feedback matrix per block.
 * See {@link CascadedForwardTrainer} for the algorithm and every choice. Native memory: close it.
 */
final class CafoNetwork implements AutoCloseable {
    enum Variant { RAND, DFA }

    enum LossKind { CE, MSE, SL }

    static final float BN_EPS = 1e-5f;
    static final float BN_MOMENTUM = 0.1f;
    private static final Shape ONE = new Shape(1, 1);
    private static final Shape TWO = new Shape(2, 2);
    private static final Shape ZERO = new Shape(0, 0);

    /** Per-block mean local loss, per-block correct predictions and correct summed predictions of one batch. */
    record BatchStats(double[] loss, long[] correct, long sumCorrect, int count) {}

    /**
     * Per-block and summed correct counts over a data set, and the summed softmax cross-entropy of the
     * summed prediction (the loss every method reports for its prediction).
     */
    record Evaluation(long count, long[] correct, long sumCorrect, double lossSum) {
        double meanLoss() {
            return lossSum / Math.max(1, count);
        }

        double accuracy() {
            return count == 0 ? Double.NaN : (double) sumCorrect / count;
        }

        double accuracy(int block) {
            return count == 0 ? Double.NaN : (double) correct[block] / count;
        }
    }

    final ModelSpec.Cnn spec;
    final int classes;
    final Variant variant;
    final LossKind loss;
    final int blocks;
    final int[] outChannels;
    final int[] features;
    private final NDManager manager;
    final NDArray[] convW;
    final NDArray[] convB;
    final NDArray[] runMean;
    final NDArray[] runVar;
    final NDArray[] predW;
    final NDArray[] predB;
    final NDArray[] feedback;
    private final Optimizer optimizer;

    /** @param optimizer null for an inference-only network */
    CafoNetwork(ModelSpec.Cnn spec, int classes, Variant variant, LossKind loss, Device device, long seed,
                Optimizer optimizer) {
        this.spec = spec;
        this.classes = classes;
        this.variant = variant;
        this.loss = loss;
        this.optimizer = optimizer;
        this.blocks = spec.convChannels().size();
        manager = TorchEngine.get().newBaseManager(device);
        outChannels = new int[blocks];
        features = new int[blocks];
        convW = new NDArray[blocks];
        convB = new NDArray[blocks];
        runMean = new NDArray[blocks];
        runVar = new NDArray[blocks];
        predW = new NDArray[blocks];
        predB = new NDArray[blocks];
        feedback = new NDArray[blocks];
        Random random = new Random(seed);
        int cin = spec.channels();
        int h = spec.height();
        int w = spec.width();
        boolean trainBlocks = variant == Variant.DFA && optimizer != null;
        for (int i = 0; i < blocks; i++) {
            int c = spec.convChannels().get(i);
            outChannels[i] = c;
            h /= 2;
            w /= 2;
            features[i] = c * h * w;
            double bound = 1 / Math.sqrt(cin * 9.0);
            convW[i] = uniform(random, bound, new Shape(c, cin, 3, 3));
            convB[i] = uniform(random, bound, new Shape(c));
            runMean[i] = manager.zeros(new Shape(1, c, 1, 1));
            runVar[i] = manager.ones(new Shape(1, c, 1, 1));
            double pb = 1 / Math.sqrt(features[i]);
            predW[i] = uniform(random, pb, new Shape(features[i], classes));
            predB[i] = uniform(random, pb, new Shape(classes));
            if (trainBlocks) {
                convW[i].setRequiresGradient(true);
                convB[i].setRequiresGradient(true);
            }
            if (optimizer != null && loss != LossKind.MSE) {
                predW[i].setRequiresGradient(true);
                predB[i].setRequiresGradient(true);
            }
            cin = c;
        }
        if (variant == Variant.DFA) {
            for (int i = 0; i < blocks; i++) {
                Random r = new Random(seed * 1_000_003L + 17 + i);
                float[] b = new float[classes * features[i]];
                double scale = 1 / Math.sqrt(classes);
                for (int j = 0; j < b.length; j++) {
                    b[j] = (float) (r.nextGaussian() * scale);
                }
                feedback[i] = manager.create(b, new Shape(classes, features[i]));
            }
        }
    }

    private NDArray uniform(Random random, double bound, Shape shape) {
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return manager.create(v, shape);
    }

    NDManager newBatchManager() {
        return manager.newSubManager();
    }

    /** Conv blocks' weights and biases (BatchNorm has no parameters, only running statistics). */
    long blockParameterCount() {
        long n = 0;
        int cin = spec.channels();
        for (int i = 0; i < blocks; i++) {
            n += (long) outChannels[i] * cin * 9 + outChannels[i];
            cin = outChannels[i];
        }
        return n;
    }

    long predictorParameterCount() {
        long n = 0;
        for (int i = 0; i < blocks; i++) {
            n += (long) features[i] * classes + classes;
        }
        return n;
    }

    /** Images (N × C × H × W, x/255) and int64 labels of the given rows, in {@code m}. */
    NDList batch(NDManager m, ImageDataset data, int[] rows, float[] featureBuffer, int[] labelBuffer) {
        data.fillFeatures(rows, featureBuffer);
        data.fillLabels(rows, labelBuffer);
        int in = spec.inputFeatures();
        float[] x = featureBuffer.length == rows.length * in ? featureBuffer
                : java.util.Arrays.copyOf(featureBuffer, rows.length * in);
        long[] y = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = labelBuffer[i];
        }
        return new NDList(m.create(x, new Shape(rows.length, spec.channels(), spec.height(), spec.width())),
                m.create(y));
    }

    /** Conv → ReLU → MaxPool of block {@code i}, before its BatchNorm. */
    NDArray preNorm(int i, NDArray x) {
        NDArray y = Conv2d.conv2d(x, convW[i], convB[i], ONE, ONE).singletonOrThrow();
        return Pool.maxPool2d(Activation.relu(y), TWO, TWO, ZERO, false);
    }

    /**
     * Block {@code i}'s output. {@code batchStats}: BatchNorm normalises by the batch's own statistics (with
     * gradient through them) and updates the running statistics (momentum 0.1, unbiased variance, as PyTorch);
     * otherwise it uses the running statistics.
     */
    NDArray block(int i, NDArray x, boolean batchStats) {
        NDArray y = preNorm(i, x);
        int[] axes = {0, 2, 3};
        if (batchStats) {
            long n = y.getShape().size() / outChannels[i];
            NDArray mean = y.sum(axes, true).div((float) n);
            NDArray centred = y.sub(mean);
            NDArray var = centred.square().sum(axes, true).div((float) n);
            NDArray m = mean.stopGradient();
            NDArray v = var.stopGradient().mul(n / (float) Math.max(1, n - 1));
            runMean[i].muli(1 - BN_MOMENTUM).addi(m.mul(BN_MOMENTUM));
            runVar[i].muli(1 - BN_MOMENTUM).addi(v.mul(BN_MOMENTUM));
            return centred.div(var.add(BN_EPS).sqrt());
        }
        NDArray std = runVar[i].add(BN_EPS);
        std.attach(y.getManager());
        return y.sub(runMean[i]).div(std.sqrt());
    }

    /** BatchNorm statistics from the first {@code images} rows of {@code data}: see {@link CafoCalibration}. */
    void calibrate(ImageDataset data, int images, int batchSize, CancellationToken cancellation) {
        CafoCalibration.calibrate(this, data, images, batchSize, cancellation);
    }

    /** Flattened outputs of every block (running-statistics BatchNorm), no gradients. */
    List<NDArray> features(NDArray x) {
        List<NDArray> out = new ArrayList<>(blocks);
        NDArray in = x;
        for (int i = 0; i < blocks; i++) {
            in = block(i, in, false);
            out.add(in.reshape(in.getShape().get(0), -1));
        }
        return out;
    }

    NDArray predictor(int i, NDArray f) {
        return f.matMul(predW[i]).add(predB[i]);
    }

    /** The CaFo prediction: argmax over classes of the sum of all predictors' outputs. */
    static NDArray predict(List<NDArray> outputs) {
        return sum(outputs).argMax(1);
    }

    static NDArray sum(List<NDArray> outputs) {
        NDArray sum = outputs.get(0);
        for (int i = 1; i < outputs.size(); i++) {
            sum = sum.add(outputs.get(i));
        }
        return sum;
    }

    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        return logits.logSoftmax(1).gather(labels.reshape(-1, 1), 1).mean().neg();
    }

    /** Mean over the batch of the summed squared error to the one-hot labels. */
    static NDArray squaredError(NDArray outputs, NDArray labels) {
        int k = (int) outputs.getShape().get(1);
        return outputs.sub(labels.oneHot(k, DataType.FLOAT32)).square().sum(new int[] {1}).mean();
    }

    /** The DFA error of the summed prediction, {@code (softmax(Σ_i g_i) − onehot(y)) / N} (no gradient). */
    NDArray dfaError(List<NDArray> outputs, NDArray labels) {
        NDArray sum = outputs.get(0).stopGradient();
        for (int i = 1; i < outputs.size(); i++) {
            sum = sum.add(outputs.get(i).stopGradient());
        }
        return sum.softmax(1).sub(labels.oneHot(classes, DataType.FLOAT32)).div((float) labels.size());
    }

    /**
     * One training step on a batch: CE/SL predictors take one optimizer step on their local loss; with DFA
     * every block takes one optimizer step along the gradient of {@code <stopGradient(e B_i), out_i>}. With
     * {@code accumulators} (rand + mse) the batch's block features are added to the closed-form sums.
     */
    BatchStats step(NDArray x, NDArray y, List<RidgeLeastSquares> accumulators) {
        boolean dfa = variant == Variant.DFA;
        int n = (int) y.size();
        double[] losses = new double[blocks];
        long[] correct = new long[blocks];
        List<NDArray> outputs = new ArrayList<>(blocks);
        NDArray[] lossArrays = new NDArray[blocks];
        boolean needsGradient = dfa || loss != LossKind.MSE;
        try (GradientCollector gc = needsGradient ? Engine.getEngine(TorchEngine.NAME).newGradientCollector() : null) {
            NDArray in = x;
            NDArray total = null;
            List<NDArray> blockOut = new ArrayList<>(blocks);
            for (int i = 0; i < blocks; i++) {
                NDArray out = block(i, in, dfa);
                NDArray f = out.reshape(n, -1);
                blockOut.add(f);
                in = out.stopGradient();
                NDArray g = predictor(i, dfa ? f.stopGradient() : f);
                outputs.add(g);
                if (accumulators != null) {
                    accumulators.get(i).add(f, y);
                }
                switch (loss) {
                    case CE -> {
                        NDArray l = crossEntropy(g, y);
                        lossArrays[i] = l;
                        total = total == null ? l : total.add(l);
                    }
                    case SL -> {
                        NDArray gs = g.stopGradient();
                        NDArray direction = Sparsemax.gradient(gs, y).div((float) n);
                        NDArray surrogate = g.mul(direction).sum();
                        lossArrays[i] = Sparsemax.loss(gs, y).mean();
                        total = total == null ? surrogate : total.add(surrogate);
                    }
                    case MSE -> lossArrays[i] = squaredError(g.stopGradient(), y);
                }
            }
            if (dfa) {
                NDArray e = dfaError(outputs, y);
                for (int i = 0; i < blocks; i++) {
                    NDArray signal = e.matMul(feedback[i]);
                    NDArray inner = blockOut.get(i).mul(signal).sum();
                    total = total == null ? inner : total.add(inner);
                }
            }
            if (gc != null && total != null) {
                gc.backward(total);
            }
        }
        for (int i = 0; i < blocks; i++) {
            losses[i] = lossArrays[i].getFloat();
            correct[i] = outputs.get(i).argMax(1).eq(y).countNonzero().getLong();
        }
        long sumCorrect = predict(outputs).eq(y).countNonzero().getLong();
        if (optimizer != null) {
            for (int i = 0; i < blocks; i++) {
                if (loss != LossKind.MSE) {
                    update("predictor" + i + ".weight", predW[i]);
                    update("predictor" + i + ".bias", predB[i]);
                }
                if (dfa) {
                    update("block" + i + ".weight", convW[i]);
                    update("block" + i + ".bias", convB[i]);
                }
            }
        }
        return new BatchStats(losses, correct, sumCorrect, n);
    }

    private void update(String id, NDArray parameter) {
        try (NDArray grad = parameter.getGradient()) {
            optimizer.update(id, parameter, grad);
            grad.muli(0);
        }
    }

    /** Accumulators for the closed-form predictors live in this network's memory. */
    NDManager manager() {
        return manager;
    }

    /** Per-block and summed accuracy over all rows, without gradients. */
    Evaluation evaluate(ImageDataset data, int batchSize, CancellationToken cancellation) {
        float[] buffer = new float[batchSize * spec.inputFeatures()];
        int[] labels = new int[batchSize];
        long[] correct = new long[blocks];
        long sumCorrect = 0;
        double lossSum = 0;
        for (int[] rows : ShuffledBatches.sequential(data.count(), batchSize)) {
            if (cancellation != null) {
                cancellation.throwIfCancelled();
            }
            try (NDManager m = newBatchManager()) {
                NDList xy = batch(m, data, rows, buffer, labels);
                List<NDArray> f = features(xy.get(0));
                List<NDArray> outputs = new ArrayList<>(blocks);
                for (int i = 0; i < blocks; i++) {
                    NDArray g = predictor(i, f.get(i));
                    outputs.add(g);
                    correct[i] += g.argMax(1).eq(xy.get(1)).countNonzero().getLong();
                }
                NDArray total = sum(outputs);
                sumCorrect += total.argMax(1).eq(xy.get(1)).countNonzero().getLong();
                lossSum += crossEntropy(total, xy.get(1)).getFloat() * rows.length;
            }
        }
        return new Evaluation(data.count(), correct, sumCorrect, lossSum);
    }

    /** Every state array group, block by block (what a checkpoint holds). */
    NDArray[][] stateArrays() {
        return new NDArray[][] {convW, convB, runMean, runVar, predW, predB};
    }

    @Override
    public void close() {
        manager.close();
    }
}
