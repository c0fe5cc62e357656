package dev.joulebench.compress.rmtkd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import dev.joulebench.core.CancellationToken;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.ShuffledBatches;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.ModelSpec;
import java.util.List;

/**
 * The outputs of one hidden layer of an {@code mlp:} classifier over a dataset: what the next layer reads,
 * {@code relu(W_i x + b_i)}. Runs the sequential network's first blocks in inference mode, batch by batch,
 * outside any gradient collector, so no autograd graph is built.
 */
public final class HiddenActivations {
    private HiddenActivations() {}

    /**
     * Row-major {@code data.count() x width} activations of hidden layer {@code hidden} (0-based: the ReLU after
     * fc{@code hidden+1}).
     */
    public static float[] collect(Classifier net, ImageDataset data, int hidden, int batchSize,
                                  CancellationToken cancellation) {
        if (!(net.spec() instanceof ModelSpec.Mlp mlp) || hidden < 0 || hidden >= mlp.sizes().size() - 2) {
            throw new IllegalArgumentException(net.spec().text() + " has no hidden layer " + hidden);
        }
        int width = mlp.sizes().get(hidden + 1);
        List<Block> blocks = ((SequentialBlock) net.model().getBlock()).getChildren().values();
        int upTo = 2 * hidden + 2; // Linear, ReLU per hidden layer
        float[] out = new float[Math.multiplyExact(data.count(), width)];
        float[] features = new float[batchSize * data.featureCount()];
        int[] labels = new int[batchSize];
        int offset = 0;
        for (int[] rows : ShuffledBatches.sequential(data.count(), batchSize)) {
            if (cancellation != null) {
                cancellation.throwIfCancelled();
            }
            try (NDManager m = net.model().getNDManager().newSubManager()) {
                ParameterStore params = new ParameterStore(m, false);
                NDList current = new NDList(net.batch(m, data, rows, features, labels).get(0));
                for (int b = 0; b < upTo; b++) {
                    current = blocks.get(b).forward(params, current, false);
                }
                NDArray a = current.singletonOrThrow().toType(DataType.FLOAT32, false);
                float[] values = a.toFloatArray();
                System.arraycopy(values, 0, out, offset, values.length);
                offset += values.length;
            }
        }
        return out;
    }
}
