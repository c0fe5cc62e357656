package dev.joulebench.train.mf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One Mono-Forward layer: {@code a = ReLU(W x + b)} (a DJL {@link Linear} with bias) and its projection
 * matrix {@code M} (a {@link Linear} without bias, weight shape classes × width), giving the local
 * logits {@code g = a Mᵀ}. The forward pass returns both: {@code [a, g]}.
 */
final class MfLayer extends AbstractBlock {
    private final Linear dense;
    private final Linear projection;

    MfLayer(int width, int classes) {
        super((byte) 1);
        dense = addChildBlock("dense", Linear.builder().setUnits(width).build());
        projection = addChildBlock("projection", Linear.builder().setUnits(classes).optBias(false).build());
    }

    Linear dense() {
        return dense;
    }

    Linear projection() {
        return projection;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray a = Activation.relu(dense.forward(parameterStore, inputs, training, params).singletonOrThrow());
        NDArray g = projection.forward(parameterStore, new NDList(a), training, params).singletonOrThrow();
        return new NDList(a, g);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] a = dense.getOutputShapes(inputShapes);
        return new Shape[] {a[0], projection.getOutputShapes(a)[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        dense.initialize(manager, dataType, inputShapes);
        projection.initialize(manager, dataType, dense.getOutputShapes(inputShapes));
    }
}
