package dev.joulebench.compress;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import dev.joulebench.compress.tensor.DenseMatrix;
import dev.joulebench.nn.Classifier;
import java.util.ArrayList;
import java.util.List;

/** One dense layer of a network ({@code fc1}, {@code fc2}, ...): weight with rows = inputs, and its bias. */
public record DenseLayer(String name, DenseMatrix weight, float[] bias) {
    /** The dense layers of a loaded classifier in order, weights transposed to rows = inputs. */
    public static List<DenseLayer> of(Classifier net) {
        List<DenseLayer> out = new ArrayList<>();
        int dense = 0;
        for (Pair<String, Block> child : net.model().getBlock().getChildren()) {
            if (child.getValue() instanceof Linear linear) {
                NDArray w = linear.getParameters().get("weight").getArray();
                long[] shape = w.getShape().getShape(); // (out, in)
                DenseMatrix outIn = DenseMatrix.of((int) shape[0], (int) shape[1], w.toFloatArray());
                out.add(new DenseLayer("fc" + (++dense), outIn.transpose(),
                        linear.getParameters().get("bias").getArray().toFloatArray()));
            }
        }
        return out;
    }
}
