package dev.joulebench.energy.ram;

import dev.joulebench.energy.Method;
import dev.joulebench.energy.PowerSensorProvider;
import dev.joulebench.energy.SensorEnvironment;
import dev.joulebench.energy.SensorProbe;
import dev.joulebench.energy.SourceKind;
import dev.joulebench.energy.TrackingMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The RAM model: a stated constant per GB, used when RAPL's DRAM domain is not readable (the
 * sampler prefers the RAPL "ram" sensor when there is one). Available wherever
 * {@code /proc/meminfo} is readable.
 */
public final class RamModelSensorProvider implements PowerSensorProvider {
    /**
     * Watts per GB of memory: Green Algorithms' {@code memoryPower} (referenceValues.csv,
     * Lannelongue et al. 2021, CC BY 4.0). CodeCarbon instead counts 5 W per DIMM, which Joulebench
     * cannot see without root (dmidecode).
     */
    public static final double WATTS_PER_GB = 0.3725;

    static final String NAME = "RAM model";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<SensorProbe> probe(SensorEnvironment env) {
        Path meminfo = env.proc("meminfo");
        OptionalLong total;
        try {
            total = MemInfo.memTotalBytes(Files.readString(meminfo));
        } catch (IOException e) {
            return List.of(missing("cannot read " + meminfo + " (" + e.getMessage()
                    + "); the RAM model needs Linux's /proc"));
        }
        if (total.isEmpty()) {
            return List.of(missing(meminfo + " has no MemTotal line"));
        }
        Path status = null;
        long rss = 0;
        if (env.mode() == TrackingMode.PROCESS) {
            status = env.proc("self/status");
            try {
                OptionalLong r = MemInfo.vmRssBytes(Files.readString(status));
                if (r.isEmpty()) {
                    return List.of(missing(status + " has no VmRSS line; use machine tracking"));
                }
                rss = r.getAsLong();
            } catch (IOException e) {
                return List.of(missing("process tracking needs " + status + " (" + e.getMessage()
                        + "); use machine tracking"));
            }
        }
        RamModelSensor sensor = new RamModelSensor(meminfo, total.getAsLong(), status, rss);
        return List.of(SensorProbe.found(NAME, sensor, sensor.description()));
    }

    private static SensorProbe missing(String reason) {
        return SensorProbe.missing(NAME, SourceKind.RAM, Method.ESTIMATED, reason);
    }
}
