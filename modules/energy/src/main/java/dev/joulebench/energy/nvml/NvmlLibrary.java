package dev.joulebench.energy.nvml;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The NVML C functions Joulebench calls, one Java method per C symbol, so that JNA can bind this
 * interface straight to {@code libnvidia-ml.so.1} / {@code nvml.dll} and tests can implement it
 * with a fake. Every method returns an {@code nvmlReturn_t}; {@code nvmlDevice_t} is a
 * {@link Pointer}; {@code unsigned int} maps to {@code int} and {@code unsigned long long} to
 * {@code long} (callers convert as unsigned).
 *
 * <p>JNA looks a symbol up on its first call, so a driver too old to export a function throws
 * {@link UnsatisfiedLinkError} there, not at load time; {@link NvmlSession#call} turns that into
 * {@link #NVML_ERROR_FUNCTION_NOT_FOUND} with the reason kept. Structures passed in are written
 * before and read back after the native call by JNA itself, so callers must not call
 * {@link Structure#read()} (a fake fills the Java fields directly).
 */
public interface NvmlLibrary extends Library {
    int NVML_SUCCESS = 0;
    int NVML_ERROR_UNINITIALIZED = 1;
    int NVML_ERROR_INVALID_ARGUMENT = 2;
    int NVML_ERROR_NOT_SUPPORTED = 3;
    int NVML_ERROR_NO_PERMISSION = 4;
    int NVML_ERROR_ALREADY_INITIALIZED = 5;
    int NVML_ERROR_NOT_FOUND = 6;
    int NVML_ERROR_INSUFFICIENT_SIZE = 7;
    int NVML_ERROR_INSUFFICIENT_POWER = 8;
    int NVML_ERROR_DRIVER_NOT_LOADED = 9;
    int NVML_ERROR_TIMEOUT = 10;
    int NVML_ERROR_IRQ_ISSUE = 11;
    int NVML_ERROR_LIBRARY_NOT_FOUND = 12;
    int NVML_ERROR_FUNCTION_NOT_FOUND = 13;
    int NVML_ERROR_CORRUPTED_INFOROM = 14;
    int NVML_ERROR_GPU_IS_LOST = 15;
    int NVML_ERROR_RESET_REQUIRED = 16;
    int NVML_ERROR_OPERATING_SYSTEM = 17;
    int NVML_ERROR_LIB_RM_VERSION_MISMATCH = 18;
    int NVML_ERROR_IN_USE = 19;
    int NVML_ERROR_MEMORY = 20;
    int NVML_ERROR_NO_DATA = 21;
    int NVML_ERROR_UNKNOWN = 999;

    /** {@code NVML_TEMPERATURE_GPU}: the GPU die sensor. */
    int NVML_TEMPERATURE_GPU = 0;
    /** {@code NVML_CLOCK_SM}: streaming-multiprocessor clock domain. */
    int NVML_CLOCK_SM = 1;

    /** {@code NVML_DEVICE_NAME_V2_BUFFER_SIZE}, also large enough for UUIDs and driver versions. */
    int STRING_BUFFER_SIZE = 96;

    int nvmlInit_v2();

    int nvmlShutdown();

    /** Works before {@code nvmlInit}; returns a static string. */
    String nvmlErrorString(int result);

    int nvmlSystemGetDriverVersion(byte[] version, int length);

    int nvmlDeviceGetCount_v2(IntByReference deviceCount);

    int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

    int nvmlDeviceGetName(Pointer device, byte[] name, int length);

    int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length);

    int nvmlDeviceGetPciInfo_v3(Pointer device, PciInfo pci);

    /** Same structure layout as v3, older drivers. */
    int nvmlDeviceGetPciInfo_v2(Pointer device, PciInfo pci);

    /**
     * Oldest form: its structure has {@code busId[16]} first and the same {@code domain, bus,
     * device} offsets, and is smaller than {@link PciInfo}, so the v3 layout can receive it.
     */
    int nvmlDeviceGetPciInfo(Pointer device, PciInfo pci);

    int nvmlDeviceGetCudaComputeCapability(Pointer device, IntByReference major, IntByReference minor);

    /** Driver 520 and newer. */
    int nvmlDeviceGetNumGpuCores(Pointer device, IntByReference numCores);

    int nvmlDeviceGetMaxClockInfo(Pointer device, int clockType, IntByReference mhz);

    int nvmlDeviceGetEnforcedPowerLimit(Pointer device, IntByReference milliwatts);

    int nvmlDeviceGetPowerManagementLimit(Pointer device, IntByReference milliwatts);

    int nvmlDeviceGetPowerUsage(Pointer device, IntByReference milliwatts);

    /** Millijoules since the driver was last loaded; Volta and newer. */
    int nvmlDeviceGetTotalEnergyConsumption(Pointer device, LongByReference millijoules);

    int nvmlDeviceGetUtilizationRates(Pointer device, Utilization utilization);

    int nvmlDeviceGetMemoryInfo(Pointer device, Memory memory);

    int nvmlDeviceGetTemperature(Pointer device, int sensorType, IntByReference celsius);

    int nvmlDeviceGetClockInfo(Pointer device, int clockType, IntByReference mhz);

    /** {@code nvmlPciInfo_t} as of NVML v3 (68 bytes). */
    @Structure.FieldOrder({"busIdLegacy", "domain", "bus", "device", "pciDeviceId", "pciSubSystemId", "busId"})
    class PciInfo extends Structure {
        public byte[] busIdLegacy = new byte[16];
        public int domain;
        public int bus;
        public int device;
        public int pciDeviceId;
        public int pciSubSystemId;
        public byte[] busId = new byte[32];
    }

    /** {@code nvmlUtilization_t}: percent of the last sample period the GPU / memory was busy. */
    @Structure.FieldOrder({"gpu", "memory"})
    class Utilization extends Structure {
        public int gpu;
        public int memory;
    }

    /** {@code nvmlMemory_t} (v1): bytes. */
    @Structure.FieldOrder({"total", "free", "used"})
    class Memory extends Structure {
        public long total;
        public long free;
        public long used;
    }

    /** The {@code NVML_*} name of a return code, for messages when {@code nvmlErrorString} is missing. */
    static String returnCodeName(int rc) {
        switch (rc) {
            case NVML_SUCCESS: return "NVML_SUCCESS";
            case NVML_ERROR_UNINITIALIZED: return "NVML_ERROR_UNINITIALIZED";
            case NVML_ERROR_INVALID_ARGUMENT: return "NVML_ERROR_INVALID_ARGUMENT";
            case NVML_ERROR_NOT_SUPPORTED: return "NVML_ERROR_NOT_SUPPORTED";
            case NVML_ERROR_NO_PERMISSION: return "NVML_ERROR_NO_PERMISSION";
            case NVML_ERROR_ALREADY_INITIALIZED: return "NVML_ERROR_ALREADY_INITIALIZED";
            case NVML_ERROR_NOT_FOUND: return "NVML_ERROR_NOT_FOUND";
            case NVML_ERROR_INSUFFICIENT_SIZE: return "NVML_ERROR_INSUFFICIENT_SIZE";
            case NVML_ERROR_INSUFFICIENT_POWER: return "NVML_ERROR_INSUFFICIENT_POWER";
            case NVML_ERROR_DRIVER_NOT_LOADED: return "NVML_ERROR_DRIVER_NOT_LOADED";
            case NVML_ERROR_TIMEOUT: return "NVML_ERROR_TIMEOUT";
            case NVML_ERROR_IRQ_ISSUE: return "NVML_ERROR_IRQ_ISSUE";
            case NVML_ERROR_LIBRARY_NOT_FOUND: return "NVML_ERROR_LIBRARY_NOT_FOUND";
            case NVML_ERROR_FUNCTION_NOT_FOUND: return "NVML_ERROR_FUNCTION_NOT_FOUND";
            case NVML_ERROR_CORRUPTED_INFOROM: return "NVML_ERROR_CORRUPTED_INFOROM";
            case NVML_ERROR_GPU_IS_LOST: return "NVML_ERROR_GPU_IS_LOST";
            case NVML_ERROR_RESET_REQUIRED: return "NVML_ERROR_RESET_REQUIRED";
            case NVML_ERROR_OPERATING_SYSTEM: return "NVML_ERROR_OPERATING_SYSTEM";
            case NVML_ERROR_LIB_RM_VERSION_MISMATCH: return "NVML_ERROR_LIB_RM_VERSION_MISMATCH";
            case NVML_ERROR_IN_USE: return "NVML_ERROR_IN_USE";
            case NVML_ERROR_MEMORY: return "NVML_ERROR_MEMORY";
            case NVML_ERROR_NO_DATA: return "NVML_ERROR_NO_DATA";
            case NVML_ERROR_UNKNOWN: return "NVML_ERROR_UNKNOWN";
            default: return "NVML error " + rc;
        }
    }
}
