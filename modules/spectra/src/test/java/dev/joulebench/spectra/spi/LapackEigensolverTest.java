package dev.joulebench.spectra.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.joulebench.spectra.SymmetricEigensolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The LAPACK solver's own logic on a fake {@code dsyevd_}, so it runs without any native LAPACK: which
 * library is chosen, what an unavailable solver says, the workspace it passes, and how a non-zero
 * {@code INFO} is explained. Its numerics against a real library are testkit's contract tests.
 */
class LapackEigensolverTest {

    /** Records each call; answers the workspace query with {@code queryLwork}/{@code queryLiwork}, the solve with {@code info}. */
    private static final class FakeDsyevd implements LapackLibrary {
        final List<String> calls = new ArrayList<>();
        double queryLwork;
        int queryLiwork;
        int info;
        double[] seen;

        @Override
        public void dsyevd_(String jobz, String uplo, IntByReference n, Pointer a, IntByReference lda, Pointer w,
                Pointer work, IntByReference lwork, Pointer iwork, IntByReference liwork, IntByReference info,
                long jobzLength, long uploLength) {
            int size = n.getValue();
            calls.add(jobz + uplo + " n=" + size + " lda=" + lda.getValue() + " lwork=" + lwork.getValue() + " liwork="
                    + liwork.getValue() + " lengths=" + jobzLength + "," + uploLength);
            if (lwork.getValue() == -1) {
                work.setDouble(0, queryLwork);
                iwork.setInt(0, queryLiwork);
                info.setValue(0);
                return;
            }
            seen = a.getDoubleArray(0, size * size);
            for (int i = 0; i < size * size; i++) {
                a.setDouble(8L * i, -1); // LAPACK overwrites its copy of the matrix
            }
            for (int i = 0; i < size; i++) {
                w.setDouble(8L * i, i);
            }
            info.setValue(this.info);
        }
    }

    private static LapackEigensolver solverOn(FakeDsyevd fake) {
        return new LapackEigensolver(LapackBinding.bound("libfake.so.1", Optional.of("Fake 1.0"), fake));
    }

    @Test
    void theFirstCandidateThatBindsWins() {
        FakeDsyevd fake = new FakeDsyevd();
        List<String> tried = new ArrayList<>();
        LapackBinding binding = LapackBinding.load(List.of("libopenblas.so.0", "liblapack.so.3", "libother.so"), name -> {
            tried.add(name);
            if (name.equals("libopenblas.so.0")) {
                throw new UnsatisfiedLinkError("libopenblas.so.0: cannot open shared object file");
            }
            return LapackBinding.bound(name, Optional.empty(), fake);
        });
        assertThat(tried).containsExactly("libopenblas.so.0", "liblapack.so.3");
        LapackEigensolver solver = new LapackEigensolver(binding);
        assertThat(solver.isAvailable()).isTrue();
        assertThat(solver.library()).contains("liblapack.so.3");
        assertThat(solver.description()).isEqualTo("liblapack.so.3");
        assertThat(LapackBinding.CANDIDATES).containsExactly("libopenblas.so.0", "liblapack.so.3");
    }

