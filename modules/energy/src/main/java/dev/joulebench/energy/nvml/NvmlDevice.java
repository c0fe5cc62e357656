package dev.joulebench.energy.nvml;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What does not change while a GPU is in use (name, UUID, PCI bus id, compute capability, power
 * limit), read once per probe. A field NVML cannot give is left empty and its reason kept in
 * {@link #unavailable}, so one unsupported query never hides the GPU.
 */
final class NvmlDevice {
    final int nvmlIndex;
    final Pointer handle;
    final String name;
    final String uuid;
    final String pciBusId;
    /** (domain &lt;&lt; 16) | (bus &lt;&lt; 8) | device, or -1. */
    final long pciKey;
    final int ccMajor;
    final int ccMinor;
    /** cores x max SM clock (MHz), or -1. */
    final long speed;
    /** Enforced power limit in milliwatts, or -1. */
    final long powerLimitMilliwatts;
    final Map<String, String> unavailable;

    private NvmlDevice(int nvmlIndex, Pointer handle, String name, String uuid, String pciBusId, long pciKey,
                       int ccMajor, int ccMinor, long speed, long powerLimitMilliwatts, Map<String, String> unavailable) {
        this.nvmlIndex = nvmlIndex;
        this.handle = handle;
        this.name = name;
        this.uuid = uuid;
        this.pciBusId = pciBusId;
        this.pciKey = pciKey;
        this.ccMajor = ccMajor;
        this.ccMinor = ccMinor;
        this.speed = speed;
        this.powerLimitMilliwatts = powerLimitMilliwatts;
        this.unavailable = Collections.unmodifiableMap(unavailable);
    }

    static NvmlDevice read(NvmlSession s, int nvmlIndex, Pointer handle) {
        NvmlLibrary lib = s.library();
        Map<String, String> unavailable = new LinkedHashMap<>();

        byte[] buf = new byte[NvmlLibrary.STRING_BUFFER_SIZE];
        int rc = s.call("nvmlDeviceGetName", () -> lib.nvmlDeviceGetName(handle, buf, buf.length));
        String name = rc == NvmlLibrary.NVML_SUCCESS ? NvmlSession.cString(buf) : null;
        if (name == null || name.isEmpty()) {
            unavailable.put("name", s.describe("nvmlDeviceGetName", rc));
            name = "NVIDIA GPU";
        }

        byte[] ubuf = new byte[NvmlLibrary.STRING_BUFFER_SIZE];
        rc = s.call("nvmlDeviceGetUUID", () -> lib.nvmlDeviceGetUUID(handle, ubuf, ubuf.length));
        String uuid = rc == NvmlLibrary.NVML_SUCCESS ? NvmlSession.cString(ubuf) : null;
        if (uuid == null || uuid.isEmpty()) {
            unavailable.put("uuid", s.describe("nvmlDeviceGetUUID", rc));
            uuid = null;
        }

        String pciBusId = null;
        long pciKey = -1;
        NvmlLibrary.PciInfo pci = new NvmlLibrary.PciInfo();
        String pciFn = "nvmlDeviceGetPciInfo_v3";
        rc = s.call(pciFn, () -> lib.nvmlDeviceGetPciInfo_v3(handle, pci));
        if (rc == NvmlLibrary.NVML_ERROR_FUNCTION_NOT_FOUND && s.isMissing(pciFn)) {
            pciFn = "nvmlDeviceGetPciInfo_v2";
            rc = s.call(pciFn, () -> lib.nvmlDeviceGetPciInfo_v2(handle, pci));
        }
        boolean legacyLayout = false;
        if (rc == NvmlLibrary.NVML_ERROR_FUNCTION_NOT_FOUND && s.isMissing(pciFn)) {
            pciFn = "nvmlDeviceGetPciInfo";
            legacyLayout = true;
            rc = s.call(pciFn, () -> lib.nvmlDeviceGetPciInfo(handle, pci));
        }
        if (rc == NvmlLibrary.NVML_SUCCESS) {
            pciKey = (NvmlSession.unsigned(pci.domain) << 16) | ((pci.bus & 0xFFL) << 8) | (pci.device & 0xFFL);
            String text = legacyLayout ? NvmlSession.cString(pci.busIdLegacy) : NvmlSession.cString(pci.busId);
            if (text.isEmpty()) {
                text = NvmlSession.cString(pci.busIdLegacy);
            }
            pciBusId = text.isEmpty()
                    ? String.format("%08X:%02X:%02X.0", pci.domain, pci.bus & 0xFF, pci.device & 0xFF)
                    : text;
        } else {
            unavailable.put("pci_bus_id", s.describe(pciFn, rc));
        }

        IntByReference major = new IntByReference();
        IntByReference minor = new IntByReference();
        rc = s.call("nvmlDeviceGetCudaComputeCapability",
                () -> lib.nvmlDeviceGetCudaComputeCapability(handle, major, minor));
        int ccMajor = -1;
        int ccMinor = -1;
        if (rc == NvmlLibrary.NVML_SUCCESS) {
            ccMajor = major.getValue();
            ccMinor = minor.getValue();
        } else {
            unavailable.put("compute_capability", s.describe("nvmlDeviceGetCudaComputeCapability", rc));
        }

        IntByReference cores = new IntByReference();
        IntByReference clock = new IntByReference();
        long speed = -1;
        int rcCores = s.call("nvmlDeviceGetNumGpuCores", () -> lib.nvmlDeviceGetNumGpuCores(handle, cores));
        int rcClock = s.call("nvmlDeviceGetMaxClockInfo",
                () -> lib.nvmlDeviceGetMaxClockInfo(handle, NvmlLibrary.NVML_CLOCK_SM, clock));
        if (rcCores == NvmlLibrary.NVML_SUCCESS && rcClock == NvmlLibrary.NVML_SUCCESS) {
            speed = NvmlSession.unsigned(cores.getValue()) * NvmlSession.unsigned(clock.getValue());
        }

        IntByReference limit = new IntByReference();
        long powerLimit = -1;
        int rcEnforced = s.call("nvmlDeviceGetEnforcedPowerLimit", () -> lib.nvmlDeviceGetEnforcedPowerLimit(handle, limit));
        if (rcEnforced == NvmlLibrary.NVML_SUCCESS) {
            powerLimit = NvmlSession.unsigned(limit.getValue());
        } else {
            int rcManaged = s.call("nvmlDeviceGetPowerManagementLimit",
                    () -> lib.nvmlDeviceGetPowerManagementLimit(handle, limit));
            if (rcManaged == NvmlLibrary.NVML_SUCCESS) {
                powerLimit = NvmlSession.unsigned(limit.getValue());
            } else {
                unavailable.put("power_limit_watts", s.describe("nvmlDeviceGetEnforcedPowerLimit", rcEnforced)
                        + "; " + s.describe("nvmlDeviceGetPowerManagementLimit", rcManaged));
            }
        }

        return new NvmlDevice(nvmlIndex, handle, name, uuid, pciBusId, pciKey, ccMajor, ccMinor, speed, powerLimit,
                unavailable);
    }

    CudaDeviceOrder.Candidate candidate() {
        return new CudaDeviceOrder.Candidate(nvmlIndex, name, uuid, pciKey, ccMajor, ccMinor, speed);
    }

    /** "PCI 00000000:01:00.0, GPU-8932f937-..." with the parts NVML gave. */
    String identity() {
        StringBuilder b = new StringBuilder("NVML index ").append(nvmlIndex);
        if (pciBusId != null) {
            b.append(", PCI ").append(pciBusId);
        }
        if (uuid != null) {
            b.append(", ").append(uuid);
        }
        return b.toString();
    }
}
