package dev.joulebench.spectra;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * Empirical spectral density of one weight matrix. The matrix is oriented so that it is
 * {@code N x M} with {@code N >= M} (transposed if needed, as WeightWatcher does), and the
 * eigenvalues are those of the {@code M x M} matrix {@code W^T W / N}. With this normalisation an
 * i.i.d. matrix with element variance {@code s^2} has a Marchenko-Pastur ESD with variance
 * {@code s^2} and ratio {@code M/N}, independent of size. WeightWatcher works with the unnormalised
 * squared singular values {@code sigma_i^2 = N lambda_i}, given in {@link #sigmaSquared()} so numbers
 * can be compared with it.
 *
 * @param eigenvalues  eigenvalues of {@code W^T W / N}, ascending, length {@code M} (or a multiple of
 *                     it for the pooled ESD of conv slices)
 * @param n            rows after orientation ({@code N >= M})
 * @param m            columns after orientation
 * @param sigmaSquared WeightWatcher's scale {@code N * lambda_i}, ascending
 */
public record Esd(double[] eigenvalues, int n, int m, double[] sigmaSquared) {

    /** ESD of a dense (2-D) weight; conv kernels go through {@link ConvKernels}. */
    public static Esd of(WeightMatrix dense) {
        if (dense.shape().length != 2) {
            throw new SpectrumException("layer '" + dense.name() + "': Esd.of expects a 2-D weight, got shape "
                    + Arrays.toString(dense.shape()) + " (use ConvKernels for conv kernels)");
        }
        return of(dense.name(), dense.data(), dense.shape()[0], dense.shape()[1]);
    }

    /** ESD of an unnamed row-major matrix; errors call it "matrix". */
    public static Esd of(float[] rowMajor, int rows, int cols) {
        return of("matrix", rowMajor, rows, cols);
    }

    /** ESD of a row-major {@code rows x cols} matrix; {@code layer} names it in error messages. */
    public static Esd of(String layer, float[] rowMajor, int rows, int cols) {
        Gram.validate(layer, rowMajor, rows, cols);
        boolean transpose = rows < cols;
        int n = Math.max(rows, cols);
        int m = Math.min(rows, cols);
        DMatrixRMaj a = new DMatrixRMaj(n, m);
        double[] d = a.data;
        if (!transpose) {
            for (int i = 0; i < d.length; i++) {
                d[i] = rowMajor[i];
            }
        } else {
            for (int r = 0; r < rows; r++) {
                int base = r * cols;
                for (int c = 0; c < cols; c++) {
                    d[c * m + r] = rowMajor[base + c];
                }
            }
        }
        double[] raw = Gram.symmetricEigenvalues(layer, Gram.inner(a));
        return fromUnnormalised(raw, n, m);
    }

    /** Builds the record from ascending eigenvalues of {@code W^T W} (WeightWatcher's scale). */
    static Esd fromUnnormalised(double[] sigmaSquared, int n, int m) {
        double[] lambda = new double[sigmaSquared.length];
        for (int i = 0; i < lambda.length; i++) {
            lambda[i] = sigmaSquared[i] / n;
        }
        return new Esd(lambda, n, m, sigmaSquared);
    }

    /** Largest eigenvalue of {@code W^T W / N}. */
    public double lambdaMax() {
        return eigenvalues[eigenvalues.length - 1];
    }
}
