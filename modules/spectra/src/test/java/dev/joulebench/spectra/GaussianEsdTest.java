package dev.joulebench.spectra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GaussianEsdTest {

    @ParameterizedTest
    @CsvSource({"1000,1000,1", "2000,500,2", "1024,256,3", "256,1024,4"})
    void pureNoiseFollowsMarchenkoPastur(int rows, int cols, long seed) {
        double sigma = 0.5;
        double s2 = sigma * sigma;
        LayerSpectrum ls = WeightSpectra.analyze(new WeightMatrix("noise", new int[] {rows, cols},
                Gaussian.matrix(seed, rows, cols, sigma)));
        int n = Math.max(rows, cols);
        int m = Math.min(rows, cols);
        double c = (double) m / n;
        MpFit mp = ls.mp();
        assertThat(ls.n()).isEqualTo(n);
        assertThat(ls.m()).isEqualTo(m);
        // sigma2 is a mean over N*M squared entries: relative sd ~ sqrt(2/(NM)) < 0.3%; allow 2%
        assertThat(mp.sigma2()).isCloseTo(s2, within(0.02 * s2));
        assertThat(mp.ratio()).isEqualTo(c);
        assertThat(mp.lambdaPlus()).isCloseTo(MarchenkoPastur.lambdaPlus(s2, c), within(0.02 * s2 * 4));
        // the largest eigenvalue sits within the Tracy-Widom margin of lambda+
        double lambdaMax = ls.esd().lambdaMax();
        assertThat(Math.abs(lambdaMax - mp.lambdaPlus())).isLessThanOrEqualTo(mp.margin());
        // the smallest sits near lambda- (same order of fluctuation, relative to lambda+)
        double lambdaMin = ls.esd().eigenvalues()[0];
        assertThat(Math.abs(lambdaMin - mp.lambdaMinus())).isLessThanOrEqualTo(mp.margin());
        assertThat(mp.spikes()).isZero();
        assertThat(ls.spikes()).isZero();
        // eigenvalues are rigid: the KS distance of an MP sample of size M is O(log M / M); 0.03 is generous
        assertThat(mp.ks()).isLessThan(0.03);
        // WeightWatcher scale is N * lambda
        assertThat(ls.esd().sigmaSquared()[m - 1]).isCloseTo(n * lambdaMax, within(1e-9 * n * lambdaMax));
        // plot records: histogram and MP curve are densities integrating to ~1
        assertThat(integral(ls.histogram().edges(), ls.histogram().density())).isCloseTo(1.0, within(1e-9));
        Curve curve = ls.mpCurve();
        double dx = curve.x()[1] - curve.x()[0];
        double area = 0;
        for (double y : curve.y()) {
            area += y * dx;
        }
        // midpoint rule with 200 cells misses part of the square-root edges (and the 1/sqrt pole at c = 1)
        assertThat(area).isCloseTo(1.0, within(0.05));
    }

    private static double integral(double[] edges, double[] density) {
        double s = 0;
        for (int i = 0; i < density.length; i++) {
            s += density[i] * (edges[i + 1] - edges[i]);
        }
        return s;
    }

    /** Spiked covariance: rows ~ N(0, s2 (I + theta v v^T)); BBP: top eigenvalue -> s2 (1 + theta)(1 + c/theta) iff theta > sqrt c. */
    private static Esd spiked(long seed, int n, int m, double sigma, double theta) {
        Random rnd = new Random(seed);
        double[] v = new double[m];
        double norm = 0;
        for (int j = 0; j < m; j++) {
            v[j] = rnd.nextGaussian();
            norm += v[j] * v[j];
        }
        norm = Math.sqrt(norm);
        float[] w = new float[n * m];
        for (int i = 0; i < n; i++) {
            double z = rnd.nextGaussian() * Math.sqrt(theta);
            for (int j = 0; j < m; j++) {
                w[i * m + j] = (float) (sigma * (rnd.nextGaussian() + z * v[j] / norm));
            }
        }
        return Esd.of("spiked", w, n, m);
    }

    @ParameterizedTest
    @CsvSource({"2000,500,3.0,11", "2000,500,1.5,12", "1000,1000,4.0,13"})
    void plantedSpikeAboveThresholdIsFoundWhereBbpPredicts(int n, int m, double theta, long seed) {
        double sigma = 0.3;
        double s2 = sigma * sigma;
        double c = (double) m / n;
        Esd esd = spiked(seed, n, m, sigma, theta);
        MpFit mp = MarchenkoPastur.fit(esd.eigenvalues(), n, m);
        assertThat(mp.spikes()).isEqualTo(1);
        double predicted = s2 * (1 + theta) * (1 + c / theta);
        // the outlier fluctuates as a Gaussian with relative sd O(1/sqrt N) ~ 2-3%; allow 5%
        assertThat(mp.spikeValues()[0]).isCloseTo(predicted, within(0.05 * predicted));
        // the fit ignores the spike: sigma2 still within 2%
        assertThat(mp.sigma2()).isCloseTo(s2, within(0.02 * s2));
    }

    @ParameterizedTest
    @CsvSource({"2000,500,0.2,21", "1000,1000,0.5,22"})
    void plantedSpikeBelowThresholdStaysInTheBulk(int n, int m, double theta, long seed) {
        // theta < sqrt(c): the BBP transition says the top eigenvalue sticks to lambda+
        Esd esd = spiked(seed, n, m, 0.3, theta);
        MpFit mp = MarchenkoPastur.fit(esd.eigenvalues(), n, m);
        assertThat(mp.spikes()).isZero();
    }
}
