package dev.joulebench.testkit.energy;

import dev.joulebench.energy.PowerSensorProvider;
import dev.joulebench.energy.cpu.CpuModelSensorProvider;
import java.io.IOException;
import java.nio.file.Path;

class CpuModelProviderContractTest extends PowerSensorProviderContract {
    @Override
    protected PowerSensorProvider provider() {
        return new CpuModelSensorProvider();
    }

    @Override
    protected void healthyTree(Path root) throws IOException {
        Trees.proc(root, 1000);
    }
}
