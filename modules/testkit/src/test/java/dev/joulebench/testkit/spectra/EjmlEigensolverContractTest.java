package dev.joulebench.testkit.spectra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.spectra.SymmetricEigensolver;
import dev.joulebench.spectra.spi.EjmlEigensolver;
import dev.joulebench.spectra.spi.LapackEigensolver;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The EJML fallback against the eigensolver and eigenvector contracts (its n = 300 cases run EJML's
 * multi-threaded path, used from 256 on), and its discovery: listed in spectra's services beside LAPACK,
 * always available, and the default exactly where no LAPACK library loads.
 */
class EjmlEigensolverContractTest extends SymmetricEigenvectorSolverContract {
    private final EjmlEigensolver solver = new EjmlEigensolver();

    @Override
    protected EjmlEigensolver solver() {
        return solver;
    }

    @Test
    void isFoundThroughServiceLoaderAndIsTheFallback() {
        // listed in spectra's META-INF/services, not only the built-in fallback
        assertThat(ServiceLoader.load(SymmetricEigensolver.class).stream().map(ServiceLoader.Provider::type))
                .containsExactlyInAnyOrder(EjmlEigensolver.class, LapackEigensolver.class);
        assertThat(SymmetricEigensolver.available()).extracting(SymmetricEigensolver::name).last().isEqualTo("ejml");
        assertThat(SymmetricEigensolver.named("ejml")).isInstanceOf(EjmlEigensolver.class);
        if (!new LapackEigensolver().isAvailable()) {
            assertThat(SymmetricEigensolver.get()).isInstanceOf(EjmlEigensolver.class);
        }
    }
}
