package dev.joulebench.compress.rmtkd;

import java.util.Random;

/** Seeded synthetic activations: a rank-r signal in random orthonormal directions plus Gaussian noise. */
final class PlantedSignal {
    final int samples;
    final int features;
    /** r x d, orthonormal rows: the planted directions. */
    final double[] directions;
    final float[] activations;

    private PlantedSignal(int samples, int features, double[] directions, float[] activations) {
        this.samples = samples;
        this.features = features;
        this.directions = directions;
        this.activations = activations;
    }

    /**
     * {@code x_i = offset + sum_j sqrt(theta_j) g_ij u_j + sigma e_i}, g and e standard normal, u_j random
     * orthonormal directions, {@code offset} a constant vector (what centring removes).
     */
    static PlantedSignal of(long seed, int samples, int features, double sigma2, double[] theta, double offset) {
        Random rnd = new Random(seed);
        int r = theta.length;
        double[] u = orthonormalRows(rnd, r, features);
        float[] x = new float[samples * features];
        double sigma = Math.sqrt(sigma2);
        double[] g = new double[r];
        for (int i = 0; i < samples; i++) {
            for (int j = 0; j < r; j++) {
                g[j] = Math.sqrt(theta[j]) * rnd.nextGaussian();
            }
            for (int f = 0; f < features; f++) {
                double v = offset + sigma * rnd.nextGaussian();
                for (int j = 0; j < r; j++) {
                    v += g[j] * u[j * features + f];
                }
                x[i * features + f] = (float) v;
            }
        }
        return new PlantedSignal(samples, features, u, x);
    }

    /** Gram-Schmidt on Gaussian vectors: r x d with orthonormal rows. */
    static double[] orthonormalRows(Random rnd, int r, int d) {
        double[] u = new double[r * d];
        for (int j = 0; j < r; j++) {
            for (int f = 0; f < d; f++) {
                u[j * d + f] = rnd.nextGaussian();
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < j; i++) {
                    double dot = 0;
                    for (int f = 0; f < d; f++) {
                        dot += u[j * d + f] * u[i * d + f];
                    }
                    for (int f = 0; f < d; f++) {
                        u[j * d + f] -= dot * u[i * d + f];
                    }
                }
            }
            double norm = 0;
            for (int f = 0; f < d; f++) {
                norm += u[j * d + f] * u[j * d + f];
            }
            norm = Math.sqrt(norm);
            for (int f = 0; f < d; f++) {
                u[j * d + f] /= norm;
            }
        }
        return u;
    }
}
