package dev.joulebench.spectra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvKernelsTest {

    /** K[o,c,i,j] = 1000 o + 100 c + 10 i + j, so each value says where it came from. */
    private static WeightMatrix labelled(int out, int in, int kh, int kw) {
        float[] k = new float[out * in * kh * kw];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        k[((o * in + c) * kh + i) * kw + j] = 1000 * o + 100 * c + 10 * i + j + 1;
                    }
                }
            }
        }
        return new WeightMatrix("conv1", new int[] {out, in, kh, kw}, k);
    }

    @Test
    void slicesArePerSpatialPositionOutByIn() {
        List<WeightMatrix> slices = ConvKernels.slices(labelled(4, 3, 2, 2));
        assertThat(slices).hasSize(4);
        assertThat(slices).extracting(WeightMatrix::name)
                .containsExactly("conv1[0,0]", "conv1[0,1]", "conv1[1,0]", "conv1[1,1]");
        for (int s = 0; s < 4; s++) {
            int i = s / 2;
            int j = s % 2;
            WeightMatrix w = slices.get(s);
            assertThat(w.shape()).containsExactly(4, 3);
            for (int o = 0; o < 4; o++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(w.data()[o * 3 + c]).isEqualTo(1000f * o + 100 * c + 10 * i + j + 1);
                }
            }
        }
    }

    @Test
    void slicesWithMoreInputsThanOutputsAreTransposed() {
        List<WeightMatrix> slices = ConvKernels.slices(labelled(2, 3, 1, 1));
        WeightMatrix w = slices.get(0);
        assertThat(w.shape()).containsExactly(3, 2); // in x out, N >= M
        for (int c = 0; c < 3; c++) {
            for (int o = 0; o < 2; o++) {
                assertThat(w.data()[c * 2 + o]).isEqualTo(1000f * o + 100 * c + 1);
            }
        }
    }

    @Test
    void combinedEsdPoolsEverySlice() {
        WeightMatrix conv = new WeightMatrix("conv2", new int[] {40, 30, 3, 3}, Gaussian.matrix(9, 40, 30 * 9, 1.0));
        Esd pooled = ConvKernels.combinedEsd(conv);
        assertThat(pooled.n()).isEqualTo(40);
        assertThat(pooled.m()).isEqualTo(30);
        double[] expected = ConvKernels.slices(conv).stream().map(Esd::of)
                .flatMapToDouble(e -> Arrays.stream(e.eigenvalues())).sorted().toArray();
        assertThat(pooled.eigenvalues()).containsExactly(expected, within(1e-9));
        LayerSpectrum ls = WeightSpectra.analyze(conv);
        assertThat(ls.layer()).isEqualTo("conv2");
        assertThat(ls.esd().eigenvalues()).hasSize(9 * 30);
        assertThat(ls.mp().sigma2()).isCloseTo(1.0, within(0.05)); // 10800 entries of variance 1
        assertThat(WeightSpectra.analyzeSlices(conv)).hasSize(9).first()
                .extracting(LayerSpectrum::layer).isEqualTo("conv2[0,0]");
    }
}
