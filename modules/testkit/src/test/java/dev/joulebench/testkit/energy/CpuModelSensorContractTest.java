package dev.joulebench.testkit.energy;

import dev.joulebench.energy.PowerSensor;
import dev.joulebench.energy.SensorEnvironment;
import dev.joulebench.energy.TrackingMode;
import dev.joulebench.energy.cpu.CpuModelSensorProvider;
import java.nio.file.Path;

/** The CPU load model in process tracking (the share is read too), on a /proc/stat that moves on. */
class CpuModelSensorContractTest extends PowerSensorContract {
    long ticks = 1000;
    long processNanos;

    @Override
    protected PowerSensor open(Path root) throws Exception {
        Trees.proc(root, ticks);
        return new CpuModelSensorProvider().probe(new SensorEnvironment(root, TrackingMode.PROCESS, 50.0,
                () -> processNanos)).get(0).sensor();
    }

    @Override
    protected void advance(Path root) throws Exception {
        ticks += 100;
        processNanos += 200_000_000L;
        Trees.proc(root, ticks);
    }

    /** Rewritten in place: the sensor keeps /proc/stat open, as it does the real one. */
    @Override
    protected void breakSource(Path root) throws Exception {
        Trees.write(root, "proc/stat", "intr 1 2 3\n");
    }
}
