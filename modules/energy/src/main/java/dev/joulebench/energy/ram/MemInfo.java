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
        // indexOf, not split/regex: read at every sample (10 Hz), mostly interpreted.
        int at = text.startsWith(key + ":") ? 0 : text.indexOf("\n" + key + ":");
        if (at < 0) {
            return OptionalLong.empty();
        }
        int i = text.indexOf(':', at + (at == 0 ? 0 : 1)) + 1;
        int end = text.indexOf('\n', i);
        String rest = (end < 0 ? text.substring(i) : text.substring(i, end)).strip();
        int space = rest.indexOf(' ');
        String number = space < 0 ? rest : rest.substring(0, space);
        try {
            long v = Long.parseLong(number);
            if (v < 0) {
                return OptionalLong.empty(); // no amount of memory is negative: a malformed file
            }
            boolean kib = space >= 0 && rest.substring(space).strip().equalsIgnoreCase("kB");
            return OptionalLong.of(kib ? Math.multiplyExact(v, 1024L) : v);
        } catch (NumberFormatException | ArithmeticException e) {
            return OptionalLong.empty();
        }
    }
}
