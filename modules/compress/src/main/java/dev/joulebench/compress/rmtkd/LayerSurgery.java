package dev.joulebench.compress.rmtkd;

import java.util.ArrayList;
import java.util.List;

/**
 * Narrows one hidden layer of an MLP to the {@code k} directions of a projection {@code P} ({@code k x d},
 * orthonormal rows): with {@code h = relu(z)}, {@code z = W_i x + b_i} the layer's {@code d} outputs,
 * <pre>
 *   W_i' = P W_i        (k x in)      b_i' = P b_i
 *   W_{i+1}' = W_{i+1} P^T  (out x k)   b_{i+1}' = b_{i+1} + W_{i+1} (I - P^T P) mu   (mu: centred cuts only)
 * </pre>
 * so the narrowed network computes {@code W_{i+1} P^T relu(P z) + b_{i+1}'} where the original computed
 * {@code W_{i+1} relu(z) + b_{i+1}}.
 *
 * <p><b>Exact</b>: without the ReLU (a linear network), when the layer's outputs lie in the kept subspace,
 * {@code P^T P z = z} (centred: when {@code z - mu} lies in it, the mean term restoring the component of
 * {@code mu} outside it), so every output is unchanged; also with the ReLU when {@code P} selects coordinates
 * (rows of the identity) and the dropped units are zero, since a coordinate selection commutes with the ReLU.
 * <b>Approximate</b>: in general {@code P relu(z) != relu(P z)}: the ReLU acts on the rotated coordinates
 * {@code P z} rather than on the units, and the variance outside the kept subspace (the noise bulk) is
 * dropped. How far apart the two are depends on the basis {@code P} gives the subspace: small for the basis
 * closest to the units ({@link UnitAlignedBasis}, the default), large for raw eigenvectors. Self-distillation
 * after the cut recovers what is left ({@link Distillation}).
 */
public final class LayerSurgery {
    private LayerSurgery() {}

    /**
     * The network with hidden layer {@code hidden} (0-based: the output of fc{@code hidden+1}) narrowed to
     * the rows of {@code projection}.
     *
     * @param projection row-major {@code k x d}, {@code d} the layer's width, orthonormal rows
     * @param mean       the layer's mean output to fold into the next bias (centred cuts), or null
     */
    public static MlpWeights narrow(MlpWeights net, int hidden, float[] projection, int k, double[] mean) {
        if (hidden < 0 || hidden >= net.layers().size() - 1) {
            throw new IllegalArgumentException("hidden layer " + hidden + " is not between 0 and "
                    + (net.layers().size() - 2) + " (the output layer cannot be narrowed)");
        }
        MlpWeights.Dense layer = net.layers().get(hidden);
        MlpWeights.Dense next = net.layers().get(hidden + 1);
        int d = layer.outputs();
        if (k < 1 || (long) k * d != projection.length) {
            throw new IllegalArgumentException("a projection to " + k + " of " + d + " directions needs " + (long) k * d
                    + " values, got " + projection.length);
        }
        if (mean != null && mean.length != d) {
            throw new IllegalArgumentException("the mean has " + mean.length + " values for " + d + " units");
        }
        int in = layer.inputs();
        int out = next.outputs();
        // W_i' = P W_i, b_i' = P b_i (accumulated in double)
        float[] w = new float[k * in];
        float[] b = new float[k];
        double[] row = new double[in];
        for (int r = 0; r < k; r++) {
            java.util.Arrays.fill(row, 0);
            double bias = 0;
            for (int j = 0; j < d; j++) {
                double pj = projection[r * d + j];
                if (pj == 0) {
                    continue;
                }
                int base = j * in;
                for (int c = 0; c < in; c++) {
                    row[c] += pj * layer.weight()[base + c];
                }
                bias += pj * layer.bias()[j];
            }
            for (int c = 0; c < in; c++) {
                w[r * in + c] = (float) row[c];
            }
            b[r] = (float) bias;
        }
        // W_{i+1}' = W_{i+1} P^T; b_{i+1}' = b_{i+1} + W_{i+1} (mu - P^T P mu)
        double[] residualMean = null;
        if (mean != null) {
            residualMean = mean.clone();
            for (int r = 0; r < k; r++) {
                double coefficient = 0;
                for (int j = 0; j < d; j++) {
                    coefficient += projection[r * d + j] * mean[j];
                }
                for (int j = 0; j < d; j++) {
                    residualMean[j] -= coefficient * projection[r * d + j];
                }
            }
        }
        float[] w2 = new float[out * k];
        float[] b2 = new float[out];
        for (int o = 0; o < out; o++) {
            int base = o * d;
            for (int r = 0; r < k; r++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += (double) next.weight()[base + j] * projection[r * d + j];
                }
                w2[o * k + r] = (float) s;
            }
            double bias = next.bias()[o];
            if (residualMean != null) {
                for (int j = 0; j < d; j++) {
                    bias += next.weight()[base + j] * residualMean[j];
                }
            }
            b2[o] = (float) bias;
        }
        List<MlpWeights.Dense> layers = new ArrayList<>(net.layers());
        layers.set(hidden, new MlpWeights.Dense(in, k, w, b));
        layers.set(hidden + 1, new MlpWeights.Dense(k, out, w2, b2));
        return new MlpWeights(layers);
    }

    /**
     * Parameters after narrowing hidden layer {@code hidden} from {@code d} to {@code k} units, in closed form:
     * the layer loses {@code (d - k)(in + 1)} (weights and biases), the next one {@code (d - k) out} weights.
     */
    public static long narrowedParameterCount(MlpWeights net, int hidden, int k) {
        MlpWeights.Dense layer = net.layers().get(hidden);
        int cut = layer.outputs() - k;
        return net.parameterCount() - (long) cut * (layer.inputs() + 1) - (long) cut * net.layers().get(hidden + 1).outputs();
    }
}
