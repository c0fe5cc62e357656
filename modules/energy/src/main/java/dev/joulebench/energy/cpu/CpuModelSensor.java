package dev.joulebench.energy.cpu;

import dev.joulebench.energy.Method;
import dev.joulebench.energy.PowerReading;
import dev.joulebench.energy.PowerSensor;
import dev.joulebench.energy.SensorException;
import dev.joulebench.energy.SourceKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CPU load model as a sensor: each read takes the machine's busy fraction since the previous
 * read (since opening for the first) from {@code /proc/stat} and returns
 * {@code TDP × (0.1 + 0.9 × load³)}, times the process share in process tracking. It has no energy
 * counter, so {@code joules} is NaN and the sampler integrates the watts.
 */
final class CpuModelSensor implements PowerSensor {
    private final Path procStat;
    private final dev.joulebench.energy.ProcFile procStatFile;
    private final CpuTdp tdp;
    private final ProcessShare share;
    private final String description;
    private ProcStat prev;
    private double load;
    private boolean closed;

    /**
     * @param baseline the {@code /proc/stat} snapshot taken when the sensor opened
     * @param share    null in machine tracking
     */
    CpuModelSensor(Path procStat, ProcStat baseline, CpuTdp tdp, ProcessShare share) {
        this.procStat = procStat;
        this.procStatFile = new dev.joulebench.energy.ProcFile(procStat);
        this.prev = baseline;
        this.tdp = tdp;
        this.share = share;
        this.description = "CPU load model TDP × (0.1 + 0.9 × load³) with TDP " + CpuTdp.fmt(tdp.watts())
                + " W " + tdp.origin() + "; load from " + procStat
                + (share == null ? "" : "; × this process's share of all cores' CPU time (process tracking)");
    }

    @Override
    public String id() {
        return "cpu";
    }

    @Override
    public SourceKind kind() {
        return SourceKind.CPU;
    }

    @Override
    public Method method() {
        return Method.ESTIMATED;
    }

    @Override
    public String description() {
        return description;
    }

    CpuTdp tdp() {
        return tdp;
    }

    @Override
    public PowerReading read() throws SensorException {
        if (closed) {
            throw new SensorException("cpu: the CPU load model sensor is closed");
        }
        ProcStat now;
        try {
            now = ProcStat.parse(procStatFile.read());
        } catch (IOException e) {
            throw new SensorException("reading " + procStat + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new SensorException(procStat + ": " + e.getMessage(), e);
        }
        double f = ProcStat.busyFraction(prev, now);
        if (!Double.isNaN(f)) {
            // Keep the previous load when no clock tick passed since the last read.
            load = f;
            prev = now;
        }
        double watts = LoadModel.watts(tdp.watts(), load);
        Map<String, Double> extras = new LinkedHashMap<>();
        extras.put("load", load);
        extras.put("utilization_percent", load * 100);
        if (share != null) {
            double s = share.advance(now);
            watts *= s;
            extras.put("process_share", s);
        }
        return new PowerReading(watts, Double.NaN, extras);
    }

    @Override
    public void close() {
        closed = true; // a closed ProcFile would reopen on the next read
        procStatFile.close();
    }
}
