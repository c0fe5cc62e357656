package dev.joulebench.spectra.spi;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The one LAPACK routine {@link LapackEigensolver} calls, bound by JNA to a shared library's Fortran
 * symbol (OpenBLAS's or the system {@code liblapack.so.3}), and implementable by a fake in tests.
 *
 * <p>Fortran passes every argument by reference and expects column-major matrices with 32-bit
 * integers (the LP64 builds Debian ships). gfortran-compiled LAPACK also takes one hidden
 * {@code size_t} length per {@code CHARACTER} argument after the visible ones; they are passed
 * (always 1) because leaving them out is undefined behaviour that newer gfortran releases exploit.
 */
interface LapackLibrary extends Library {
    /** The Fortran symbol bound; a library without it is not a LAPACK for this solver. */
    String DSYEVD = "dsyevd_";

    /**
     * {@code DSYEVD(JOBZ, UPLO, N, A, LDA, W, WORK, LWORK, IWORK, LIWORK, INFO)}: all eigenvalues, and
     * with {@code jobz = "V"} the eigenvectors, of a real symmetric matrix by divide and conquer.
     * {@code a} is overwritten (by the eigenvectors, column by column, when {@code jobz = "V"});
     * {@code lwork = liwork = -1} only writes the optimal workspace sizes to {@code work[0]} and
     * {@code iwork[0]}.
     */
    void dsyevd_(String jobz, String uplo, IntByReference n, Pointer a, IntByReference lda, Pointer w,
            Pointer work, IntByReference lwork, Pointer iwork, IntByReference liwork, IntByReference info,
            long jobzLength, long uploLength);
}
