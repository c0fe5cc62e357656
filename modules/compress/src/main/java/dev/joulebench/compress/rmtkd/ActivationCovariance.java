package dev.joulebench.compress.rmtkd;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * The feature covariance {@code Sigma = X^T X / m} of a layer's activations {@code X} ({@code samples x
 * features}), the matrix whose spectrum RMT-KD reads. Centred: {@code X} has each feature's mean removed and
 * {@code m = samples - 1} (centring spends one degree of freedom, so pure noise gives Marchenko-Pastur with
 * ratio {@code features / (samples - 1)}); uncentred: the raw second moment, {@code m = samples}.
 *
 * <p>Dead features carry nothing: a ReLU unit that never fires on the calibration set (all zeros), or, when
 * centred, any feature that is constant over it. They are the covariance's exact null directions and are
 * left out of the noise model's ratio ({@link #liveFeatures()}).
 *
 * @param samples          rows of {@code X}
 * @param features         columns of {@code X}
 * @param degreesOfFreedom {@code m}
 * @param centred          whether the means were removed
 * @param mean             each feature's mean over the samples (computed either way)
 * @param covariance       row-major {@code features x features}, symmetric
 * @param deadFeatures     indices of the dead features, ascending
 */
public record ActivationCovariance(int samples, int features, int degreesOfFreedom, boolean centred, double[] mean,
                                   double[] covariance, int[] deadFeatures) {
    /** Above this many multiply-adds the product uses EJML's multi-threaded kernel. */
    private static final long MT_THRESHOLD = 50_000_000L;

    /**
     * The covariance of row-major activations.
     *
     * @throws IllegalArgumentException for fewer than 3 samples or 2 features, a wrong length or non-finite values
     */
    public static ActivationCovariance of(float[] activations, int samples, int features, boolean centre) {
        if (samples < 3 || features < 2) {
            throw new IllegalArgumentException("a covariance needs at least 3 samples and 2 features, got " + samples
                    + " x " + features);
        }
        if ((long) samples * features != activations.length) {
            throw new IllegalArgumentException(activations.length + " values do not fill " + samples + " x " + features);
        }
        double[] mean = new double[features];
        boolean[] nonZero = new boolean[features];
        for (int s = 0; s < samples; s++) {
            int base = s * features;
            for (int f = 0; f < features; f++) {
                float v = activations[base + f];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("activation [" + s + "," + f + "] is " + v);
                }
                mean[f] += v;
                nonZero[f] |= v != 0f;
            }
        }
        for (int f = 0; f < features; f++) {
            mean[f] /= samples;
        }
        DMatrixRMaj x = new DMatrixRMaj(samples, features);
        double[] d = x.data;
        for (int s = 0; s < samples; s++) {
            int base = s * features;
            for (int f = 0; f < features; f++) {
                d[base + f] = centre ? activations[base + f] - mean[f] : activations[base + f];
            }
        }
        DMatrixRMaj gram = new DMatrixRMaj(features, features);
        if ((long) samples * features * features > MT_THRESHOLD) {
            CommonOps_MT_DDRM.multTransA(x, x, gram);
        } else {
            CommonOps_DDRM.multTransA(x, x, gram);
        }
        int dof = centre ? samples - 1 : samples;
        CommonOps_DDRM.scale(1.0 / dof, gram);
        double[] cov = gram.data;
        // exact symmetry (the blocked product may round the two triangles differently)
        for (int i = 0; i < features; i++) {
            for (int j = i + 1; j < features; j++) {
                double v = 0.5 * (cov[i * features + j] + cov[j * features + i]);
                cov[i * features + j] = v;
                cov[j * features + i] = v;
            }
        }
        int dead = 0;
        int[] deadIndex = new int[features];
        for (int f = 0; f < features; f++) {
            if (centre ? cov[f * features + f] == 0 : !nonZero[f]) {
                deadIndex[dead++] = f;
            }
        }
        return new ActivationCovariance(samples, features, dof, centre, mean, cov, java.util.Arrays.copyOf(deadIndex, dead));
    }

    /** Features that vary over the samples: the dimension of the noise model. */
    public int liveFeatures() {
        return features - deadFeatures.length;
    }
}
