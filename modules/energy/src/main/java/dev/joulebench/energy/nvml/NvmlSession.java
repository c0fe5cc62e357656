package dev.joulebench.energy.nvml;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * One initialised NVML library, shared by the sensors made from one probe.
 *
 * <p>Reference counted: {@link #open} holds one reference for its caller, every sensor takes one
 * more, and {@code nvmlShutdown} is called exactly once, when the last one is released (NVML keeps
 * its own init count, so each session undoes exactly its own {@code nvmlInit}).
 *
 * <p>Every call into the library goes through {@link #call}, which catches {@link LinkageError}: a
 * driver older than a function fails the symbol lookup with {@link UnsatisfiedLinkError} on the
 * first call, an {@code Error} that would otherwise kill the sampler thread. The function is then
 * remembered as missing (with the reason) and not looked up again.
 */
final class NvmlSession {
    /** The file a Linux driver installs; named in the reason when it cannot be loaded. */
    static final String LINUX_LIBRARY = "libnvidia-ml.so.1";
    static final String WINDOWS_LIBRARY = "nvml.dll";

    private final NvmlLibrary lib;
    private final Map<String, String> missingFunctions = new ConcurrentHashMap<>();
    private volatile boolean errorStringMissing;
    private int references = 1;

    private NvmlSession(NvmlLibrary lib) {
        this.lib = lib;
    }

    /**
     * Loads the library through {@code loader} and initialises NVML.
     *
     * @throws NvmlUnavailableException with the reason when the library is absent or init fails
     */
    static NvmlSession open(Supplier<NvmlLibrary> loader) throws NvmlUnavailableException {
        NvmlLibrary lib;
        try {
            lib = loader.get();
        } catch (UnsatisfiedLinkError e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("jnidispatch")) {
                throw new NvmlUnavailableException("JNA's native support could not be loaded: " + msg, e);
            }
            throw new NvmlUnavailableException(libraryMissingReason(), e);
        } catch (LinkageError | RuntimeException e) {
            throw new NvmlUnavailableException("NVML could not be bound through JNA: " + e, e);
        }
        if (lib == null) {
            throw new NvmlUnavailableException(libraryMissingReason());
        }
        NvmlSession session = new NvmlSession(lib);
        int rc = session.call("nvmlInit_v2", lib::nvmlInit_v2);
        if (rc != NvmlLibrary.NVML_SUCCESS) {
            throw new NvmlUnavailableException("NVML init failed: " + session.describe("nvmlInit_v2", rc));
        }
        return session;
    }

    /** "libnvidia-ml.so.1 not found (no NVIDIA driver installed)", or the Windows equivalent. */
    static String libraryMissingReason() {
        return (Platform.isWindows() ? WINDOWS_LIBRARY : LINUX_LIBRARY) + " not found (no NVIDIA driver installed)";
    }

    /**
     * Binds the driver's NVML: on Linux the driver's soname {@code libnvidia-ml.so.1} first (the
     * unversioned name exists only with development packages), then {@code nvidia-ml}; on Windows
     * {@code nvml} (System32 since driver 418), then the older NVSMI folder.
     *
     * @throws UnsatisfiedLinkError when no candidate loads
     */
    static NvmlLibrary loadSystemLibrary() {
        List<String> names;
        if (Platform.isWindows()) {
            String programFiles = System.getenv().getOrDefault("ProgramFiles", "C:\\Program Files");
            names = List.of("nvml", programFiles + "\\NVIDIA Corporation\\NVSMI\\nvml.dll");
        } else {
            names = List.of(LINUX_LIBRARY, "nvidia-ml");
        }
        UnsatisfiedLinkError first = null;
        for (String name : names) {
            try {
                return Native.load(name, NvmlLibrary.class);
            } catch (UnsatisfiedLinkError e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        throw first;
    }

    NvmlLibrary library() {
        return lib;
    }

    /**
     * Runs one NVML call; a missing symbol becomes {@link NvmlLibrary#NVML_ERROR_FUNCTION_NOT_FOUND}
     * and is remembered, so later calls to that function return the same code without a lookup.
     */
    int call(String function, IntSupplier invocation) {
        if (missingFunctions.containsKey(function)) {
            return NvmlLibrary.NVML_ERROR_FUNCTION_NOT_FOUND;
        }
        try {
            return invocation.getAsInt();
        } catch (LinkageError e) {
            missingFunctions.put(function, String.valueOf(e.getMessage()));
            return NvmlLibrary.NVML_ERROR_FUNCTION_NOT_FOUND;
        }
    }

    /** Whether {@code function}'s symbol lookup failed in this session. */
    boolean isMissing(String function) {
        return missingFunctions.containsKey(function);
    }

    /**
     * "fn: &lt;nvmlErrorString&gt; (NVML_ERROR_X = n)", or, for a symbol the driver lacks, "fn is
     * missing from this driver's NVML (older driver): &lt;JNA message&gt;".
     */
    String describe(String function, int rc) {
        String missing = missingFunctions.get(function);
        if (missing != null) {
            return function + " is missing from this driver's NVML (older driver): " + missing;
        }
        return function + ": " + errorString(rc) + " (" + NvmlLibrary.returnCodeName(rc) + " = " + rc + ")";
    }

    /** {@code nvmlErrorString(rc)} when the library has it, else the {@code NVML_*} name. */
    String errorString(int rc) {
        if (!errorStringMissing) {
            try {
                String s = lib.nvmlErrorString(rc);
                if (s != null && !s.isBlank()) {
                    return s;
                }
            } catch (LinkageError e) {
                errorStringMissing = true;
            } catch (RuntimeException e) {
                // A broken string pointer must not hide the original error; fall back to the name.
            }
        }
        return NvmlLibrary.returnCodeName(rc);
    }

    /** Takes one more reference for a sensor. */
    synchronized void retain() {
        if (references == 0) {
            throw new IllegalStateException("NVML session already shut down");
        }
        references++;
    }

    /** Drops one reference; the last one calls {@code nvmlShutdown}. Extra releases do nothing. */
    synchronized void release() {
        if (references == 0) {
            return;
        }
        if (--references == 0) {
            call("nvmlShutdown", lib::nvmlShutdown);
        }
    }

    synchronized boolean isOpen() {
        return references > 0;
    }

    /** A C string from a fixed buffer: bytes up to the first NUL, UTF-8. */
    static String cString(byte[] buffer) {
        int n = 0;
        while (n < buffer.length && buffer[n] != 0) {
            n++;
        }
        return new String(buffer, 0, n, StandardCharsets.UTF_8).trim();
    }

    /** An NVML {@code unsigned int} as a non-negative long. */
    static long unsigned(int value) {
        return Integer.toUnsignedLong(value);
    }

    /** An NVML {@code unsigned long long} as a double. */
    static double unsigned(long value) {
        return value >= 0 ? value : (double) (value >>> 1) * 2.0 + (value & 1);
    }
}
