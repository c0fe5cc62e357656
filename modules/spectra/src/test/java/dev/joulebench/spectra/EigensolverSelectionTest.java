package dev.joulebench.spectra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.joulebench.spectra.spi.EjmlEigensolver;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ranking and by-name choice of eigensolvers, on hand-made provider lists. */
class EigensolverSelectionTest {

    /** A provider that only has a name, a priority and an availability. */
    private record Fake(String name, int priority, boolean isAvailable) implements SymmetricEigensolver {
        @Override
        public double[] eigenvalues(double[] a, int n) {
            throw new AssertionError("selection tests must not solve: ranking reads name, priority and availability only");
        }
    }

    private static List<String> names(List<SymmetricEigensolver> ranked) {
        return ranked.stream().map(SymmetricEigensolver::name).toList();
    }

    @Test
    void ejmlIsTheFallbackWhenNothingIsFound() {
        List<SymmetricEigensolver> ranked = Eigensolvers.rank(List.of());
        assertThat(names(ranked)).containsExactly("ejml");
        assertThat(Eigensolvers.choose(ranked, null)).isInstanceOf(EjmlEigensolver.class);
    }

    @Test
    void highestPriorityWinsAndTiesAreOrderedByName() {
        List<SymmetricEigensolver> ranked = Eigensolvers.rank(List.of(new Fake("zeta", 5, true),
                new Fake("cuda", 10, true), new Fake("alpha", 5, true), new EjmlEigensolver()));
        assertThat(names(ranked)).containsExactly("cuda", "alpha", "zeta", "ejml");
        assertThat(Eigensolvers.choose(ranked, "").name()).isEqualTo("cuda");
    }

    @Test
    void aProviderBelowEjmlIsOnlyUsedWhenAskedFor() {
        List<SymmetricEigensolver> ranked = Eigensolvers.rank(List.of(new Fake("slow", -1, true)));
        assertThat(Eigensolvers.choose(ranked, null).name()).isEqualTo("ejml");
        assertThat(Eigensolvers.choose(ranked, " Slow ").name()).isEqualTo("slow");
    }

    @Test
    void unavailableProvidersArePassedOver() {
        List<SymmetricEigensolver> ranked = Eigensolvers.rank(List.of(new Fake("gpu", 50, false)));
        assertThat(names(ranked)).containsExactly("ejml");
        assertThatThrownBy(() -> Eigensolvers.choose(ranked, "gpu")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No eigensolver named 'gpu'").hasMessageContaining("available: ejml");
    }

    @Test
    void aFailingAvailabilityCheckCountsAsUnavailable() {
        SymmetricEigensolver throwing = new SymmetricEigensolver() {
            @Override
            public String name() {
                return "native";
            }

            @Override
            public int priority() {
                return 50;
            }

            @Override
            public boolean isAvailable() {
                throw new UnsatisfiedLinkError("no liblapacke.so in java.library.path");
            }

            @Override
            public double[] eigenvalues(double[] a, int n) {
                throw new AssertionError("an unavailable provider must never be asked to solve");
            }
        };
        assertThat(names(Eigensolvers.rank(List.of(throwing)))).containsExactly("ejml");
    }

    @Test
    void anotherProviderNamedEjmlReplacesTheBuiltInFallback() {
        List<SymmetricEigensolver> ranked = Eigensolvers.rank(List.of(new Fake("ejml", 0, true)));
        assertThat(ranked).hasSize(1).first().isInstanceOf(Fake.class);
    }
}
