package dev.joulebench.train;

import dev.joulebench.core.MemoryEstimate;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.data.DataShape;
import dev.joulebench.nn.ModelSpec;

/**
 * The peak memory of a training run, from its spec and the data's shape, before anything is allocated. Counted
 * in float32: the weights, their gradients and the optimizer's state (Adam keeps two moments, SGD one momentum
 * buffer); each layer's output and activation at the batch, twice for the backward pass; the batch's input
 * buffer; and in the Java heap the dataset (bytes per pixel) with the copies the train/validation split makes.
 * The same count serves every method: the layer-local ones hold no fewer tensors than backprop.
 */
public final class TrainingMemory {
    private static final long FLOAT = 4;
    /** Batches evaluation runs at (at least), forward only. */
    private static final long EVAL_BATCH = 256;

    private TrainingMemory() {}

    /** @param trainRows rows the split leaves for training, which also caps the batch */
    public static MemoryEstimate of(TrainSpec spec, ModelSpec model, DataShape data, long trainRows) {
        long params = model.parameterCount();
        long optimizerFloats = "sgd".equals(spec.optimizer()) ? 1 : 2;
        long batch = Math.max(1, Math.min(spec.batchSize(), trainRows));
        long perSample = activationsPerSample(model);
        long training = MemoryEstimate.times(batch, perSample, FLOAT, 2);
        long evaluation = MemoryEstimate.times(Math.max(batch, EVAL_BATCH), perSample, FLOAT);
        long features = data.featureCount();
        return MemoryEstimate.builder()
                .compute("parameters", MemoryEstimate.times(params, FLOAT))
                .compute("gradients", MemoryEstimate.times(params, FLOAT))
                .compute(("sgd".equals(spec.optimizer()) ? "SGD" : "Adam") + " state",
                        MemoryEstimate.times(params, optimizerFloats, FLOAT))
                .compute("activations at batch " + batch, Math.max(training, evaluation))
                .heap("dataset", MemoryEstimate.plus(MemoryEstimate.times((long) data.trainCount() + data.testCount(),
                        features + 1), MemoryEstimate.times(data.trainCount(), features + 1)))
                .heap("batch buffer", MemoryEstimate.times(Math.max(batch, EVAL_BATCH), features + 1, FLOAT))
                .build();
    }

    /** Floats one sample's forward pass keeps per layer: the output and, where one follows, the activation. */
    static long activationsPerSample(ModelSpec model) {
        long n = model.inputFeatures();
        if (model instanceof ModelSpec.Mlp mlp) {
            for (int i = 1; i < mlp.sizes().size(); i++) {
                n = MemoryEstimate.plus(n, 2L * mlp.sizes().get(i));
            }
        } else if (model instanceof ModelSpec.Cnn cnn) {
            long h = cnn.height();
            long w = cnn.width();
            for (int c : cnn.convChannels()) {
                // conv output and its ReLU at full size, then the pooled map
                n = MemoryEstimate.plus(n, MemoryEstimate.plus(MemoryEstimate.times(2, c, h, w),
                        MemoryEstimate.times(c, Math.max(1, h / 2), Math.max(1, w / 2))));
                h /= 2;
                w /= 2;
            }
            for (int d : cnn.dense()) {
                n = MemoryEstimate.plus(n, 2L * d);
            }
            n = MemoryEstimate.plus(n, cnn.classes());
        }
        return n;
    }
}
