package dev.joulebench.spectra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarchenkoPasturTest {
    private static final double SIGMA2 = 0.7;

    /** Midpoint rule in t with x = l- + (l+ - l-)(1 - cos t)/2, which removes the edge and c = 1 singularities. */
    private static double integrate(double ratio, int power, double upTo) {
        double lo = MarchenkoPastur.lambdaMinus(SIGMA2, ratio);
        double hi = MarchenkoPastur.lambdaPlus(SIGMA2, ratio);
        double tMax = Math.acos(1 - 2 * (Math.min(upTo, hi) - lo) / (hi - lo));
        int steps = 200_000;
        double h = tMax / steps;
        double sum = 0;
        for (int i = 0; i < steps; i++) {
            double t = (i + 0.5) * h;
            double x = lo + (hi - lo) * (1 - Math.cos(t)) / 2;
            double dx = (hi - lo) / 2 * Math.sin(t);
            sum += Math.pow(x, power) * MarchenkoPastur.density(x, SIGMA2, ratio) * dx * h;
        }
        return sum;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.25, 0.5, 0.9, 1.0})
    void densityIntegratesToOneAndHasMeanSigma2(double ratio) {
        // quadrature of a smooth integrand with 2e5 points: error far below 1e-6
        assertThat(integrate(ratio, 0, Double.POSITIVE_INFINITY)).isCloseTo(1.0, within(1e-6));
        // the MP mean is sigma2 (closed form), second moment sigma2^2 (1 + c)
        assertThat(integrate(ratio, 1, Double.POSITIVE_INFINITY)).isCloseTo(SIGMA2, within(1e-6));
        assertThat(integrate(ratio, 2, Double.POSITIVE_INFINITY)).isCloseTo(SIGMA2 * SIGMA2 * (1 + ratio), within(1e-6));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.25, 0.5, 0.9, 1.0})
    void closedFormCdfMatchesIntegratedDensity(double ratio) {
        double lo = MarchenkoPastur.lambdaMinus(SIGMA2, ratio);
        double hi = MarchenkoPastur.lambdaPlus(SIGMA2, ratio);
        assertThat(MarchenkoPastur.cdf(hi, SIGMA2, ratio)).isEqualTo(1.0);
        assertThat(MarchenkoPastur.cdf(lo, SIGMA2, ratio)).isEqualTo(0.0);
        for (double f : new double[] {0.01, 0.2, 0.5, 0.8, 0.999}) {
            double x = lo + f * (hi - lo);
            assertThat(MarchenkoPastur.cdf(x, SIGMA2, ratio)).isCloseTo(integrate(ratio, 0, x), within(1e-6));
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.25, 1.0})
    void edgesAreTheTextbookOnes(double ratio) {
        assertThat(MarchenkoPastur.lambdaPlus(1.0, ratio)).isCloseTo(Math.pow(1 + Math.sqrt(ratio), 2), within(1e-15));
        assertThat(MarchenkoPastur.lambdaMinus(1.0, ratio)).isCloseTo(Math.pow(1 - Math.sqrt(ratio), 2), within(1e-15));
    }
}
