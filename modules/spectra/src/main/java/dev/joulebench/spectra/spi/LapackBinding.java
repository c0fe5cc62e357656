package dev.joulebench.spectra.spi;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The LAPACK library {@link LapackEigensolver} calls, or why there is none. The first of
 * {@link #CANDIDATES} that loads and exports {@code dsyevd_} wins: OpenBLAS first, because its LAPACK
 * runs on its optimised, threaded BLAS, then whatever Debian's {@code liblapack.so.3} alternative points
 * to (reference LAPACK, OpenBLAS, BLIS, MKL). The system binding is made once per JVM; a failure is
 * kept as a reason, never thrown, so the solver can answer "not available" and EJML takes over.
 *
 * @param library the shared library's name as loaded, empty when none loaded
 * @param config  what the library says it is ({@code openblas_get_config()}), empty when it cannot say
 * @param lapack  the bound routine, null exactly when {@code library} is empty
 * @param reason  why no library loaded (each candidate's error), empty when one did
 */
record LapackBinding(Optional<String> library, Optional<String> config, LapackLibrary lapack, String reason) {
    /** Shared libraries tried, in order. */
    static final List<String> CANDIDATES = List.of("libopenblas.so.0", "liblapack.so.3");

    /**
     * {@code dlopen} with {@code RTLD_LAZY} and local scope, instead of JNA's default {@code RTLD_GLOBAL}:
     * libtorch exports its own {@code sgemm_}/{@code dgemm_} (bundled MKL) and binds them lazily, so a
     * global OpenBLAS took them over and crashed PyTorch training in the same JVM (train's CafoTrainingTest
     * segfaulted). Python loads numpy's OpenBLAS locally for the same reason.
     */
    static final Map<String, Object> OPEN_LOCAL = Map.of(Library.OPTION_OPEN_FLAGS, 1);

    /** How a candidate name becomes a binding; throws if it cannot. */
    interface Binder {
        LapackBinding bind(String library);
    }

    /** A binding to {@code library}. */
    static LapackBinding bound(String library, Optional<String> config, LapackLibrary lapack) {
        return new LapackBinding(Optional.of(library), config, lapack, "");
    }

    /** The binding of this JVM, made on first use. */
    static LapackBinding system() {
        return SystemBinding.INSTANCE;
    }

    private static final class SystemBinding {
        static final LapackBinding INSTANCE = logged(load(CANDIDATES, LapackBinding::bindNative));

        private static LapackBinding logged(LapackBinding binding) {
            // debug only: a machine without LAPACK is normal, EJML then serves every spectrum
            if (binding.loaded()) {
                LoggerFactory.getLogger(LapackEigensolver.class).debug("LAPACK eigensolver uses {}{}",
                        binding.library().orElseThrow(), binding.config().map(c -> " (" + c + ")").orElse(""));
            } else {
                LoggerFactory.getLogger(LapackEigensolver.class).debug("LAPACK eigensolver not available: {}",
                        binding.reason());
            }
            return binding;
        }
    }

    /** Tries {@code candidates} in order with {@code binder}; the first that binds wins. */
    static LapackBinding load(List<String> candidates, Binder binder) {
        List<String> failures = new ArrayList<>();
        for (String name : candidates) {
            try {
                return binder.bind(name);
            } catch (RuntimeException | LinkageError e) {
                failures.add(name + ": " + e.getMessage());
            }
        }
        return new LapackBinding(Optional.empty(), Optional.empty(), null, "no LAPACK library loaded ("
                + String.join("; ", failures) + "); install Debian's libopenblas0-pthread for a fast one");
    }

    /** The library bound through JNA, after checking that it exports {@code dsyevd_} at all. */
    private static LapackBinding bindNative(String name) {
        NativeLibrary library = NativeLibrary.getInstance(name, OPEN_LOCAL);
        library.getFunction(LapackLibrary.DSYEVD); // JNA binds lazily: fail here, not in the middle of a job
        return bound(name, configOf(library), Native.load(name, LapackLibrary.class, OPEN_LOCAL));
    }

    /** OpenBLAS's build line (version, kernel, threads), also through a {@code liblapack.so.3} that links it. */
    private static Optional<String> configOf(NativeLibrary library) {
        try {
            Function config = library.getFunction("openblas_get_config");
            return Optional.ofNullable(config.invokeString(new Object[0], false)).map(String::strip);
        } catch (UnsatisfiedLinkError e) {
            return Optional.empty(); // not OpenBLAS: reference LAPACK, BLIS, MKL
        }
    }

    boolean loaded() {
        return lapack != null;
    }
}
