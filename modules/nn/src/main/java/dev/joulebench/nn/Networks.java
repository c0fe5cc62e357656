package dev.joulebench.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/** Builds DJL blocks from {@link ModelSpec}s. The block takes a batch of flattened samples. */
public final class Networks {
    private Networks() {}

    public static Block build(ModelSpec spec) {
        if (spec instanceof ModelSpec.Mlp mlp) {
            return mlp(mlp);
        }
        return cnn((ModelSpec.Cnn) spec);
    }

    private static Block mlp(ModelSpec.Mlp spec) {
        SequentialBlock net = new SequentialBlock();
        var sizes = spec.sizes();
        for (int i = 1; i < sizes.size(); i++) {
            net.add(Linear.builder().setUnits(sizes.get(i)).build());
            if (i < sizes.size() - 1) {
                net.add(Activation.reluBlock());
            }
        }
        return net;
    }

    private static Block cnn(ModelSpec.Cnn spec) {
        SequentialBlock net = new SequentialBlock();
        // Samples arrive flattened like every dataset batch; restore CxHxW first.
        net.add(x -> new ai.djl.ndarray.NDList(x.singletonOrThrow()
                .reshape(new Shape(-1, spec.channels(), spec.height(), spec.width()))));
        for (int c : spec.convChannels()) {
            net.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(c).build());
            net.add(Activation.reluBlock());
            net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        }
        net.add(Blocks.batchFlattenBlock());
        for (int d : spec.dense()) {
            net.add(Linear.builder().setUnits(d).build());
            net.add(Activation.reluBlock());
        }
        net.add(Linear.builder().setUnits(spec.classes()).build());
        return net;
    }
}
