package dev.joulebench.testkit.energy;

import dev.joulebench.energy.PowerSensor;
import dev.joulebench.energy.SensorEnvironment;
import dev.joulebench.energy.TrackingMode;
import dev.joulebench.energy.ram.RamModelSensorProvider;
import java.nio.file.Path;

/** The RAM model in process tracking, where each read parses this process's VmRSS. */
class RamModelSensorContractTest extends PowerSensorContract {
    TrackingMode mode() {
        return TrackingMode.PROCESS;
    }

    @Override
    protected PowerSensor open(Path root) throws Exception {
        Trees.proc(root, 1000);
        return new RamModelSensorProvider().probe(new SensorEnvironment(root, mode(), null, () -> 0L)).get(0).sensor();
    }

    /** Rewritten in place: the sensor keeps the files open, as it does the real ones. */
    @Override
    protected void breakSource(Path root) throws Exception {
        Trees.write(root, "proc/self/status", "Name:\tjava\n");
        Trees.write(root, "proc/meminfo", "garbage\n");
    }
}
