package dev.joulebench.testkit.energy;

import dev.joulebench.energy.SourceKind;

/** The RAPL DRAM sensor ("ram"). */
class RaplDramSensorContractTest extends RaplSensorContractTest {
    @Override
    SourceKind kind() {
        return SourceKind.RAM;
    }
}
