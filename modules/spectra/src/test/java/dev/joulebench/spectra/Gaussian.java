package dev.joulebench.spectra;

import java.util.Random;

/** Seeded test matrices. */
final class Gaussian {
    private Gaussian() {
    }

    /** rows x cols, entries N(0, sigma^2), row-major. */
    static float[] matrix(long seed, int rows, int cols, double sigma) {
        Random rnd = new Random(seed);
        float[] a = new float[rows * cols];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (sigma * rnd.nextGaussian());
        }
        return a;
    }
}
