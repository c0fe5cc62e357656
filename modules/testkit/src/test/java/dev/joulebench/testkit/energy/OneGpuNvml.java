package dev.joulebench.testkit.energy;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.joulebench.energy.nvml.NvmlLibrary;
import java.nio.charset.StandardCharsets;

/**
 * An NVML driver with one H100 in memory, bound through the {@link NvmlLibrary} interface JNA
 * implements, so the contract suites run the production NVML code unchanged. {@link #lost} makes
 * every device call return {@code NVML_ERROR_GPU_IS_LOST}, as a GPU that fell off the bus does.
 */
final class OneGpuNvml implements NvmlLibrary {
    volatile boolean lost;
    volatile int powerMilliwatts = 250_000;
    volatile long energyMillijoules = 5_000_000_000L;
    volatile boolean hasPower = true;
    private final Pointer handle = new Pointer(0x1000);

    /** Time passes: 0.1 s at the current power. */
    void tick() {
        energyMillijoules += powerMilliwatts / 10;
    }

    private int device(Pointer p) {
        return lost ? NVML_ERROR_GPU_IS_LOST : p.equals(handle) ? NVML_SUCCESS : NVML_ERROR_INVALID_ARGUMENT;
    }

    private static int text(String s, byte[] buf, int length) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        if (b.length + 1 > length) {
            return NVML_ERROR_INSUFFICIENT_SIZE;
        }
        System.arraycopy(b, 0, buf, 0, b.length);
        buf[b.length] = 0;
        return NVML_SUCCESS;
    }

    @Override public int nvmlInit_v2() { return NVML_SUCCESS; }
    @Override public int nvmlShutdown() { return NVML_SUCCESS; }
    @Override public String nvmlErrorString(int result) { return NvmlLibrary.returnCodeName(result); }
    @Override public int nvmlSystemGetDriverVersion(byte[] v, int length) { return text("580.65.06", v, length); }

    @Override
    public int nvmlDeviceGetCount_v2(IntByReference count) {
        count.setValue(1);
        return NVML_SUCCESS;
    }

    @Override
    public int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device) {
        if (index != 0) {
            return NVML_ERROR_INVALID_ARGUMENT;
        }
        device.setValue(handle);
        return NVML_SUCCESS;
    }

    @Override
    public int nvmlDeviceGetName(Pointer d, byte[] name, int length) {
        int rc = device(d);
        return rc != NVML_SUCCESS ? rc : text("NVIDIA H100 80GB HBM3", name, length);
    }

    @Override
    public int nvmlDeviceGetUUID(Pointer d, byte[] uuid, int length) {
        int rc = device(d);
        return rc != NVML_SUCCESS ? rc : text("GPU-00000000-1111-2222-3333-444444444444", uuid, length);
    }

    @Override
    public int nvmlDeviceGetPciInfo_v3(Pointer d, PciInfo pci) {
        int rc = device(d);
        if (rc == NVML_SUCCESS) {
            pci.bus = 0x17;
            text("00000000:17:00.0", pci.busId, pci.busId.length);
        }
        return rc;
    }

    @Override public int nvmlDeviceGetPciInfo_v2(Pointer d, PciInfo pci) { return nvmlDeviceGetPciInfo_v3(d, pci); }
    @Override public int nvmlDeviceGetPciInfo(Pointer d, PciInfo pci) { return nvmlDeviceGetPciInfo_v3(d, pci); }

    @Override
    public int nvmlDeviceGetCudaComputeCapability(Pointer d, IntByReference major, IntByReference minor) {
        major.setValue(9);
        minor.setValue(0);
        return device(d);
    }

    @Override
    public int nvmlDeviceGetNumGpuCores(Pointer d, IntByReference n) {
        n.setValue(16_896);
        return device(d);
    }

    @Override
    public int nvmlDeviceGetMaxClockInfo(Pointer d, int type, IntByReference mhz) {
        mhz.setValue(1980);
        return device(d);
    }

    @Override
    public int nvmlDeviceGetEnforcedPowerLimit(Pointer d, IntByReference mw) {
        mw.setValue(700_000);
        return device(d);
    }

    @Override
    public int nvmlDeviceGetPowerManagementLimit(Pointer d, IntByReference mw) {
        mw.setValue(700_000);
        return device(d);
    }

    @Override
    public int nvmlDeviceGetPowerUsage(Pointer d, IntByReference mw) {
        if (!hasPower) {
            return NVML_ERROR_NOT_SUPPORTED;
        }
        mw.setValue(powerMilliwatts);
        return device(d);
    }

    @Override
    public int nvmlDeviceGetTotalEnergyConsumption(Pointer d, LongByReference mj) {
        mj.setValue(energyMillijoules);
        return device(d);
    }

    @Override
    public int nvmlDeviceGetUtilizationRates(Pointer d, Utilization u) {
        u.gpu = 70;
        u.memory = 30;
        return device(d);
    }

    @Override
    public int nvmlDeviceGetMemoryInfo(Pointer d, Memory m) {
        m.total = 80L << 30;
        m.used = 3L << 30;
        m.free = m.total - m.used;
        return device(d);
    }

    @Override
    public int nvmlDeviceGetTemperature(Pointer d, int type, IntByReference c) {
        c.setValue(45);
        return device(d);
    }

    @Override
    public int nvmlDeviceGetClockInfo(Pointer d, int type, IntByReference mhz) {
        mhz.setValue(1410);
        return device(d);
    }
}
