package dev.joulebench.energy.nvml;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Lists the machine's NVIDIA GPUs (name, UUID, PCI bus id, CUDA index, power limit) for run
 * provenance and {@code joulebench energy probe}. Holds no global state: each {@link #list()} loads
 * NVML, initialises it, reads, and shuts it down again; the library and the environment are passed
 * in so tests can use a fake.
 */
public final class NvmlGpus {
    /**
     * One GPU as NVML and CUDA see it.
     *
     * @param nvmlIndex         NVML's index (not CUDA's)
     * @param cudaIndex         CUDA device index under the current environment (see {@link CudaDeviceOrder}),
     *                          -1 when {@code CUDA_VISIBLE_DEVICES} hides it
     * @param name              e.g. "NVIDIA H100 80GB HBM3"
     * @param uuid              {@code GPU-...}, null when unavailable
     * @param pciBusId          e.g. {@code 00000000:01:00.0}, null when unavailable
     * @param powerLimitWatts   enforced power limit, NaN when unavailable
     * @param computeCapability e.g. "9.0", null when unavailable
     * @param unavailableFields field name to the reason NVML could not give it
     */
    public record Gpu(int nvmlIndex, int cudaIndex, String name, String uuid, String pciBusId, double powerLimitWatts,
                      String computeCapability, Map<String, String> unavailableFields) {
        public Gpu {
            unavailableFields = Map.copyOf(unavailableFields);
        }

        public boolean visibleToCuda() {
            return cudaIndex >= 0;
        }

        /** The power.csv column of this GPU's sensor ({@code gpuK}), or null when hidden. */
        public String sensorId() {
            return cudaIndex >= 0 ? "gpu" + cudaIndex : null;
        }
    }

    /**
     * The outcome of one listing.
     *
     * @param available        whether NVML could be loaded and initialised
     * @param reason           why not, when not available
     * @param driverVersion    e.g. "550.54.15", null when unknown
     * @param cudaMapping      the rule applied to map NVML devices to CUDA indices
     * @param cudaMappingExact false when CUDA's fastest-first order had to be approximated
     * @param gpus             every GPU NVML could open, in NVML order
     * @param problems         GPUs NVML counts but could not open, CUDA_VISIBLE_DEVICES entries ignored
     */
    public record Listing(boolean available, String reason, String driverVersion, String cudaMapping,
                          boolean cudaMappingExact, List<Gpu> gpus, List<String> problems) {
        public Listing {
            gpus = List.copyOf(gpus);
            problems = List.copyOf(problems);
        }

        static Listing unavailable(String reason) {
            return new Listing(false, reason, null, null, false, List.of(), List.of());
        }

        /** The GPUs CUDA sees, in CUDA index order. */
        public List<Gpu> visible() {
            return gpus.stream().filter(Gpu::visibleToCuda).sorted(Comparator.comparingInt(Gpu::cudaIndex)).toList();
        }
    }

    private final Supplier<NvmlLibrary> loader;
    private final Map<String, String> env;

    /** The installed driver's NVML and this process's environment. */
    public NvmlGpus() {
        this(NvmlSession::loadSystemLibrary, System.getenv());
    }

    /**
     * @param loader binds the library; may throw {@link UnsatisfiedLinkError} when it is absent
     * @param env    environment variables ({@code CUDA_VISIBLE_DEVICES}, {@code CUDA_DEVICE_ORDER})
     */
    public NvmlGpus(Supplier<NvmlLibrary> loader, Map<String, String> env) {
        this.loader = loader;
        this.env = Map.copyOf(env);
    }

    /** Never throws for a missing driver or GPU: the listing says what is missing. */
    public Listing list() {
        NvmlSession session;
        try {
            session = NvmlSession.open(loader);
        } catch (NvmlUnavailableException e) {
            return Listing.unavailable(e.getMessage());
        }
        try {
            return enumerate(session, env).listing();
        } catch (NvmlUnavailableException e) {
            return Listing.unavailable(e.getMessage());
        } catch (RuntimeException e) {
            return Listing.unavailable("NVML failed while listing GPUs: " + e);
        } finally {
            session.release();
        }
    }

    /** The devices of one session and their CUDA mapping; shared with {@link NvmlSensorProvider}. */
    static final class Enumeration {
        final String driverVersion;
        final List<NvmlDevice> devices;
        final List<String> problems;
        final CudaDeviceOrder.Result order;

        Enumeration(String driverVersion, List<NvmlDevice> devices, List<String> problems, CudaDeviceOrder.Result order) {
            this.driverVersion = driverVersion;
            this.devices = List.copyOf(devices);
            this.problems = List.copyOf(problems);
            this.order = order;
        }

        Listing listing() {
            List<Gpu> gpus = new ArrayList<>();
            for (NvmlDevice d : devices) {
                gpus.add(new Gpu(d.nvmlIndex, order.cudaIndexOf(d.nvmlIndex), d.name, d.uuid, d.pciBusId,
                        d.powerLimitMilliwatts >= 0 ? d.powerLimitMilliwatts / 1000.0 : Double.NaN,
                        d.ccMajor >= 0 ? d.ccMajor + "." + d.ccMinor : null, d.unavailable));
            }
            List<String> all = new ArrayList<>(problems);
            if (order.warning() != null) {
                all.add(order.warning());
            }
            return new Listing(true, null, driverVersion, order.rule(), order.exact(), gpus, all);
        }
    }

    /**
     * Counts and opens the devices and maps them to CUDA indices.
     *
     * @throws NvmlUnavailableException when even the device count fails
     */
    static Enumeration enumerate(NvmlSession s, Map<String, String> env) throws NvmlUnavailableException {
        NvmlLibrary lib = s.library();
        byte[] version = new byte[NvmlLibrary.STRING_BUFFER_SIZE];
        int rc = s.call("nvmlSystemGetDriverVersion", () -> lib.nvmlSystemGetDriverVersion(version, version.length));
        String driverVersion = rc == NvmlLibrary.NVML_SUCCESS ? NvmlSession.cString(version) : null;

        IntByReference count = new IntByReference();
        rc = s.call("nvmlDeviceGetCount_v2", () -> lib.nvmlDeviceGetCount_v2(count));
        if (rc != NvmlLibrary.NVML_SUCCESS) {
            throw new NvmlUnavailableException("NVML could not count GPUs: " + s.describe("nvmlDeviceGetCount_v2", rc));
        }
        List<NvmlDevice> devices = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < count.getValue(); i++) {
            int index = i;
            PointerByReference ref = new PointerByReference();
            rc = s.call("nvmlDeviceGetHandleByIndex_v2", () -> lib.nvmlDeviceGetHandleByIndex_v2(index, ref));
            Pointer handle = ref.getValue();
            if (rc != NvmlLibrary.NVML_SUCCESS || handle == null) {
                problems.add("NVML index " + i + " could not be opened (left out of the CUDA mapping): "
                        + s.describe("nvmlDeviceGetHandleByIndex_v2", rc));
                continue;
            }
            devices.add(NvmlDevice.read(s, i, handle));
        }
        CudaDeviceOrder.Result order = CudaDeviceOrder.resolve(
                devices.stream().map(NvmlDevice::candidate).toList(), env);
        return new Enumeration(driverVersion, devices, problems, order);
    }
}
