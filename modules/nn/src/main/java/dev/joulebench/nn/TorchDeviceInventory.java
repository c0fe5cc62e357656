package dev.joulebench.nn;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import dev.joulebench.core.DeviceInventory;
import java.lang.management.MemoryUsage;
import java.util.OptionalLong;

/** The GPUs the PyTorch engine sees (loading the engine on first use), for the checks before a run. */
public final class TorchDeviceInventory implements DeviceInventory {
    @Override
    public int gpuCount() {
        return TorchEngine.get().getGpuCount();
    }

    /** Total less used, as the CUDA driver reports it (cudaMemGetInfo); empty where CUDA cannot say. */
    @Override
    public OptionalLong gpuFreeMemory(int index) {
        if (index < 0 || index >= gpuCount()) {
            return OptionalLong.empty();
        }
        try {
            MemoryUsage m = CudaUtils.getGpuMemory(Device.gpu(index));
            return m.getMax() > 0 ? OptionalLong.of(Math.max(0, m.getMax() - m.getUsed())) : OptionalLong.empty();
        } catch (RuntimeException | LinkageError e) {
            return OptionalLong.empty(); // no CUDA runtime: the GPU memory is not checked, the host's still is
        }
    }
}
