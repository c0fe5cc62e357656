package dev.joulebench.spectra.spi;

import dev.joulebench.spectra.SymmetricEigenbasis;
import dev.joulebench.spectra.SymmetricEigensolver;
import dev.joulebench.spectra.SymmetricEigenvectorSolver;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_MT_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The default {@link SymmetricEigensolver}: EJML's symmetric QR algorithm (tridiagonalisation, no
 * eigenvectors), pure Java, always available. Priority 0, so any faster provider on the classpath
 * takes over unless {@code -Djoulebench.eigensolver=ejml} asks for this one.
 */
public final class EjmlEigensolver implements SymmetricEigenvectorSolver {
    /** The name this solver is selected by. */
    public static final String NAME = "ejml";

    /** From this size on EJML's multi-threaded solver is used (about 20% faster at 1024 on 2 cores). */
    static final int MT_SIZE = 256;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double[] eigenvalues(double[] a, int n) {
        EigenDecomposition_F64<DMatrixRMaj> eig = decompose(a, n, false);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(values);
        return values;
    }

    /** The symmetric QR algorithm with vectors (tridiagonalisation, implicit QR), sorted ascending. */
    @Override
    public SymmetricEigenbasis eigenbasis(double[] a, int n) {
        EigenDecomposition_F64<DMatrixRMaj> eig = decompose(a, n, true);
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            raw[i] = eig.getEigenvalue(i).getReal();
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> raw[i]));
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int r = 0; r < n; r++) {
            int i = order[r];
            values[r] = raw[i];
            DMatrixRMaj v = eig.getEigenVector(i); // n x 1, unit length
            System.arraycopy(v.data, 0, vectors, r * n, n);
        }
        return new SymmetricEigenbasis(n, values, vectors, NAME);
    }

    private static EigenDecomposition_F64<DMatrixRMaj> decompose(double[] a, int n, boolean vectors) {
        SymmetricEigensolver.requireSymmetric(a, n);
        EigenDecomposition_F64<DMatrixRMaj> eig = n >= MT_SIZE
                ? DecompositionFactory_MT_DDRM.eig(n, vectors, true)
                : DecompositionFactory_DDRM.eig(n, vectors, true);
        DMatrixRMaj m = DMatrixRMaj.wrap(n, n, a);
        if (eig.inputModified()) {
            m = m.copy();
        }
        if (!eig.decompose(m)) {
            throw new ArithmeticException("EJML's symmetric eigendecomposition did not converge for a " + n + "x" + n
                    + " matrix");
        }
        return eig;
    }

    @Override
    public String toString() {
        return "EjmlEigensolver[" + NAME + "]";
    }
}
