package dev.joulebench.testkit.energy;

import dev.joulebench.energy.PowerSensor;
import dev.joulebench.energy.SensorEnvironment;
import dev.joulebench.energy.SensorProbe;
import dev.joulebench.energy.SourceKind;
import dev.joulebench.energy.TrackingMode;
import dev.joulebench.energy.rapl.RaplSensorProvider;
import java.nio.file.Path;

/** The RAPL package sensor, with a counter that wraps past max_energy_range_uj during the test. */
class RaplSensorContractTest extends PowerSensorContract {
    /** Starts 120 J below the wrap point and climbs 50 J a step: the third step wraps. */
    long packageUj = Trees.RANGE_UJ - 120_000_000L;
    long dramUj = 1_000_000;

    SourceKind kind() {
        return SourceKind.CPU;
    }

    @Override
    protected PowerSensor open(Path root) throws Exception {
        Trees.rapl(root, packageUj, dramUj);
        for (SensorProbe p : new RaplSensorProvider().probe(
                new SensorEnvironment(root, TrackingMode.MACHINE, null, () -> 0L))) {
            if (p.kind() == kind() && p.sensor() != null) {
                return p.sensor();
            }
        }
        throw new AssertionError("no RAPL " + kind() + " sensor on a healthy tree");
    }

    @Override
    protected void advance(Path root) throws Exception {
        packageUj = (packageUj + 50_000_000L) % (Trees.RANGE_UJ + 1);
        dramUj += 5_000_000L;
        Trees.zone(root, "intel-rapl:0", "package-0", packageUj);
        Trees.zone(root, "intel-rapl:0:0", "dram", dramUj);
    }
}
