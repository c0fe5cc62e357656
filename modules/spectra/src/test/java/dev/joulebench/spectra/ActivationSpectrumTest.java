package dev.joulebench.spectra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ActivationSpectrumTest {

    @ParameterizedTest
    @CsvSource({"1000,256,51", "256,1000,52", "500,500,53"})
    void isotropicGaussianHasNoOutliersAndSmallKl(int samples, int features, long seed) {
        ActivationSpectrum a = ActivationSpectrum.analyze(Gaussian.matrix(seed, samples, features, 2.0), samples, features, 5);
        assertThat(a.eigenvalues()).hasSize(features);
        assertThat(a.topK()).hasSize(5);
        assertThat(a.topK()[0]).isGreaterThanOrEqualTo(a.topK()[1]);
        assertThat(a.outliers()).isZero();
        // top eigenvalue sits at the MP edge (within 5%, TW fluctuations are ~1%)
        assertThat(a.topK()[0]).isCloseTo(a.mpLambdaPlus(), within(0.05 * a.mpLambdaPlus()));
        // a rigid MP sample binned into ~16-22 bins: KL ~ bins/(2 r) from discreteness at most; 0.05 nats is generous
        assertThat(a.klFromMp()).isLessThan(0.05);
        assertThat(a.gapRatio()).isLessThan(0.1);
    }

    @ParameterizedTest
    @CsvSource({"1000,256,61", "256,1000,62"})
    void plantedDirectionIsOneOutlierWithALargeGap(int samples, int features, long seed) {
        Random rnd = new Random(seed);
        float[] x = Gaussian.matrix(seed + 100, samples, features, 1.0);
        double[] v = new double[features];
        double norm = 0;
        for (int f = 0; f < features; f++) {
            v[f] = rnd.nextGaussian();
            norm += v[f] * v[f];
        }
        norm = Math.sqrt(norm);
        for (int s = 0; s < samples; s++) {
            double z = 10 * rnd.nextGaussian(); // variance 100 along v, 1 elsewhere
            for (int f = 0; f < features; f++) {
                x[s * features + f] += (float) (z * v[f] / norm);
            }
        }
        ActivationSpectrum a = ActivationSpectrum.analyze(x, samples, features, 3);
        assertThat(a.outliers()).isEqualTo(1);
        assertThat(a.gapRatio()).isGreaterThan(0.8);
        assertThat(a.spectralGap()).isGreaterThan(50.0);
        assertThat(a.klFromMp()).isGreaterThan(0.01);
    }

    @Test
    void gramTrickMatchesTheFullCovariance() {
        int samples = 20;
        int features = 50;
        float[] x = Gaussian.matrix(3, samples, features, 1.0);
        ActivationSpectrum a = ActivationSpectrum.analyze(x, samples, features, 4);
        double[] mean = new double[features];
        for (int s = 0; s < samples; s++) {
            for (int f = 0; f < features; f++) {
                mean[f] += x[s * features + f] / (double) samples;
            }
        }
        DMatrixRMaj c = new DMatrixRMaj(features, features);
        for (int s = 0; s < samples; s++) {
            for (int f = 0; f < features; f++) {
                for (int g = 0; g < features; g++) {
                    c.add(f, g, (x[s * features + f] - mean[f]) * (x[s * features + g] - mean[g]) / (samples - 1));
                }
            }
        }
        double[] direct = Gram.symmetricEigenvalues("direct", c);
        assertThat(a.eigenvalues()).containsExactly(direct, within(1e-9));
        assertThat(Arrays.stream(a.eigenvalues()).filter(e -> e > 1e-9).count()).isEqualTo(samples - 1);
    }

    @Test
    void constantActivationsAreRejected() {
        float[] x = new float[10 * 4];
        Arrays.fill(x, 3f);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ActivationSpectrum.analyze("relu3", x, 10, 4, 2))
                .isInstanceOf(SpectrumException.class).hasMessageContaining("relu3");
    }
}
