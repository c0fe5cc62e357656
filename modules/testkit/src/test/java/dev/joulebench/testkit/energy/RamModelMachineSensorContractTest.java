package dev.joulebench.testkit.energy;

import dev.joulebench.energy.TrackingMode;

/** The RAM model in machine tracking: the power is MemTotal's, fixed at open; a broken meminfo costs only the extras. */
class RamModelMachineSensorContractTest extends RamModelSensorContractTest {
    @Override
    TrackingMode mode() {
        return TrackingMode.MACHINE;
    }
}
