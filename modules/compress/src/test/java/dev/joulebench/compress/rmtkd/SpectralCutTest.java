package dev.joulebench.compress.rmtkd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The cut keeps exactly the planted directions, across aspect ratios, with and without the Tracy-Widom margin. */
class SpectralCutTest {

    static final int D = 200;
    static final int R = 6;
    static final double SIGMA2 = 0.8;

    /**
     * d = 200 features, r = 6 planted directions of variance {@code sigma2 (3 + j/2)(1 + sqrt q)}: each above the
     * BBP threshold {@code sqrt(q) sigma2}, so each gives an eigenvalue outside the bulk; q from 0.1 to 2 (more
     * features than samples: the companion law). Centred, so q = d / (n - 1).
     */
    static PlantedSignal planted(int n, long seed) {
        double q = (double) D / (n - 1);
        double[] theta = new double[R];
        for (int j = 0; j < R; j++) {
            theta[j] = SIGMA2 * (3 + 0.5 * j) * (1 + Math.sqrt(q));
        }
        return PlantedSignal.of(seed, n, D, SIGMA2, theta, 2.0);
    }

    /** With the Tracy-Widom margin the largest noise eigenvalue stays below the threshold: exactly r, every seed. */
    @ParameterizedTest(name = "n={0} (q={1}) seed={2}")
    @CsvSource({
        "2001, 0.1, 1", "2001, 0.1, 2", "2001, 0.1, 3", "801, 0.25, 4", "801, 0.25, 5", "801, 0.25, 6",
        "401, 0.5, 7", "401, 0.5, 8", "401, 0.5, 9", "201, 1.0, 10", "201, 1.0, 11", "201, 1.0, 12",
        "101, 2.0, 13", "101, 2.0, 14", "101, 2.0, 15"})
    void keepsExactlyThePlantedRankAcrossAspectRatios(int n, double q, long seed) {
        PlantedSignal s = planted(n, seed);
        SpectralCut cut = SpectralCut.of("fc1", ActivationCovariance.of(s.activations, n, D, true),
                new CutSettings(0.5, true, true, false));
        assertThat(cut.ratio()).isCloseTo(q, within(1e-9));
        assertThat(cut.kept()).as("kept of %d planted; eigenvalues %s..., threshold %f", R,
                java.util.Arrays.toString(java.util.Arrays.copyOf(cut.eigenvalues(), R + 2)), cut.threshold()).isEqualTo(R);
        // sigma2 within 6%, 10% at q = 2 where only the 100 non-zero eigenvalues are fitted
        assertThat(cut.fit().sigma2()).isCloseTo(SIGMA2, within((q > 1 ? 0.10 : 0.06) * SIGMA2));
        // the kept directions span the planted subspace: ||P U^T||_F^2 = r when they coincide
        double overlap = 0;
        for (int a = 0; a < R; a++) {
            for (int b = 0; b < R; b++) {
                double dot = 0;
                for (int f = 0; f < D; f++) {
                    dot += cut.projection()[a * D + f] * s.directions[b * D + f];
                }
                overlap += dot * dot;
            }
        }
        assertThat(overlap / R).as("mean squared cosine with the planted subspace").isGreaterThan(q <= 0.5 ? 0.85 : 0.6);
        // P has orthonormal rows
        for (int a = 0; a < R; a++) {
            for (int b = 0; b < R; b++) {
                double dot = 0;
                for (int f = 0; f < D; f++) {
                    dot += (double) cut.projection()[a * D + f] * cut.projection()[b * D + f];
                }
                assertThat(dot).isCloseTo(a == b ? 1 : 0, within(1e-5));
            }
        }
    }

    /**
     * Without the margin the threshold is {@code lambda+} itself, which the largest noise eigenvalue crosses
     * by its Tracy-Widom fluctuation: every planted direction is kept, and at most a couple of noise ones with
     * them. Over 20 seeds per ratio (measured: none at q <= 0.25, 10-17% of seeds one or two extra at q >= 0.5).
     */
    @ParameterizedTest(name = "n={0}")
    @CsvSource({"2001", "801", "401", "201", "101"})
    void withoutTheMarginEveryPlantedDirectionIsKeptAndAtMostTwoNoiseOnes(int n) {
        int exact = 0;
        for (long seed = 100; seed < 120; seed++) {
            PlantedSignal s = planted(n, seed);
            int k = SpectralCut.of("fc1", ActivationCovariance.of(s.activations, n, D, true),
                    new CutSettings(0.5, true, false, false)).kept();
            assertThat(k).as("seed %d", seed).isBetween(R, R + 2);
            exact += k == R ? 1 : 0;
        }
        assertThat(exact).isGreaterThanOrEqualTo(14);
    }

    @Test
    void aNarrowestWidthKeepsTheNextDirectionsByEigenvalueAndLeavesTheSpectralCountAsItWas() {
        PlantedSignal s = planted(801, 31);
        ActivationCovariance cov = ActivationCovariance.of(s.activations, 801, D, true);
        SpectralCut spectral = SpectralCut.of("fc1", cov, new CutSettings(0.5, true, true, false));
        SpectralCut wider = SpectralCut.of("fc1", cov, new CutSettings(0.5, true, true, false), 10);
        assertThat(wider.kept()).isEqualTo(R).isEqualTo(spectral.kept());
        assertThat(wider.width()).isEqualTo(10);
        assertThat(wider.projection()).hasSize(10 * D).startsWith(spectral.projection());
        assertThat(SpectralCut.of("fc1", cov, new CutSettings(0.5, true, true, false), 3).width()).isEqualTo(R);
        assertThat(SpectralCut.of("fc1", cov, new CutSettings(0.5, true, true, false), 500).width()).isEqualTo(D);
    }

    @Test
    void pureNoiseKeepsNothingAndDeadUnitsAreLeftOutOfTheRatio() {
        int n = 1000;
        int d = 100;
        PlantedSignal s = PlantedSignal.of(21, n, d, 1.0, new double[0], 0.0);
        float[] x = s.activations.clone();
        for (int i = 0; i < n; i++) { // units 0..19 never fire
            for (int f = 0; f < 20; f++) {
                x[i * d + f] = 0f;
            }
        }
        ActivationCovariance cov = ActivationCovariance.of(x, n, d, true);
        assertThat(cov.deadFeatures()).hasSize(20).startsWith(0, 1, 2);
        SpectralCut cut = SpectralCut.of("fc2", cov, new CutSettings(0.5, true, true, false));
        assertThat(cut.liveFeatures()).isEqualTo(80);
        assertThat(cut.ratio()).isCloseTo(80.0 / 999, within(1e-12));
        assertThat(cut.kept()).isZero();
        assertThat(cut.fit().sigma2()).isCloseTo(1.0, within(0.03));
    }

    @Test
    void aLayerThatBarelyFiresHasNoSpectrumToRead() {
        float[] x = new float[10 * 4];
        x[3] = 1f; // one unit fires once
        assertThatThrownBy(() -> SpectralCut.of("fc1", ActivationCovariance.of(x, 10, 4, true),
                new CutSettings(0.5, true, false, false))).hasMessageContaining("only 1 of its 4 units vary");
    }
}
