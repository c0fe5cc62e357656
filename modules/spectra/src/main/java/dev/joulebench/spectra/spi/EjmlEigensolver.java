package dev.joulebench.spectra.spi;

import dev.joulebench.spectra.SymmetricEigensolver;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_MT_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The default {@link SymmetricEigensolver}: EJML's symmetric QR algorithm (tridiagonalisation, no
 * eigenvectors), pure Java, always available. Priority 0, so any faster provider on the classpath
 * takes over unless {@code -Djoulebench.eigensolver=ejml} asks for this one.
 */
public final class EjmlEigensolver implements SymmetricEigensolver {
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
        SymmetricEigensolver.requireSymmetric(a, n);
        EigenDecomposition_F64<DMatrixRMaj> eig = n >= MT_SIZE
                ? DecompositionFactory_MT_DDRM.eig(n, false, true)
                : DecompositionFactory_DDRM.eig(n, false, true);
        DMatrixRMaj m = DMatrixRMaj.wrap(n, n, a);
        if (eig.inputModified()) {
            m = m.copy();
        }
        if (!eig.decompose(m)) {
            throw new ArithmeticException("EJML's symmetric eigendecomposition did not converge for a " + n + "x" + n
                    + " matrix");
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(values);
        return values;
    }

    @Override
    public String toString() {
        return "EjmlEigensolver[" + NAME + "]";
    }
}
