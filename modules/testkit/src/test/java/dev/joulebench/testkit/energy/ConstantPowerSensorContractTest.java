package dev.joulebench.testkit.energy;

import dev.joulebench.energy.Method;
import dev.joulebench.energy.PowerSensor;
import dev.joulebench.energy.SourceKind;
import java.nio.file.Path;

/** The test sensor itself keeps the contract it is used to stand in for. */
class ConstantPowerSensorContractTest extends PowerSensorContract {
    double now;

    @Override
    protected PowerSensor open(Path root) {
        return new ConstantPowerSensor("gpu0", SourceKind.GPU, Method.MEASURED_COUNTER, 120, () -> now);
    }

    @Override
    protected void advance(Path root) {
        now += 0.1;
    }
}
