package dev.joulebench.testkit.energy;

import dev.joulebench.energy.PowerSensor;
import dev.joulebench.energy.SensorEnvironment;
import dev.joulebench.energy.TrackingMode;
import dev.joulebench.energy.nvml.NvmlSensorProvider;
import java.nio.file.Path;
import java.util.Map;

/** One NVML GPU with power readings and the energy counter, on a fake driver; breaking it loses the GPU. */
class NvmlGpuSensorContractTest extends PowerSensorContract {
    final OneGpuNvml nvml = new OneGpuNvml();

    void configure(OneGpuNvml fake) {
        // both figures
    }

    @Override
    protected PowerSensor open(Path root) {
        configure(nvml);
        return new NvmlSensorProvider(() -> nvml, Map.of(), System::nanoTime)
                .probe(new SensorEnvironment(root, TrackingMode.MACHINE, null, () -> 0L)).get(0).sensor();
    }

    @Override
    protected void advance(Path root) {
        nvml.tick();
    }

    @Override
    protected void breakSource(Path root) {
        nvml.lost = true;
    }
}
