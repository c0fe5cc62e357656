package dev.joulebench.compress;

import dev.joulebench.nn.ModelSpec;
import java.util.List;

/** Closed-form size and compute of an uncompressed Joulebench network, per sample. */
public final class ModelCost {
    private ModelCost() {}

    /** Multiply-accumulates of one forward pass: 3x3 convs (padding 1, before pooling) and dense layers. */
    public static long multiplyAccumulates(ModelSpec spec) {
        if (spec instanceof ModelSpec.Mlp mlp) {
            List<Integer> s = mlp.sizes();
            long macs = 0;
            for (int i = 1; i < s.size(); i++) {
                macs += (long) s.get(i - 1) * s.get(i);
            }
            return macs;
        }
        ModelSpec.Cnn cnn = (ModelSpec.Cnn) spec;
        long macs = 0;
        int h = cnn.height();
        int w = cnn.width();
        int in = cnn.channels();
        for (int c : cnn.convChannels()) {
            macs += (long) h * w * in * c * 9;
            h /= 2;
            w /= 2;
            in = c;
        }
        int features = cnn.flattenedFeatures();
        for (int d : cnn.dense()) {
            macs += (long) features * d;
            features = d;
        }
        return macs + (long) features * cnn.classes();
    }

    /** Float32 bytes of every parameter. */
    public static long bytes(ModelSpec spec) {
        return 4 * spec.parameterCount();
    }
}
