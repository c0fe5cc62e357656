package dev.joulebench.testkit.energy;

import dev.joulebench.energy.PowerSensorProvider;
import dev.joulebench.energy.rapl.RaplSensorProvider;
import java.io.IOException;
import java.nio.file.Path;

class RaplProviderContractTest extends PowerSensorProviderContract {
    @Override
    protected PowerSensorProvider provider() {
        return new RaplSensorProvider();
    }

    @Override
    protected void healthyTree(Path root) throws IOException {
        Trees.rapl(root, 1_000_000, 500_000);
    }
}
