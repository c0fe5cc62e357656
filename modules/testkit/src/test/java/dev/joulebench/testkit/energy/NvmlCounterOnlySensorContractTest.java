package dev.joulebench.testkit.energy;

/** A GPU whose driver has the energy counter but no power reading: watts are the counter's average. */
class NvmlCounterOnlySensorContractTest extends NvmlGpuSensorContractTest {
    @Override
    void configure(OneGpuNvml fake) {
        fake.hasPower = false;
    }
}
