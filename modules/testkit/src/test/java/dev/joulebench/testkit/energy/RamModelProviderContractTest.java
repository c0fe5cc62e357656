package dev.joulebench.testkit.energy;

import dev.joulebench.energy.PowerSensorProvider;
import dev.joulebench.energy.ram.RamModelSensorProvider;
import java.io.IOException;
import java.nio.file.Path;

class RamModelProviderContractTest extends PowerSensorProviderContract {
    @Override
    protected PowerSensorProvider provider() {
        return new RamModelSensorProvider();
    }

    @Override
    protected void healthyTree(Path root) throws IOException {
        Trees.proc(root, 1000);
    }
}
