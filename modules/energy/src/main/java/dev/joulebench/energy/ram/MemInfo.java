package dev.joulebench.energy.ram;

import java.util.OptionalLong;

/** Reads the memory figures the RAM model needs from {@code /proc/meminfo} and {@code /proc/self/status}. */
public final class MemInfo {
    private MemInfo() {}

    /** {@code MemTotal} in bytes (the file says "kB" but means KiB). */
    public static OptionalLong memTotalBytes(String meminfo) {
        return kibField(meminfo, "MemTotal");
    }

    /** {@code MemAvailable} in bytes (kernels since 3.14). */
    public static OptionalLong memAvailableBytes(String meminfo) {
        return kibField(meminfo, "MemAvailable");
    }

    /** {@code VmRSS} of a {@code /proc/<pid>/status} file in bytes: the process's resident memory. */
    public static OptionalLong vmRssBytes(String status) {
        return kibField(status, "VmRSS");
    }

    /** The value of a "Key:   123 kB" line times 1024, or empty when the key is absent or malformed. */
    static OptionalLong kibField(String text, String key) {
        for (String line : text.split("\n")) {
            if (line.startsWith(key + ":")) {
                String[] parts = line.substring(key.length() + 1).strip().split("\\s+");
                try {
                    long v = Long.parseLong(parts[0]);
                    boolean kib = parts.length > 1 && parts[1].equalsIgnoreCase("kB");
                    return OptionalLong.of(kib ? v * 1024 : v);
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
