package dev.joulebench.spectra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.joulebench.core.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed cases; tolerances 1e-12 relative are double rounding only. */
class SmallCasesTest {

    @Test
    void diagonalMatrixHasSquaredEntriesAsSigmaSquared() {
        Esd esd = Esd.of(new float[] {3, 0, 0, 2}, 2, 2);
        assertThat(esd.sigmaSquared()).containsExactly(new double[] {4, 9}, within(1e-12));
        assertThat(esd.eigenvalues()).containsExactly(new double[] {2, 4.5}, within(1e-12)); // / N = 2
        assertThat(esd.n()).isEqualTo(2);
        assertThat(esd.m()).isEqualTo(2);
    }

    @Test
    void wideMatrixIsTransposedSoThatNIsAtLeastM() {
        // W = [[1,1,0],[1,-1,0]] has orthogonal rows of norm^2 2 -> singular values^2 {2, 2}
        Esd esd = Esd.of(new float[] {1, 1, 0, 1, -1, 0}, 2, 3);
        assertThat(esd.n()).isEqualTo(3);
        assertThat(esd.m()).isEqualTo(2);
        assertThat(esd.sigmaSquared()).containsExactly(new double[] {2, 2}, within(1e-12));
        assertThat(esd.eigenvalues()).containsExactly(new double[] {2.0 / 3, 2.0 / 3}, within(1e-12));
    }

    @Test
    void twoByTwoWithKnownSingularValues() {
        // [[2,1],[1,2]] is symmetric with eigenvalues 3 and 1 -> sigma^2 = 9 and 1
        Esd esd = Esd.of(new float[] {2, 1, 1, 2}, 2, 2);
        assertThat(esd.sigmaSquared()).containsExactly(new double[] {1, 9}, within(1e-12));
        LayerSpectrum ls = WeightSpectra.analyze("m", esd);
        assertThat(ls.logSpectralNorm()).isCloseTo(Math.log10(9), within(1e-12));
        assertThat(ls.stableRank()).isCloseTo(10.0 / 9, within(1e-12));
        double p1 = 0.1;
        double p2 = 0.9;
        assertThat(ls.spectralEntropy()).isCloseTo(-(p1 * Math.log(p1) + p2 * Math.log(p2)) / Math.log(2), within(1e-12));
        assertThat(ls.powerLaw().alpha()).isNaN(); // two eigenvalues: no tail to fit
        assertThat(ls.flag()).isNull();
    }

    @Test
    void rankOneHasStableRankOneAndZeroEntropy() {
        float[] w = new float[5 * 4];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 4; j++) {
                w[i * 4 + j] = (i + 1) * (j - 1.5f);
            }
        }
        LayerSpectrum ls = WeightSpectra.analyze(new WeightMatrix("r1", new int[] {5, 4}, w));
        assertThat(ls.stableRank()).isCloseTo(1.0, within(1e-9));
        assertThat(ls.spectralEntropy()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void equalEigenvaluesHaveEntropyOne() {
        float[] eye = new float[6 * 6];
        for (int i = 0; i < 6; i++) {
            eye[i * 6 + i] = 0.5f;
        }
        LayerSpectrum ls = WeightSpectra.analyze(new WeightMatrix("eye", new int[] {6, 6}, eye));
        assertThat(ls.spectralEntropy()).isCloseTo(1.0, within(1e-12));
        assertThat(ls.stableRank()).isCloseTo(6.0, within(1e-12));
        assertThat(ls.mp().sigma2()).isCloseTo(0.25 / 6, within(1e-12)); // lambda = 0.25/6 each, mean of them
    }

    @Test
    void derivedMetricsUseTheWeightWatcherScale() {
        LayerSpectrum ls = WeightSpectra.analyze(new WeightMatrix("g", new int[] {300, 200},
                Gaussian.matrix(5, 300, 200, 1.0)));
        double[] s2 = ls.esd().sigmaSquared();
        double alpha = ls.powerLaw().alpha();
        double max = s2[s2.length - 1];
        assertThat(ls.alphaHat()).isCloseTo(alpha * Math.log10(max), within(1e-9));
        double sum = 0;
        for (double v : s2) {
            sum += Math.pow(v, alpha);
        }
        assertThat(ls.logAlphaNorm()).isCloseTo(Math.log10(sum), within(1e-9));
        assertThat(ls.mpSoftRank()).isCloseTo(ls.mp().lambdaPlus() / ls.esd().lambdaMax(), within(1e-12));
        assertThat(ls.histogram().edges()).hasSize(WeightSpectra.HISTOGRAM_BINS + 1);
        assertThat(ls.histogram().edges()[WeightSpectra.HISTOGRAM_BINS]).isCloseTo(1.05 * ls.esd().lambdaMax(), within(1e-12));
        String expected = alpha < 2 ? LayerSpectrum.OVER_TRAINED : alpha > 6 ? LayerSpectrum.UNDER_TRAINED : null;
        assertThat(ls.flag()).isEqualTo(expected);
    }

    @Test
    void degenerateInputsNameTheLayer() {
        assertThatThrownBy(() -> WeightSpectra.analyze(new WeightMatrix("fc1.weight", new int[] {3, 4}, new float[12])))
                .isInstanceOf(SpectrumException.class).isInstanceOf(BadInputException.class)
                .hasMessageContaining("fc1.weight").hasMessageContaining("all zeros");
        float[] nan = Gaussian.matrix(1, 3, 4, 1);
        nan[6] = Float.NaN;
        assertThatThrownBy(() -> WeightSpectra.analyze(new WeightMatrix("fc2.weight", new int[] {3, 4}, nan)))
                .isInstanceOf(SpectrumException.class).hasMessageContaining("fc2.weight").hasMessageContaining("NaN")
                .hasMessageContaining("[1,2]");
        float[] inf = Gaussian.matrix(1, 3, 4, 1);
        inf[0] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> Esd.of("fc3", inf, 3, 4)).isInstanceOf(SpectrumException.class)
                .hasMessageContaining("fc3").hasMessageContaining("Infinity");
        assertThatThrownBy(() -> WeightSpectra.analyze(new WeightMatrix("scalar", new int[] {1, 1}, new float[] {2f})))
                .isInstanceOf(SpectrumException.class).hasMessageContaining("scalar").hasMessageContaining("1x1");
        assertThatThrownBy(() -> Esd.of("empty.weight", new float[0], 0, 0))
                .isInstanceOf(SpectrumException.class).hasMessageContaining("empty.weight").hasMessageContaining("empty");
        assertThatThrownBy(() -> WeightSpectra.analyzeAll(List.of(
                new WeightMatrix("ok", new int[] {2, 2}, new float[] {1, 0, 0, 1}),
                new WeightMatrix("conv0", new int[] {2, 2, 3, 3}, new float[36]))))
                .isInstanceOf(SpectrumException.class).hasMessageContaining("conv0");
    }
}
