package dev.joulebench.nn;

import dev.joulebench.core.DeviceInventory;

/** The GPUs the PyTorch engine sees (loading the engine on first use), for the checks before a run. */
public final class TorchDeviceInventory implements DeviceInventory {
    @Override
    public int gpuCount() {
        return TorchEngine.get().getGpuCount();
    }
}
