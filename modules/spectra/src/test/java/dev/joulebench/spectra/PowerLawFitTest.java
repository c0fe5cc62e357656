package dev.joulebench.spectra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PowerLawFitTest {

    /** Pareto samples with density ~ x^-alpha on [xmin, inf), by inverse CDF. */
    private static double[] pareto(Random rnd, int n, double alpha, double xmin) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xmin * Math.pow(1 - rnd.nextDouble(), -1 / (alpha - 1));
        }
        return x;
    }

    @ParameterizedTest
    @CsvSource({"2.5,0.1,31", "4.0,0.15,32"})
    void recoversExponentOfAPurePowerLaw(double alpha, double tolerance, long seed) {
        // MLE sd is (alpha - 1)/sqrt(n_tail); the KS scan may keep a tail of ~1000 of the 5000 points,
        // giving sd 0.05 (alpha 2.5) and 0.1 (alpha 4): tolerances 0.1 and 0.15
        PowerLawFit fit = PowerLawFit.fit(pareto(new Random(seed), 5000, alpha, 2.0));
        assertThat(fit.alpha()).isCloseTo(alpha, within(tolerance));
        assertThat(fit.xmin()).isGreaterThanOrEqualTo(2.0);
        assertThat(fit.tailCount()).isGreaterThanOrEqualTo(PowerLawFit.MIN_TAIL);
        // KS of a correct model on n_tail points: ~ 1/sqrt(n_tail)
        assertThat(fit.ks()).isLessThan(0.05);
    }

    @ParameterizedTest
    @CsvSource({"2.5,41", "3.5,42"})
    void xminLandsAtTheStartOfThePowerLawTail(double alpha, long seed) {
        Random rnd = new Random(seed);
        double threshold = 1.0;
        double[] tail = pareto(rnd, 2000, alpha, threshold);
        // 1000 uniform points: density 1000 below the threshold vs 2000 (alpha - 1) just above, a visible kink
        double[] all = new double[3000];
        System.arraycopy(tail, 0, all, 0, tail.length);
        for (int i = tail.length; i < all.length; i++) {
            all[i] = threshold * rnd.nextDouble(); // uniform, not a power law, below the threshold
        }
        PowerLawFit fit = PowerLawFit.fit(all);
        // KS finds the kink within sampling noise of the tail's start (its lowest 10% spans [1, 1.07] at alpha 2.5)
        assertThat(fit.xmin()).isBetween(0.95 * threshold, 1.25 * threshold);
        assertThat(fit.alpha()).isCloseTo(alpha, within(0.2));
    }

    @ParameterizedTest
    @CsvSource({"2.5", "4.0"})
    void exponentIsScaleFree(double alpha) {
        double[] x = pareto(new Random(7), 2000, alpha, 1.0);
        double[] scaled = x.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 1234.5;
        }
        assertThat(PowerLawFit.fit(scaled).alpha()).isCloseTo(PowerLawFit.fit(x).alpha(), within(1e-9));
    }

    @org.junit.jupiter.api.Test
    void tooFewPositiveValuesGiveNaN() {
        PowerLawFit fit = PowerLawFit.fit(new double[] {0, 0, 5});
        assertThat(fit.alpha()).isNaN();
        assertThat(fit.tailCount()).isEqualTo(1);
    }
}
