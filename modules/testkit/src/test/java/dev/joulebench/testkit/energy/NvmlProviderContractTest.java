package dev.joulebench.testkit.energy;

import dev.joulebench.energy.PowerSensorProvider;
import dev.joulebench.energy.nvml.NvmlSensorProvider;
import java.nio.file.Path;
import java.util.Map;

/** NVML with a fake one-GPU driver; the file tree is irrelevant to it, and hostile trees must not matter either. */
class NvmlProviderContractTest extends PowerSensorProviderContract {
    @Override
    protected PowerSensorProvider provider() {
        return new NvmlSensorProvider(OneGpuNvml::new, Map.of(), System::nanoTime);
    }

    @Override
    protected void healthyTree(Path root) {
        // NVML reads the driver, not files
    }
}
