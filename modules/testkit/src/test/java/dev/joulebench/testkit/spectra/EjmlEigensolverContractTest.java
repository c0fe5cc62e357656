package dev.joulebench.testkit.spectra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.spectra.SymmetricEigensolver;
import dev.joulebench.spectra.spi.EjmlEigensolver;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The EJML default against the eigensolver and eigenvector contracts (its n = 300 cases run EJML's
 * multi-threaded path, used from 256 on), and its discovery: with spectra alone on the classpath it is the solver.
 */
class EjmlEigensolverContractTest extends SymmetricEigenvectorSolverContract {
    private final EjmlEigensolver solver = new EjmlEigensolver();

    @Override
    protected EjmlEigensolver solver() {
        return solver;
    }

    @Test
    void isFoundThroughServiceLoaderAndIsTheDefault() {
        // listed in spectra's META-INF/services, not only the built-in fallback
        assertThat(ServiceLoader.load(SymmetricEigensolver.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(EjmlEigensolver.class);
        assertThat(SymmetricEigensolver.available()).extracting(SymmetricEigensolver::name).containsExactly("ejml");
        assertThat(SymmetricEigensolver.get()).isInstanceOf(EjmlEigensolver.class);
        assertThat(SymmetricEigensolver.named("ejml")).isInstanceOf(EjmlEigensolver.class);
    }
}
