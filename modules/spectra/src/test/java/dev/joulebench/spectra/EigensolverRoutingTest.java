package dev.joulebench.spectra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.joulebench.spectra.spi.EjmlEigensolver;
import dev.joulebench.spectra.spi.LapackEigensolver;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every spectrum goes through the {@link SymmetricEigensolver} service: ServiceLoader finds this
 * module's {@link RecordingEigensolver} (priority 100) ahead of EJML, and each entry point asks it for
 * exactly the Gram matrices it should (the smaller side, one per conv slice).
 */
class EigensolverRoutingTest {

    @BeforeEach
    void clear() {
        RecordingEigensolver.drain();
    }

    @Test
    void serviceLoaderFindsTheHigherPriorityProviderAheadOfEjml() {
        assertThat(SymmetricEigensolver.get()).isInstanceOf(RecordingEigensolver.class);
        // spectra's own LAPACK provider ranks between the two wherever a LAPACK library loads
        List<String> expected = new LapackEigensolver().isAvailable()
                ? List.of(RecordingEigensolver.NAME, LapackEigensolver.NAME, EjmlEigensolver.NAME)
                : List.of(RecordingEigensolver.NAME, EjmlEigensolver.NAME);
        assertThat(SymmetricEigensolver.available()).extracting(SymmetricEigensolver::name)
                .containsExactlyElementsOf(expected);
        assertThat(SymmetricEigensolver.named("EJML")).isInstanceOf(EjmlEigensolver.class);
    }

    @Test
    void denseEsdAsksForTheSmallerGramMatrix() {
        Esd.of(ramp(10, 4), 10, 4);
        assertThat(RecordingEigensolver.drain()).containsExactly(4);
        Esd.of(ramp(3, 7), 3, 7);
        assertThat(RecordingEigensolver.drain()).containsExactly(3);
        WeightSpectra.analyze(new WeightMatrix("fc", new int[] {6, 5}, ramp(6, 5)));
        assertThat(RecordingEigensolver.drain()).containsExactly(5);
    }

    @Test
    void convKernelAsksOncePerSpatialSlice() {
        // [out=5, in=3, kh=2, kw=2]: four 5x3 slices, each a 3x3 Gram matrix
        ConvKernels.combinedEsd(new WeightMatrix("conv", new int[] {5, 3, 2, 2}, ramp(5, 12)));
        assertThat(RecordingEigensolver.drain()).containsExactly(3, 3, 3, 3);
    }

    @Test
    void activationsUseTheSmallerOfTheTwoGramMatrices() {
        ActivationSpectrum.analyze(ramp(4, 6), 4, 6, 2);
        assertThat(RecordingEigensolver.drain()).containsExactly(4);
        ActivationSpectrum.analyze(ramp(10, 3), 10, 3, 2);
        assertThat(RecordingEigensolver.drain()).containsExactly(3);
    }

    @Test
    void propertyPicksASolverByName() {
        Esd viaDefault = Esd.of(ramp(8, 5), 8, 5);
        RecordingEigensolver.drain();
        String before = System.getProperty(SymmetricEigensolver.PROPERTY);
        System.setProperty(SymmetricEigensolver.PROPERTY, "ejml");
        try {
            assertThat(SymmetricEigensolver.get()).isInstanceOf(EjmlEigensolver.class);
            Esd viaEjml = Esd.of(ramp(8, 5), 8, 5);
            assertThat(RecordingEigensolver.drain()).isEmpty();
            assertThat(viaEjml.eigenvalues()).containsExactly(viaDefault.eigenvalues(), within(0.0));

            System.setProperty(SymmetricEigensolver.PROPERTY, "cusolver");
            assertThatThrownBy(SymmetricEigensolver::get).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'cusolver'").hasMessageContaining(SymmetricEigensolver.PROPERTY)
                    .hasMessageContaining("available: recording, ").hasMessageEndingWith("ejml");
        } finally {
            if (before == null) {
                System.clearProperty(SymmetricEigensolver.PROPERTY);
            } else {
                System.setProperty(SymmetricEigensolver.PROPERTY, before);
            }
        }
    }

    @Test
    void nonConvergenceBecomesASpectrumErrorNamingTheLayer() {
        RecordingEigensolver.failNext();
        assertThatThrownBy(() -> Esd.of("encoder.fc1", ramp(6, 4), 6, 4)).isInstanceOf(SpectrumException.class)
                .hasMessageContaining("layer 'encoder.fc1'").hasMessageContaining("did not converge")
                .hasMessageContaining("recording");
    }

    /** A rows x cols matrix with distinct, not too regular entries (full rank for the sizes used here). */
    private static float[] ramp(int rows, int cols) {
        float[] d = new float[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) Math.sin(1.7 * i + 0.3) + (i % 3 == 0 ? 0.5f : 0f);
        }
        return d;
    }
}
