package dev.joulebench.testkit.spectra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.NativeLibrary;

import dev.joulebench.spectra.SymmetricEigenbasis;
import dev.joulebench.spectra.SymmetricEigensolver;
import dev.joulebench.spectra.spi.EjmlEigensolver;
import dev.joulebench.spectra.spi.LapackEigensolver;
import dev.joulebench.testkit.Fixtures;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LAPACK's {@code dsyevd} (through the system's OpenBLAS or {@code liblapack.so.3}) against the same
 * eigensolver and eigenvector contracts as EJML, and its place in the selection: with spectra's own
 * services on the classpath it is the default, and {@code -Djoulebench.eigensolver=ejml} still picks EJML.
 * Without a loadable LAPACK library the tests skip, and fail under CI, which installs OpenBLAS.
 */
class LapackEigensolverContractTest extends SymmetricEigenvectorSolverContract {
    static final String HOW = "install Debian's libopenblas0-pthread (apt-get install libopenblas0-pthread; "
            + ".ci/run does this)";

    private final LapackEigensolver solver = new LapackEigensolver();

    @BeforeEach
    void requireLapack() {
        requireLapack(solver);
    }

    /** Skips, or under CI fails, unless {@code solver} found a library; the message says why it did not. */
    static void requireLapack(LapackEigensolver solver) {
        Fixtures.require(solver.isAvailable(), "LAPACK library for the eigensolver (" + solver.description() + ")",
                HOW);
    }

    @Override
    protected LapackEigensolver solver() {
        return solver;
    }

    @Test
    void isTheDefaultAheadOfEjml() {
        assertThat(SymmetricEigensolver.available()).extracting(SymmetricEigensolver::name)
                .containsExactly(LapackEigensolver.NAME, EjmlEigensolver.NAME);
        assertThat(SymmetricEigensolver.get()).isInstanceOf(LapackEigensolver.class);
        assertThat(SymmetricEigenbasis.of(randomSymmetric(8, new Random(1)), 8).solver()).isEqualTo("lapack");
    }

    @Test
    void thePropertyStillPicksEjml() {
        SelectedSolver.with("ejml", () -> {
            assertThat(SymmetricEigensolver.get()).isInstanceOf(EjmlEigensolver.class);
            assertThat(SymmetricEigenbasis.of(randomSymmetric(8, new Random(2)), 8).solver()).isEqualTo("ejml");
        });
        SelectedSolver.with("LAPACK", () -> assertThat(SymmetricEigensolver.get()).isInstanceOf(LapackEigensolver.class));
    }

    @Test
    void namesTheLibraryItLoaded() {
        String library = solver.library().orElseThrow();
        assertThat(library).isIn("libopenblas.so.0", "liblapack.so.3");
        assertThat(solver.description()).startsWith(library);
        assertThat(solver).hasToString("LapackEigensolver[lapack, " + solver.description() + "]");
    }

    /** The speed target rests on OpenBLAS, not on whatever liblapack.so.3 happens to be: CI must load it. */
    @Test
    void loadsOpenBlasWhereItIsInstalled() {
        Fixtures.require(solver.library().filter("libopenblas.so.0"::equals).isPresent(),
                "OpenBLAS's libopenblas.so.0 (the eigensolver loaded " + solver.description() + ")", HOW);
        assertThat(solver.description()).contains("OpenBLAS");
    }

    /**
     * The library is opened with local scope: its BLAS symbols must not become the process's, or libtorch
     * (which exports and lazily binds its own {@code sgemm_}) calls OpenBLAS's and PyTorch training crashes.
     */
    @Test
    void keepsItsSymbolsOutOfTheProcessNamespace() {
        solver.eigenvalues(new double[] {2, 1, 1, 2}, 2);
        for (String symbol : new String[] {"dsyevd_", "dgemm_", "sgemm_"}) {
            assertThatThrownBy(() -> NativeLibrary.getProcess().getFunction(symbol)).as(symbol)
                    .isInstanceOf(UnsatisfiedLinkError.class);
        }
    }
}
