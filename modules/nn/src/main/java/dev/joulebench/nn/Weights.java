package dev.joulebench.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/** The weight tensors of a network copied out as plain floats, for analyses that run without DJL. */
public final class Weights {
    private Weights() {}

    /**
     * @param name  DJL's parameter name, e.g. {@code 01Linear_weight}
     * @param shape dense: [out, in]; conv: [out, in, kh, kw]
     */
    public record Tensor(String name, int[] shape, float[] data) {}

    /** Every weight (not bias) of the classifier, in layer order. */
    public static List<Tensor> of(Classifier net) {
        List<Tensor> out = new ArrayList<>();
        for (Pair<String, Parameter> p : net.model().getBlock().getParameters()) {
            if (p.getValue().getType() != Parameter.Type.WEIGHT || !p.getValue().isInitialized()) {
                continue;
            }
            NDArray a = p.getValue().getArray();
            long[] s = a.getShape().getShape();
            int[] shape = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                shape[i] = Math.toIntExact(s[i]);
            }
            out.add(new Tensor(p.getKey(), shape, a.toFloatArray()));
        }
        return out;
    }
}
