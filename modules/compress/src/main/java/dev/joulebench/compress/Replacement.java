package dev.joulebench.compress;

import dev.joulebench.compress.tensor.DenseMatrix;
import dev.joulebench.compress.tensor.LowRankFactors;
import dev.joulebench.compress.tensor.Mpo;

/**
 * What a compressed dense layer becomes in the network. The bias of the layer always stays dense.
 * All weights follow the compress contract: rows = inputs, cols = outputs ({@code y = x·W}).
 */
public sealed interface Replacement {
    /** An {@link MpoLinear} with these cores (mpo; for mpo+int8 the cores are already int8-rounded). */
    record MpoCores(Mpo mpo) implements Replacement {}

    /** Two dense layers x·L·R: L without bias, R with the original bias (lowrank). */
    record Factors(LowRankFactors factors) implements Replacement {}

    /**
     * A dense layer with a modified weight (prune: zeros kept at zero while healing by {@code mask};
     * int8: the dequantised weight, re-quantised after healing).
     *
     * @param mask 1 where a weight is kept, 0 where pruned, row-major like {@code weight}; null for no mask
     */
    record Dense(DenseMatrix weight, float[] mask) implements Replacement {}
}
