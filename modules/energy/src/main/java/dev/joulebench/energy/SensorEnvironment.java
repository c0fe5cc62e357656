package dev.joulebench.energy;

import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * What sensor providers may look at, so tests can hand them fake trees.
 *
 * @param root            file-system root under which {@code sys/class/powercap}, {@code proc/stat},
 *                        {@code proc/cpuinfo} and {@code proc/meminfo} are read ({@code /} normally)
 * @param mode            machine or process tracking
 * @param cpuTdpWatts     user-set CPU TDP in watts, or null to look it up by CPU model
 * @param processCpuNanos CPU time used by this process so far (all threads), for process tracking
 */
public record SensorEnvironment(Path root, TrackingMode mode, Double cpuTdpWatts, LongSupplier processCpuNanos) {
    public Path sys(String relative) {
        return root.resolve("sys").resolve(relative);
    }

    public Path proc(String relative) {
        return root.resolve("proc").resolve(relative);
    }

    /** The real machine, tracking this JVM's CPU time through the OperatingSystemMXBean. */
    public static SensorEnvironment system(TrackingMode mode, Double cpuTdpWatts) {
        return new SensorEnvironment(Path.of("/"), mode, cpuTdpWatts, SensorEnvironment::jvmCpuNanos);
    }

    private static long jvmCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
