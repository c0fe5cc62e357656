package dev.joulebench.energy.nvml;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An NVML driver in memory, bound through the same {@link NvmlLibrary} interface JNA implements, so
 * the production code paths run unchanged. A function named in {@link #missing} throws
 * {@link UnsatisfiedLinkError} like JNA's failed symbol lookup; per-device {@code errors} make one
 * function return an NVML error; calls between shutdown and init return NVML_ERROR_UNINITIALIZED.
 */
class FakeNvml implements NvmlLibrary {
    /** One GPU; fields are read at every call, so tests change them between reads. */
    static final class Device {
        String name;
        String uuid;
        int domain;
        int bus;
        int device;
        int powerMilliwatts = 100_000;
        long energyMillijoules = 1_000_000_000L;
        int utilizationGpu = 50;
        int utilizationMemory = 20;
        long memoryTotal = 80L << 30;
        long memoryUsed = 3L << 30;
        int temperatureC = 45;
        int smClockMhz = 1410;
        int maxSmClockMhz = 1980;
        int ccMajor = 9;
        int ccMinor = 0;
        int cores = 16_896;
        int powerLimitMilliwatts = 700_000;
        final Map<String, Integer> errors = new HashMap<>();

        Device(String name, String uuid, int bus) {
            this.name = name;
            this.uuid = uuid;
            this.bus = bus;
        }

        /** Makes {@code function} return {@code rc} for this device. */
        Device fail(String function, int rc) {
            errors.put(function, rc);
            return this;
        }

        Device heal(String function) {
            errors.remove(function);
            return this;
        }
    }

    final List<Device> devices = new ArrayList<>();
    final Set<String> missing = new HashSet<>();
    final Map<String, Integer> calls = new HashMap<>();
    int initResult = NVML_SUCCESS;
    int countResult = NVML_SUCCESS;
    final Map<Integer, Integer> handleErrors = new HashMap<>();
    String driverVersion = "550.54.15";
    int initCalls;
    int shutdownCalls;
    private int initDepth;

    FakeNvml add(Device d) {
        devices.add(d);
        return this;
    }

    static Device h100(String uuid, int bus) {
        return new Device("NVIDIA H100 80GB HBM3", uuid, bus);
    }

    int calls(String function) {
        return calls.getOrDefault(function, 0);
    }

    /** How NVML's shared library counts: each successful init needs its own shutdown. */
    int initDepth() {
        return initDepth;
    }

    private void enter(String function) {
        calls.merge(function, 1, Integer::sum);
        if (missing.contains(function)) {
            throw new UnsatisfiedLinkError("Error looking up function '" + function
                    + "': /usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1: undefined symbol: " + function);
        }
    }

    private static int indexOf(Pointer device) {
        return (int) Pointer.nativeValue(device) - 1;
    }

    /** Common prologue of device functions: symbol, init state, handle, scripted error. */
    private int device(String function, Pointer handle) {
        enter(function);
        if (initDepth == 0) {
            return NVML_ERROR_UNINITIALIZED;
        }
        int i = handle == null ? -1 : indexOf(handle);
        if (i < 0 || i >= devices.size()) {
            return NVML_ERROR_INVALID_ARGUMENT;
        }
        return devices.get(i).errors.getOrDefault(function, NVML_SUCCESS);
    }

    private Device at(Pointer handle) {
        return devices.get(indexOf(handle));
    }

    private static int put(String value, byte[] buffer, int length) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        if (b.length + 1 > length) {
            return NVML_ERROR_INSUFFICIENT_SIZE;
        }
        System.arraycopy(b, 0, buffer, 0, b.length);
        buffer[b.length] = 0;
        return NVML_SUCCESS;
    }

    @Override
    public int nvmlInit_v2() {
        enter("nvmlInit_v2");
        initCalls++;
        if (initResult == NVML_SUCCESS) {
            initDepth++;
        }
        return initResult;
    }

    @Override
    public int nvmlShutdown() {
        enter("nvmlShutdown");
        shutdownCalls++;
        if (initDepth == 0) {
            return NVML_ERROR_UNINITIALIZED;
        }
        initDepth--;
        return NVML_SUCCESS;
    }

    @Override
    public String nvmlErrorString(int result) {
        enter("nvmlErrorString");
        switch (result) {
            case NVML_ERROR_NOT_SUPPORTED: return "Not Supported";
            case NVML_ERROR_DRIVER_NOT_LOADED: return "Driver Not Loaded";
            case NVML_ERROR_GPU_IS_LOST: return "GPU is lost";
            case NVML_ERROR_NO_PERMISSION: return "Insufficient Permissions";
            case NVML_ERROR_UNINITIALIZED: return "Uninitialized";
            default: return "Unknown Error";
        }
    }

    @Override
    public int nvmlSystemGetDriverVersion(byte[] version, int length) {
        enter("nvmlSystemGetDriverVersion");
        return initDepth == 0 ? NVML_ERROR_UNINITIALIZED : put(driverVersion, version, length);
    }

    @Override
    public int nvmlDeviceGetCount_v2(IntByReference deviceCount) {
        enter("nvmlDeviceGetCount_v2");
        if (initDepth == 0) {
            return NVML_ERROR_UNINITIALIZED;
        }
        if (countResult != NVML_SUCCESS) {
            return countResult;
        }
        deviceCount.setValue(devices.size());
        return NVML_SUCCESS;
    }

    @Override
    public int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device) {
        enter("nvmlDeviceGetHandleByIndex_v2");
        if (initDepth == 0) {
            return NVML_ERROR_UNINITIALIZED;
        }
        if (handleErrors.containsKey(index)) {
            return handleErrors.get(index);
        }
        if (index < 0 || index >= devices.size()) {
            return NVML_ERROR_INVALID_ARGUMENT;
        }
        device.setValue(new Pointer(index + 1L));
        return NVML_SUCCESS;
    }

    @Override
    public int nvmlDeviceGetName(Pointer device, byte[] name, int length) {
        int rc = device("nvmlDeviceGetName", device);
        return rc != NVML_SUCCESS ? rc : put(at(device).name, name, length);
    }

    @Override
    public int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length) {
        int rc = device("nvmlDeviceGetUUID", device);
        return rc != NVML_SUCCESS ? rc : put(at(device).uuid, uuid, length);
    }

    private int pci(String function, Pointer device, PciInfo pci, boolean legacy) {
        int rc = device(function, device);
        if (rc != NVML_SUCCESS) {
            return rc;
        }
        Device d = at(device);
        pci.domain = d.domain;
        pci.bus = d.bus;
        pci.device = d.device;
        if (legacy) {
            put(String.format("%04X:%02X:%02X.0", d.domain, d.bus, d.device), pci.busIdLegacy, 16);
        } else {
            put(String.format("%04X:%02X:%02X.0", d.domain, d.bus, d.device), pci.busIdLegacy, 16);
            put(String.format("%08X:%02X:%02X.0", d.domain, d.bus, d.device), pci.busId, 32);
        }
        return NVML_SUCCESS;
    }

    @Override
    public int nvmlDeviceGetPciInfo_v3(Pointer device, PciInfo pci) {
        return pci("nvmlDeviceGetPciInfo_v3", device, pci, false);
    }

    @Override
    public int nvmlDeviceGetPciInfo_v2(Pointer device, PciInfo pci) {
        return pci("nvmlDeviceGetPciInfo_v2", device, pci, false);
    }

    @Override
    public int nvmlDeviceGetPciInfo(Pointer device, PciInfo pci) {
        return pci("nvmlDeviceGetPciInfo", device, pci, true);
    }

    @Override
    public int nvmlDeviceGetCudaComputeCapability(Pointer device, IntByReference major, IntByReference minor) {
        int rc = device("nvmlDeviceGetCudaComputeCapability", device);
        if (rc == NVML_SUCCESS) {
            major.setValue(at(device).ccMajor);
            minor.setValue(at(device).ccMinor);
        }
        return rc;
    }

    @Override
    public int nvmlDeviceGetNumGpuCores(Pointer device, IntByReference numCores) {
        int rc = device("nvmlDeviceGetNumGpuCores", device);
        if (rc == NVML_SUCCESS) {
            numCores.setValue(at(device).cores);
        }
        return rc;
    }

    @Override
    public int nvmlDeviceGetMaxClockInfo(Pointer device, int clockType, IntByReference mhz) {
        int rc = device("nvmlDeviceGetMaxClockInfo", device);
        if (rc == NVML_SUCCESS) {
            if (clockType != NVML_CLOCK_SM) {
                return NVML_ERROR_INVALID_ARGUMENT;
            }
            mhz.setValue(at(device).maxSmClockMhz);
        }
        return rc;
    }

    @Override
    public int nvmlDeviceGetEnforcedPowerLimit(Pointer device, IntByReference milliwatts) {
        int rc = device("nvmlDeviceGetEnforcedPowerLimit", device);
        if (rc == NVML_SUCCESS) {
            milliwatts.setValue(at(device).powerLimitMilliwatts);
        }
        return rc;
    }

    @Override
    public int nvmlDeviceGetPowerManagementLimit(Pointer device, IntByReference milliwatts) {
        int rc = device("nvmlDeviceGetPowerManagementLimit", device);
        if (rc == NVML_SUCCESS) {
            milliwatts.setValue(at(device).powerLimitMilliwatts);
        }
        return rc;
    }

    @Override
    public int nvmlDeviceGetPowerUsage(Pointer device, IntByReference milliwatts) {
        int rc = device("nvmlDeviceGetPowerUsage", device);
        if (rc == NVML_SUCCESS) {
            milliwatts.setValue(at(device).powerMilliwatts);
        }
        return rc;
    }

    @Override
    public int nvmlDeviceGetTotalEnergyConsumption(Pointer device, LongByReference millijoules) {
        int rc = device("nvmlDeviceGetTotalEnergyConsumption", device);
        if (rc == NVML_SUCCESS) {
            millijoules.setValue(at(device).energyMillijoules);
        }
        return rc;
    }

    @Override
    public int nvmlDeviceGetUtilizationRates(Pointer device, Utilization utilization) {
        int rc = device("nvmlDeviceGetUtilizationRates", device);
        if (rc == NVML_SUCCESS) {
            utilization.gpu = at(device).utilizationGpu;
            utilization.memory = at(device).utilizationMemory;
        }
        return rc;
    }

    @Override
    public int nvmlDeviceGetMemoryInfo(Pointer device, Memory memory) {
        int rc = device("nvmlDeviceGetMemoryInfo", device);
        if (rc == NVML_SUCCESS) {
            Device d = at(device);
            memory.total = d.memoryTotal;
            memory.used = d.memoryUsed;
            memory.free = d.memoryTotal - d.memoryUsed;
        }
        return rc;
    }

    @Override
    public int nvmlDeviceGetTemperature(Pointer device, int sensorType, IntByReference celsius) {
        int rc = device("nvmlDeviceGetTemperature", device);
        if (rc == NVML_SUCCESS) {
            if (sensorType != NVML_TEMPERATURE_GPU) {
                return NVML_ERROR_INVALID_ARGUMENT;
            }
            celsius.setValue(at(device).temperatureC);
        }
        return rc;
    }

    @Override
    public int nvmlDeviceGetClockInfo(Pointer device, int clockType, IntByReference mhz) {
        int rc = device("nvmlDeviceGetClockInfo", device);
        if (rc == NVML_SUCCESS) {
            if (clockType != NVML_CLOCK_SM) {
                return NVML_ERROR_INVALID_ARGUMENT;
            }
            mhz.setValue(at(device).smClockMhz);
        }
        return rc;
    }
}
