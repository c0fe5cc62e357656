package dev.joulebench.spectra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The histogram least-squares MP fit against noise of known variance, with and without planted outliers. */
class MpBulkFitTest {

    /** Eigenvalues of X^T X / n for X = n x d Gaussian noise of variance sigma2 (seeded). */
    static double[] noiseSpectrum(long seed, int n, int d, double sigma2) {
        float[] x = Gaussian.matrix(seed, n, d, Math.sqrt(sigma2));
        DMatrixRMaj m = new DMatrixRMaj(n, d);
        for (int i = 0; i < x.length; i++) {
            m.data[i] = x[i];
        }
        DMatrixRMaj s = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multInner(m, s);
        CommonOps_DDRM.scale(1.0 / n, s);
        return SymmetricEigenbasis.ejml(s.data, d).values();
    }

    @ParameterizedTest(name = "n={0} d={1} sigma2={2} seed={3}")
    @CsvSource({"4000,400,2.5,1", "1600,400,0.3,2", "800,400,1.0,3", "500,400,7.0,4", "400,400,1.0,5",
        "300,600,1.7,6", "2000,200,0.05,7"})
    void recoversTheNoiseVarianceOfPureNoise(int n, int d, double sigma2, long seed) {
        double[] ev = noiseSpectrum(seed, n, d, sigma2);
        MpBulkFit fit = MpBulkFit.fit(ev, d, n, 0.5);
        System.out.printf("n=%d d=%d q=%.2f: sigma2 %.4f (start %.4f), error %.2f%%, w %.3f, rms %.4f%n", n, d,
                (double) d / n, fit.sigma2(), fit.sigma2Initial(), 100 * (fit.sigma2() / sigma2 - 1), fit.bulkWeight(),
                fit.residual());
        assertThat(fit.sigma2()).isCloseTo(sigma2, within(0.03 * sigma2));
        assertThat(fit.atSearchBound()).isFalse();
    }

    /** Noise of variance sigma2 plus r planted directions of variance theta_j (well above the BBP threshold). */
    static double[] spikedSpectrum(long seed, int n, int d, double sigma2, double[] theta) {
        float[] x = Gaussian.matrix(seed, n, d, Math.sqrt(sigma2));
        java.util.Random rnd = new java.util.Random(seed + 1000);
        DMatrixRMaj m = new DMatrixRMaj(n, d);
        for (int i = 0; i < x.length; i++) {
            m.data[i] = x[i];
        }
        for (int j = 0; j < theta.length; j++) { // direction j = feature axis j, signal N(0, theta_j) per sample
            for (int i = 0; i < n; i++) {
                m.data[i * d + j] += Math.sqrt(theta[j]) * rnd.nextGaussian();
            }
        }
        DMatrixRMaj s = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multInner(m, s);
        CommonOps_DDRM.scale(1.0 / n, s);
        return SymmetricEigenbasis.ejml(s.data, d).values();
    }

    /**
     * Tolerances: 3% with 10% of the directions planted. With 30% planted the bulk's own ratio is
     * {@code (d - r)/n}, narrower than the {@code q = d/n} the model assumes, which the fit reads as a smaller
     * {@code sigma2} (about 5% here): a lower {@code lambda+}, so a cut keeps more directions, not fewer. The
     * median start is pulled the other way, by more.
     */
    @ParameterizedTest(name = "{0} of 400 directions planted")
    @CsvSource({"40, 0.03", "120, 0.07"})
    void outliersDoNotPullTheBulkAndTheBulkShareCountsThem(int planted, double tolerance) {
        int n = 1600;
        int d = 400;
        double sigma2 = 1.3;
        double[] theta = new double[planted];
        for (int j = 0; j < theta.length; j++) {
            theta[j] = sigma2 * (4 + 0.1 * j);
        }
        MpBulkFit fit = MpBulkFit.fit(spikedSpectrum(11, n, d, sigma2, theta), d, n, 0.5);
        assertThat(fit.sigma2()).isCloseTo(sigma2, within(tolerance * sigma2));
        assertThat(fit.sigma2()).isLessThanOrEqualTo(sigma2 * 1.01);
        assertThat(Math.abs(fit.sigma2() - sigma2)).isLessThanOrEqualTo(Math.abs(fit.sigma2Initial() - sigma2) + 0.01);
        assertThat(fit.bulkWeight()).isCloseTo(1 - (double) planted / d, within(0.05));
    }

    @ParameterizedTest
    @CsvSource({"0.1", "0.5", "1.0", "2.0", "6.0"})
    void densityAndCdfDescribeOneLawOnItsEdgesForEveryRatio(double q) {
        double sigma2 = 0.7;
        double lo = MpBulkFit.edgeMinus(sigma2, q);
        double hi = MpBulkFit.edgePlus(sigma2, q);
        assertThat(MpBulkFit.cdf(lo, sigma2, q)).isEqualTo(0.0);
        assertThat(MpBulkFit.cdf(hi, sigma2, q)).isEqualTo(1.0);
        // the CDF's difference quotient is the density inside the support
        for (double t : new double[] {0.2, 0.5, 0.8}) {
            double x = lo + t * (hi - lo);
            double dx = 1e-6 * (hi - lo);
            double quotient = (MpBulkFit.cdf(x + dx, sigma2, q) - MpBulkFit.cdf(x - dx, sigma2, q)) / (2 * dx);
            assertThat(quotient).isCloseTo(MpBulkFit.density(x, sigma2, q), within(1e-5 * (1 + quotient)));
        }
        // the mean of the non-zero eigenvalues: sigma2 for q <= 1, q sigma2 for q > 1 (trace = d sigma2 over n of them)
        int steps = 200_000;
        double mean = 0;
        for (int i = 0; i < steps; i++) {
            double x = lo + (hi - lo) * (i + 0.5) / steps;
            mean += x * MpBulkFit.density(x, sigma2, q) * (hi - lo) / steps;
        }
        assertThat(mean).isCloseTo(sigma2 * Math.max(1, q), within(2e-3 * sigma2 * Math.max(1, q)));
    }

    @Test
    void badArgumentsAreRefusedSayingWhy() {
        double[] ev = {1, 2, 3, 4};
        assertThatThrownBy(() -> MpBulkFit.fit(ev, 4, 10, 1.0)).hasMessageContaining("quantile");
        assertThatThrownBy(() -> MpBulkFit.fit(ev, 8, 10, 0.5)).hasMessageContaining("8 to fit");
        assertThatThrownBy(() -> MpBulkFit.fit(new double[] {0, 0, 0, 1}, 4, 10, 0.5))
                .isInstanceOf(SpectrumException.class).hasMessageContaining("no noise bulk");
    }
}
