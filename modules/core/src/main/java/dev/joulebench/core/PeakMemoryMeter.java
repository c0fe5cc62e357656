package dev.joulebench.core;

import dev.joulebench.core.metric.MetricKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Peak resident memory of a run (JVM heap plus native tensors), from Linux's {@code VmHWM}. At the
 * start it resets the high-water mark by writing 5 to {@code /proc/self/clear_refs} (Linux 4.0+), so
 * several runs in one process each get their own peak; where the reset is refused the figure is
 * the process's peak since it started, and the report says so. On a system without /proc it reports nothing.
 */
public final class PeakMemoryMeter implements RunInstrument {
    private final Path proc;
    private boolean reset;

    public PeakMemoryMeter() {
        this(Path.of("/proc/self"));
    }

    PeakMemoryMeter(Path procSelf) {
        this.proc = procSelf;
    }

    @Override
    public void start(JobContext ctx) {
        try {
            Files.writeString(proc.resolve("clear_refs"), "5");
            reset = true;
        } catch (IOException e) {
            reset = false;
        }
    }

    @Override
    public Report stop(JobContext ctx) {
        long kib;
        try {
            kib = vmHwmKib(Files.readString(proc.resolve("status")));
        } catch (IOException e) {
            return null;
        }
        if (kib < 0) {
            return null;
        }
        double mib = kib / 1024.0;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("peak_rss_mib", mib);
        detail.put("how", reset ? "VmHWM of /proc/self/status after resetting it at the run's start"
                : "VmHWM of /proc/self/status since the process started (reset refused)");
        return new Report("memory", detail, Map.of(MetricKeys.MEMORY_PEAK_RSS_MIB, mib));
    }

    static long vmHwmKib(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                String v = line.substring(6).trim();
                int space = v.indexOf(' ');
                return Long.parseLong(space < 0 ? v : v.substring(0, space));
            }
        }
        return -1;
    }
}