    @Test
    void withoutALibraryItIsUnavailableAndSaysWhy() {
        LapackBinding none = LapackBinding.load(List.of("libopenblas.so.0", "liblapack.so.3"), name -> {
            throw new UnsatisfiedLinkError(name + ": cannot open shared object file");
        });
        LapackEigensolver solver = new LapackEigensolver(none);
        assertThat(solver.isAvailable()).isFalse();
        assertThat(solver.library()).isEmpty();
        assertThat(solver.name()).isEqualTo("lapack");
        assertThat(solver.priority()).isGreaterThan(new EjmlEigensolver().priority());
        assertThat(solver.description()).contains("libopenblas.so.0: cannot open", "liblapack.so.3: cannot open",
                "libopenblas0-pthread");
        assertThatThrownBy(() -> solver.eigenvalues(new double[] {1}, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not available").hasMessageContaining("liblapack.so.3: cannot open");
    }

    @Test
    void theSystemBindingAnswersWithoutThrowing() {
        assertThatCode(() -> new LapackEigensolver().isAvailable()).doesNotThrowAnyException();
        LapackEigensolver system = new LapackEigensolver();
        assertThat(system.library().isPresent()).isEqualTo(system.isAvailable());
    }

    @Test
    void valuesOnlyQueriesTheWorkspaceThenSolvesACopyOfTheLowerTriangle() {
        FakeDsyevd fake = new FakeDsyevd();
        fake.queryLwork = 50;
        fake.queryLiwork = 1;
        double[] a = {4, 1, 0, 1, 5, 2, 0, 2, 6};
        double[] copy = a.clone();
        assertThat(solverOn(fake).eigenvalues(a, 3)).containsExactly(0, 1, 2);
        assertThat(fake.calls).containsExactly("NL n=3 lda=3 lwork=-1 liwork=-1 lengths=1,1",
                "NL n=3 lda=3 lwork=50 liwork=1 lengths=1,1");
        assertThat(fake.seen).containsExactly(copy);
        assertThat(a).containsExactly(copy);
    }

    @Test
    void theWorkspaceIsNeverBelowTheDocumentedMinimum() {
        FakeDsyevd fake = new FakeDsyevd(); // a query answering 0 (seen in broken builds)
        double[] a = {2, 1, 1, 2};
        solverOn(fake).eigenbasis(a, 2);
        assertThat(fake.calls).last().isEqualTo("VL n=2 lda=2 lwork=" + (1 + 6 * 2 + 2 * 4) + " liwork=" + (3 + 5 * 2)
                + " lengths=1,1");
        fake.calls.clear();
        solverOn(fake).eigenvalues(a, 2);
        assertThat(fake.calls).last().isEqualTo("NL n=2 lda=2 lwork=5 liwork=1 lengths=1,1");
        assertThat(LapackEigensolver.Workspace.minimum(1, true)).isEqualTo(new LapackEigensolver.Workspace(1, 1));
        assertThatThrownBy(() -> LapackEigensolver.Workspace.minimum(40_000, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32-bit workspace")
                .hasMessageContaining(SymmetricEigensolver.PROPERTY);
        assertThat(LapackEigensolver.Workspace.minimum(40_000, false).lwork()).isEqualTo(80_001);
    }

    @Test
    void nonConvergenceIsAnArithmeticExceptionExplainingInfo() {
        FakeDsyevd fake = new FakeDsyevd();
        double[] a = new double[16];
        fake.info = 3;
        assertThatThrownBy(() -> solverOn(fake).eigenvalues(a, 4)).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("LAPACK dsyevd (libfake.so.1, decomposition) on a 4x4 matrix: INFO = 3")
                .hasMessageContaining("did not converge: 3 off-diagonal elements");
        fake.info = 2 * (4 + 1) + 3; // with vectors INFO encodes the failing submatrix as i * (n + 1) + j
        assertThatThrownBy(() -> solverOn(fake).eigenbasis(a, 4)).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("INFO = 13").hasMessageContaining("did not converge")
                .hasMessageContaining("rows and columns 2 through 3");
        fake.info = -8;
        assertThatThrownBy(() -> solverOn(fake).eigenvalues(a, 4)).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("INFO = -8").hasMessageContaining("argument 8 (LWORK) had an illegal value");
    }

    @Test
    void inputIsCheckedBeforeLapackIsCalled() {
        FakeDsyevd fake = new FakeDsyevd();
        assertThatThrownBy(() -> solverOn(fake).eigenvalues(new double[] {1, 2, 3, 4}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not symmetric");
        assertThatThrownBy(() -> solverOn(fake).eigenbasis(new double[] {1, 0, 0, Double.NaN}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThat(fake.calls).isEmpty();
    }
}
