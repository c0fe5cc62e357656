package dev.joulebench.core;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * What this machine can give a run, read when a spec is checked: processors the JVM may use, memory free for
 * new allocations (native: PyTorch's tensors live outside the Java heap) and the Java heap still free (where
 * datasets live). Memory is the smaller of the kernel's {@code MemAvailable} and the cgroup's limit minus its
 * use (a container or a Slurm job step), so a run is refused before the OOM killer would end it.
 *
 * @param memorySource how {@code memoryBytes} was found, for the message ("MemAvailable of /proc/meminfo")
 */
public record MachineResources(int processors, long memoryBytes, String memorySource, long heapFreeBytes) {
    /** A memory figure that no estimate exceeds: the check is off. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    public MachineResources {
        if (processors < 1) {
            throw new IllegalArgumentException("processors must be at least 1: " + processors);
        }
    }

    /** This machine now. */
    public static MachineResources detect() {
        Runtime rt = Runtime.getRuntime();
        long heapFree = rt.maxMemory() == Long.MAX_VALUE ? UNLIMITED : rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        long memory = UNLIMITED;
        String source = "unknown (not checked)";
        OptionalLong meminfo = memAvailable(Path.of("/proc/meminfo"));
        if (meminfo.isPresent()) {
            memory = meminfo.getAsLong();
            source = "MemAvailable of /proc/meminfo";
        } else if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getFreeMemorySize();
            source = "free physical memory";
        }
        OptionalLong cgroup = cgroupFree(Path.of("/sys/fs/cgroup"));
        if (cgroup.isPresent() && cgroup.getAsLong() < memory) {
            memory = cgroup.getAsLong();
            source = "the cgroup's memory limit less its use";
        }
        return new MachineResources(rt.availableProcessors(), memory, source, heapFree);
    }

    /** The same machine with the memory a user allows (--memory-limit); {@link #UNLIMITED} turns the check off. */
    public MachineResources withMemoryLimit(long bytes, String source) {
        return new MachineResources(processors, bytes, source, heapFreeBytes);
    }

    /** {@code MemAvailable} in bytes from a meminfo file; empty if it is missing or unreadable. */
    static OptionalLong memAvailable(Path meminfo) {
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemAvailable:")) {
                    String[] f = line.substring("MemAvailable:".length()).trim().split("\\s+");
                    return OptionalLong.of(Math.multiplyExact(Long.parseLong(f[0]), 1024L));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or a file we cannot read: use the fallback
        }
        return OptionalLong.empty();
    }

    /** Limit minus use of cgroup v2 ({@code memory.max}) or v1 ({@code memory/memory.limit_in_bytes}); empty if unlimited. */
    static OptionalLong cgroupFree(Path root) {
        for (List<String> pair : List.of(List.of("memory.max", "memory.current"),
                List.of("memory/memory.limit_in_bytes", "memory/memory.usage_in_bytes"))) {
            try {
                String limit = Files.readString(root.resolve(pair.get(0))).trim();
                if (limit.equals("max")) {
                    return OptionalLong.empty();
                }
                long max = Long.parseLong(limit);
                // v1 writes an unlimited cgroup as a huge page-aligned number
                if (max >= Long.MAX_VALUE / 2) {
                    return OptionalLong.empty();
                }
                long used = Long.parseLong(Files.readString(root.resolve(pair.get(1))).trim());
                return OptionalLong.of(Math.max(0, max - used));
            } catch (IOException | RuntimeException e) {
                // this layout is not here; try the next
            }
        }
        return OptionalLong.empty();
    }

    /** "1.5 GiB" and the like, for messages. */
    public static String bytes(long n) {
        if (n == UNLIMITED) {
            return "unlimited";
        }
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    /**
     * Parses a size as users write it: {@code 512m}, {@code 16g}, {@code 16GiB}, {@code 2.5G}, plain bytes; or
     * {@code off} / {@code none} for {@link #UNLIMITED}.
     */
    public static long parseSize(String text) {
        if (text == null || text.isBlank()) {
            throw new BadInputException("memory limit is empty; give a size such as 8g or 512m, or off");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("off") || t.equals("none")) {
            return UNLIMITED;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([kmgtp]?)(?:i?b)?").matcher(t);
        if (!m.matches()) {
            throw new BadInputException("memory limit '" + text + "' is not a size; give e.g. 8g, 512m or 16GiB, or off");
        }
        double value = Double.parseDouble(m.group(1));
        int power = m.group(2).isEmpty() ? 0 : "kmgtp".indexOf(m.group(2)) + 1;
        double bytes = value * Math.pow(1024, power);
        if (!(bytes >= 1) || bytes > 1L << 60) {
            throw new BadInputException("memory limit '" + text + "' is out of range (1 B to 1 EiB), or give off");
        }
        return (long) bytes;
    }
}
