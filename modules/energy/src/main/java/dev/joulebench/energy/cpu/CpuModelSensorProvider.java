package dev.joulebench.energy.cpu;

import dev.joulebench.energy.Method;
import dev.joulebench.energy.PowerSensorProvider;
import dev.joulebench.energy.SensorEnvironment;
import dev.joulebench.energy.SensorProbe;
import dev.joulebench.energy.SourceKind;
import dev.joulebench.energy.TrackingMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The CPU load model (CodeCarbon's "cpu_load" mode): available wherever {@code /proc/stat} is
 * readable, as the estimate to use when RAPL is not. The sampler prefers RAPL's counter for the
 * same id "cpu" when that is readable.
 */
public final class CpuModelSensorProvider implements PowerSensorProvider {
    static final String NAME = "CPU load model";

    private final Supplier<CpuTdpTable> table;

    public CpuModelSensorProvider() {
        this(CpuTdpTable::load);
    }

    CpuModelSensorProvider(Supplier<CpuTdpTable> table) {
        this.table = table;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<SensorProbe> probe(SensorEnvironment env) {
        Path statPath = env.proc("stat");
        ProcStat baseline;
        try {
            baseline = ProcStat.read(statPath);
        } catch (IOException | RuntimeException e) {
            return List.of(missing("cannot read " + statPath + " (" + e.getMessage()
                    + "); the CPU load model needs Linux's /proc"));
        }
        Double user = env.cpuTdpWatts();
        if (user != null && !(user > 0 && Double.isFinite(user))) {
            return List.of(missing("--cpu-tdp must be a positive number of watts, got " + user));
        }
        ProcessShare share = null;
        if (env.mode() == TrackingMode.PROCESS) {
            if (env.processCpuNanos() == null || env.processCpuNanos().getAsLong() < 0) {
                return List.of(missing("process tracking needs this process's CPU time, which this JVM does"
                        + " not report; use machine tracking"));
            }
            share = new ProcessShare(env.processCpuNanos(), baseline);
        }
        CpuInfo info;
        try {
            info = CpuInfo.read(env.proc("cpuinfo"));
        } catch (IOException e) {
            info = new CpuInfo(null, 0);
        }
        int threads = info.threads() > 0 ? info.threads()
                : baseline.cpuCount() > 0 ? baseline.cpuCount() : Runtime.getRuntime().availableProcessors();
        CpuTdpTable t = null;
        String tableNote = null;
        if (user == null) {
            try {
                t = table.get();
            } catch (RuntimeException e) {
                tableNote = e.getMessage();
            }
        }
        CpuTdp tdp = CpuTdp.resolve(user, info, threads, t, tableNote);
        CpuModelSensor sensor = new CpuModelSensor(statPath, baseline, tdp, share);
        return List.of(SensorProbe.found(NAME, sensor, sensor.description()));
    }

    private static SensorProbe missing(String reason) {
        return SensorProbe.missing(NAME, SourceKind.CPU, Method.ESTIMATED, reason);
    }
}
