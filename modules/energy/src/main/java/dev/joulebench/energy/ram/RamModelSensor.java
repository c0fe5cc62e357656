package dev.joulebench.energy.ram;

import dev.joulebench.energy.Method;
import dev.joulebench.energy.PowerReading;
import dev.joulebench.energy.PowerSensor;
import dev.joulebench.energy.SensorException;
import dev.joulebench.energy.SourceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * RAM power as a per-GB constant: {@link RamModelSensorProvider#WATTS_PER_GB} × GB. In machine
 * tracking GB is the installed memory ({@code MemTotal}), fixed for the run; in process tracking it
 * is this process's resident memory ({@code VmRSS}), read again at every sample. GB means GiB
 * (2^30 bytes), as {@code MemTotal} is in KiB. No energy counter: joules is NaN.
 */
final class RamModelSensor implements PowerSensor {
    private static final double GIB = 1024.0 * 1024 * 1024;

    private final Path meminfo;
    private final Path status;
    private final dev.joulebench.energy.ProcFile meminfoFile;
    private final dev.joulebench.energy.ProcFile statusFile;
    private final long totalBytes;
    private final String description;
    private boolean closed;

    /** @param status {@code /proc/self/status} in process tracking, null in machine tracking */
    RamModelSensor(Path meminfo, long totalBytes, Path status, long rssBytes) {
        this.meminfo = meminfo;
        this.totalBytes = totalBytes;
        this.status = status;
        this.meminfoFile = new dev.joulebench.energy.ProcFile(meminfo);
        this.statusFile = status == null ? null : new dev.joulebench.energy.ProcFile(status);
        String wpg = String.valueOf(RamModelSensorProvider.WATTS_PER_GB);
        this.description = status == null
                ? String.format(java.util.Locale.ROOT, "%s W/GB × %.2f GB (Green Algorithms; MemTotal of %s)",
                        wpg, totalBytes / GIB, meminfo)
                : String.format(java.util.Locale.ROOT,
                        "%s W/GB × this process's resident memory (VmRSS of %s, %.2f GB at start) (Green Algorithms)",
                        wpg, status, rssBytes / GIB);
    }

    static double watts(long bytes) {
        return RamModelSensorProvider.WATTS_PER_GB * bytes / GIB;
    }

    @Override
    public String id() {
        return "ram";
    }

    @Override
    public SourceKind kind() {
        return SourceKind.RAM;
    }

    @Override
    public Method method() {
        return Method.ESTIMATED;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public PowerReading read() throws SensorException {
        if (closed) {
            throw new SensorException("ram: the RAM model sensor is closed");
        }
        Map<String, Double> extras = new LinkedHashMap<>();
        extras.put("memory_total_bytes", (double) totalBytes);
        try {
            OptionalLong avail = MemInfo.memAvailableBytes(meminfoFile.read());
            if (avail.isPresent()) {
                extras.put("memory_used_bytes", (double) (totalBytes - avail.getAsLong()));
            }
        } catch (IOException e) {
            // Used memory is only an extra: the power figure never depends on it, so no gap for it.
        }
        if (status == null) {
            return new PowerReading(watts(totalBytes), Double.NaN, extras);
        }
        long rss;
        try {
            rss = MemInfo.vmRssBytes(statusFile.read())
                    .orElseThrow(() -> new IOException("no VmRSS line"));
        } catch (IOException e) {
            throw new SensorException("reading " + status + ": " + e.getMessage(), e);
        }
        extras.put("process_rss_bytes", (double) rss);
        return new PowerReading(watts(rss), Double.NaN, extras);
    }

    @Override
    public void close() {
        closed = true; // a closed ProcFile would reopen on the next read
        meminfoFile.close();
        if (statusFile != null) {
            statusFile.close();
        }
    }
}
