package dev.joulebench.spectra;

import dev.joulebench.spectra.spi.EjmlEigensolver;
import java.util.ArrayList;
import java.util.List;

/**
 * A test provider (listed in this module's test META-INF/services) that records the size of every
 * matrix it is asked for, per thread, and delegates to EJML, so spectra's results in every test are
 * EJML's. Its priority beats EJML's, which is what makes ServiceLoader discovery observable.
 */
public final class RecordingEigensolver implements SymmetricEigensolver {
    static final String NAME = "recording";
    private static final ThreadLocal<List<Integer>> SIZES = ThreadLocal.withInitial(ArrayList::new);
    private static final ThreadLocal<Boolean> FAIL_NEXT = ThreadLocal.withInitial(() -> false);
    private final EjmlEigensolver ejml = new EjmlEigensolver();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public double[] eigenvalues(double[] a, int n) {
        SIZES.get().add(n);
        if (FAIL_NEXT.get()) {
            FAIL_NEXT.set(false);
            throw new ArithmeticException("no convergence after 0 sweeps (test)");
        }
        return ejml.eigenvalues(a, n);
    }

    /** The sizes recorded on this thread since the last call, which clears them. */
    static List<Integer> drain() {
        List<Integer> sizes = List.copyOf(SIZES.get());
        SIZES.get().clear();
        return sizes;
    }

    /** Makes this thread's next call throw the solver's non-convergence error. */
    static void failNext() {
        FAIL_NEXT.set(true);
    }
}
