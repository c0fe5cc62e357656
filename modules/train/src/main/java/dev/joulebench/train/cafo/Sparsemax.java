package dev.joulebench.train.cafo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Sparsemax and the sparsemax loss (Martins &amp; Astudillo, 2016, "From Softmax to Sparsemax"), on DJL
 * arrays of scores {@code z} (N × K, float32), row by row.
 *
 * <p>{@code sparsemax(z) = max(z − τ(z), 0)}: sort {@code z} descending, {@code k(z) = max{k : 1 + k z_(k) >
 * Σ_{j≤k} z_(j)}}, {@code τ = (Σ_{j≤k(z)} z_(j) − 1) / k(z)}. Loss {@code L(z, y) = −z_y + ½ Σ_{j∈S(z)}
 * (z_j² − τ²) + ½} with support {@code S(z) = {j : z_j > τ}}; its gradient is {@code sparsemax(z) − onehot(y)}.
 */
final class Sparsemax {
    private Sparsemax() {}

    /** The projection {@code p} and the threshold {@code τ} (N × 1). */
    record Result(NDArray p, NDArray tau) {}

    static Result project(NDArray z) {
        int k = (int) z.getShape().get(1);
        NDArray sorted = z.neg().sort(1).neg();
        NDArray cumulative = sorted.cumSum(1);
        NDArray ks = z.getManager().arange(1, k + 1).toType(DataType.FLOAT32, false).reshape(1, k);
        NDArray support = sorted.mul(ks).add(1f).gt(cumulative);
        NDArray kz = support.toType(DataType.FLOAT32, false).sum(new int[] {1}, true);
        NDArray atK = cumulative.gather(kz.sub(1f).toType(DataType.INT64, false), 1);
        NDArray tau = atK.sub(1f).div(kz);
        return new Result(z.sub(tau).maximum(0f), tau);
    }

    /** The sparsemax loss of every row (N), labels int64 (N). */
    static NDArray loss(NDArray z, NDArray labels) {
        Result r = project(z);
        NDArray zy = z.gather(labels.reshape(-1, 1), 1).reshape(-1);
        NDArray inSupport = z.gt(r.tau()).toType(DataType.FLOAT32, false);
        NDArray quad = z.square().sub(r.tau().square()).mul(inSupport).sum(new int[] {1});
        return quad.mul(0.5f).add(0.5f).sub(zy);
    }

    /** The loss gradient with respect to {@code z}: {@code sparsemax(z) − onehot(y)} (N × K). */
    static NDArray gradient(NDArray z, NDArray labels) {
        int k = (int) z.getShape().get(1);
        return project(z).p().sub(labels.oneHot(k, DataType.FLOAT32));
    }
}
