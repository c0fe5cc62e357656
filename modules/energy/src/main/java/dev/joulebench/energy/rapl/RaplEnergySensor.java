package dev.joulebench.energy.rapl;

import dev.joulebench.energy.Method;
import dev.joulebench.energy.PowerReading;
import dev.joulebench.energy.PowerSensor;
import dev.joulebench.energy.SensorException;
import dev.joulebench.energy.SourceKind;
import dev.joulebench.energy.cpu.ProcStat;
import dev.joulebench.energy.cpu.ProcessShare;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The sum of one or more RAPL zones' energy counters (all packages for "cpu", all DRAM domains for
 * "ram"). {@code joules} is the energy since the sensor opened, each zone wrap-corrected
 * ({@link RaplZone#deltaUj}); {@code watts} is the energy since the previous read over the
 * monotonic time since then, NaN on the first read (there is no previous read to divide by).
 *
 * <p>In process tracking each interval's energy is multiplied by that interval's
 * {@link ProcessShare} (this process's CPU time over all cores' CPU time, clamped to [0, 1]) before
 * it is added, for DRAM as for the packages: RAPL cannot attribute energy to processes, and CPU time
 * is the attribution CodeCarbon uses.
 */
final class RaplEnergySensor implements PowerSensor {
    private final String id;
    private final SourceKind kind;
    private final List<RaplZone> zones;
    private final SysfsReader reader;
    private final LongSupplier nanoTime;
    private final Path procStat;
    private final ProcessShare share;
    private final String description;
    private final long[] prevRaw;
    private long prevNanos;
    private boolean first = true;
    private double joules;
    private boolean closed;

    /**
     * @param baselineRaw each zone's {@code energy_uj} when the sensor opened
     * @param procStat    {@code /proc/stat}, read at every sample in process tracking; null otherwise
     * @param share       null in machine tracking
     */
    RaplEnergySensor(String id, SourceKind kind, List<RaplZone> zones, long[] baselineRaw, SysfsReader reader,
                     LongSupplier nanoTime, Path procStat, ProcessShare share) {
        this.id = id;
        this.kind = kind;
        this.zones = List.copyOf(zones);
        this.prevRaw = baselineRaw.clone();
        this.reader = reader;
        this.nanoTime = nanoTime;
        this.procStat = procStat;
        this.share = share;
        this.prevNanos = nanoTime.getAsLong();
        StringBuilder d = new StringBuilder("RAPL ");
        for (int i = 0; i < zones.size(); i++) {
            d.append(i == 0 ? "" : " + ").append(zones.get(i).name());
        }
        d.append(" energy_uj via ");
        for (int i = 0; i < zones.size(); i++) {
            d.append(i == 0 ? "" : ", ").append(zones.get(i).dir());
        }
        d.append(" (wraparound corrected with max_energy_range_uj)");
        if (share != null) {
            d.append(" × this process's share of all cores' CPU time (process tracking)");
        }
        this.description = d.toString();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public SourceKind kind() {
        return kind;
    }

    @Override
    public Method method() {
        return Method.MEASURED_COUNTER;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public PowerReading read() throws SensorException {
        if (closed) {
            throw new SensorException(id + ": the RAPL sensor is closed");
        }
        long now = nanoTime.getAsLong();
        long[] raw = new long[zones.size()];
        long deltaUj = 0;
        for (int i = 0; i < raw.length; i++) {
            RaplZone z = zones.get(i);
            try {
                raw[i] = reader.readLong(z.energyFile());
            } catch (IOException e) {
                throw new SensorException("reading " + z.energyFile() + ": " + e, e);
            }
            if (raw[i] < 0 || raw[i] > z.maxEnergyRangeUj()) {
                // the wrap correction is only right inside [0, max_energy_range_uj]
                throw new SensorException(z.energyFile() + " reads " + raw[i] + " µJ, outside its range [0, "
                        + z.maxEnergyRangeUj() + "] (max_energy_range_uj)");
            }
            deltaUj += RaplZone.deltaUj(prevRaw[i], raw[i], z.maxEnergyRangeUj());
        }
        double deltaJ = deltaUj / 1e6;
        Map<String, Double> extras = Map.of();
        if (share != null) {
            ProcStat stat;
            try {
                stat = ProcStat.read(procStat);
            } catch (IOException e) {
                throw new SensorException("reading " + procStat + " for the process share: " + e.getMessage(), e);
            }
            double s = share.advance(stat);
            deltaJ *= s;
            extras = Map.of("process_share", s);
        }
        // Commit only after every read succeeded, so a failed read leaves a clean gap.
        System.arraycopy(raw, 0, prevRaw, 0, raw.length);
        joules += deltaJ;
        long dtNanos = now - prevNanos;
        double watts = first || dtNanos <= 0 ? Double.NaN : deltaJ / (dtNanos / 1e9);
        first = false;
        prevNanos = now;
        return new PowerReading(watts, joules, extras);
    }

    /** Nothing is held open (each read opens the sysfs file); later reads fail, as the contract says. */
    @Override
    public void close() {
        closed = true;
    }
}
