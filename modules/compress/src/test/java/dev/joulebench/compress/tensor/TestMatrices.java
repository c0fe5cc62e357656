package dev.joulebench.compress.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded test matrices. */
final class TestMatrices {
    private TestMatrices() {
    }

    static DenseMatrix gaussian(int rows, int cols, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Linalg.gaussian(rnd);
        }
        return new DenseMatrix(rows, cols, v);
    }

    /** {@code G1 · G2 / √inner}: a product of Gaussians, whose singular values decay (unlike a single Gaussian's). */
    static DenseMatrix decaying(int rows, int cols, long seed) {
        int inner = Math.max(rows, cols);
        DenseMatrix a = gaussian(rows, inner, seed);
        DenseMatrix b = gaussian(inner, cols, seed + 1);
        float[] w = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < inner; k++) {
                float aik = a.values()[i * inner + k];
                for (int j = 0; j < cols; j++) {
                    w[i * cols + j] += aik * b.values()[k * cols + j];
                }
            }
        }
        float s = (float) (1 / Math.sqrt(inner));
        for (int i = 0; i < w.length; i++) {
            w[i] *= s;
        }
        return new DenseMatrix(rows, cols, w);
    }

    /** An MPO with random Gaussian cores and every internal bond equal to {@code bond}. */
    static Mpo randomMpo(MpoShape shape, int bond, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<MpoCore> cores = new ArrayList<>();
        for (int k = 0; k < shape.sites(); k++) {
            int left = k == 0 ? 1 : bond;
            int right = k == shape.sites() - 1 ? 1 : bond;
            float[] v = new float[left * shape.rowFactor(k) * shape.colFactor(k) * right];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) Linalg.gaussian(rnd);
            }
            cores.add(new MpoCore(left, shape.rowFactor(k), shape.colFactor(k), right, v));
        }
        return new Mpo(shape, cores);
    }
}
