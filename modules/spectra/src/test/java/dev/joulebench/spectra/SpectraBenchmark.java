package dev.joulebench.spectra;

import java.util.Arrays;

/**
 * Times {@link Esd#of} (Gram product + symmetric eigenvalues) on Gaussian matrices, for comparison
 * with {@code bench/spectra_numpy.py}: 2 warm-up runs, then the median of 5. After
 * {@code mvn -o -pl modules/spectra test-compile}, run it with {@code java -cp} over
 * {@code modules/spectra/target/classes}, {@code target/test-classes}, joulebench-core and the EJML jars.
 */
public final class SpectraBenchmark {
    private SpectraBenchmark() {
    }

    public static void main(String[] args) {
        int[][] sizes = {{1024, 1024}, {4096, 1024}};
        for (int[] s : sizes) {
            float[] w = Gaussian.matrix(42, s[0], s[1], 1.0);
            for (int i = 0; i < 2; i++) {
                Esd.of(w, s[0], s[1]);
            }
            double[] t = new double[5];
            double check = 0;
            for (int i = 0; i < t.length; i++) {
                long t0 = System.nanoTime();
                Esd esd = Esd.of(w, s[0], s[1]);
                t[i] = (System.nanoTime() - t0) / 1e9;
                check = esd.lambdaMax();
            }
            Arrays.sort(t);
            System.out.printf("java ESD %dx%d: median %.3f s (min %.3f, max %.3f), lambda_max %.4f%n",
                    s[0], s[1], t[2], t[0], t[4], check);
        }
    }
}
