package dev.joulebench.compress.tensor;

/**
 * Result of a TT-SVD.
 *
 * @param mpo               the decomposition
 * @param relativeError     {@code ‖W − Ŵ‖_F / ‖W‖_F}, computed exactly: TT-SVD's left factors are orthonormal, so
 *                          the steps' discarded parts are mutually orthogonal and the squared error is the sum of
 *                          the exactly computed per-step discards (the cores' float rounding, ~1e-7, aside)
 * @param errorBound        the guaranteed bound: ε when a relative error was requested and the bond cap did not
 *                          prevent meeting it at any step, otherwise {@code relativeError} itself
 * @param discardedPerStep  per step k (d−1 entries), {@code ‖discarded part‖_F / ‖W‖_F}; their squares sum to
 *                          {@code relativeError²}
 */
public record MpoDecomposition(Mpo mpo, double relativeError, double errorBound, double[] discardedPerStep) {
}
