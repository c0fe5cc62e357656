package dev.joulebench.energy.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The aggregate {@code cpu} line of {@code /proc/stat}: cumulative time of all cores, in clock
 * ticks (USER_HZ), since boot.
 *
 * <p>Only the first eight fields are kept. The {@code guest} and {@code guest_nice} fields that
 * follow are already counted inside {@code user} and {@code nice} (the kernel adds guest time to
 * both), so adding them again would count virtual-machine time twice.
 *
 * @param cpuCount number of per-core {@code cpuN} lines, i.e. the logical CPUs the kernel reports
 */
public record ProcStat(long user, long nice, long system, long idle, long iowait, long irq, long softirq,
                       long steal, int cpuCount) {
    /**
     * Clock ticks per second of the {@code /proc/stat} figures. The kernel fixes USER_HZ at 100 on
     * every architecture Joulebench runs on (x86-64, arm64), whatever its internal HZ; Java cannot
     * ask {@code sysconf(_SC_CLK_TCK)} without native code, and does not need to.
     */
    public static final long USER_HZ = 100;

    /** Nanoseconds per clock tick. */
    public static final long NANOS_PER_TICK = 1_000_000_000L / USER_HZ;

    /** Parses the text of {@code /proc/stat}; throws IllegalArgumentException without a {@code cpu} line. */
    public static ProcStat parse(String text) {
        // Scanned by hand, not with split/regex: this runs at 10 Hz, mostly in the interpreter,
        // where a regex split of the file cost several hundred microseconds a read.
        long[] f = null;
        int cores = 0;
        int pos = 0;
        int n = text.length();
        while (pos < n) {
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                end = n;
            }
            int s = pos;
            while (s < end && Character.isWhitespace(text.charAt(s))) {
                s++;
            }
            if (text.startsWith("cpu", s) && s + 3 < end) {
                char c = text.charAt(s + 3);
                if (c == ' ' || c == '\t') {
                    f = fields(text, s + 3, end);
                } else if (Character.isDigit(c)) {
                    cores++;
                }
            }
            pos = end + 1;
        }
        if (f == null) {
            throw new IllegalArgumentException("no aggregate cpu line in /proc/stat");
        }
        return new ProcStat(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], cores);
    }

    /** Up to 8 whitespace-separated numbers of text[from, end); kernels before 2.6 lack the last ones (0). */
    private static long[] fields(String text, int from, int end) {
        long[] f = new long[8];
        int count = 0;
        int i = from;
        while (i < end && count < 8) {
            while (i < end && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= end) {
                break;
            }
            long v = 0;
            int start = i;
            while (i < end && !Character.isWhitespace(text.charAt(i))) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    throw new IllegalArgumentException("not a number in the cpu line of /proc/stat: "
                            + text.substring(start, Math.min(end, start + 20)));
                }
                if (v > (Long.MAX_VALUE - 9) / 10) {
                    throw new IllegalArgumentException("number too large in the cpu line of /proc/stat: "
                            + text.substring(start, Math.min(end, start + 30)));
                }
                v = v * 10 + (c - '0');
                i++;
            }
            f[count++] = v;
        }
        if (count < 4) {
            throw new IllegalArgumentException("short cpu line in /proc/stat: " + text.substring(from, end).strip());
        }
        return f;
    }

    /** Reads and parses the file; a malformed file is reported as an IOException. */
    public static ProcStat read(Path procStat) throws IOException {
        // Latin-1: /proc text is ASCII, and this decoding is a plain copy.
        String text = new String(Files.readAllBytes(procStat), java.nio.charset.StandardCharsets.ISO_8859_1);
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(procStat + ": " + e.getMessage(), e);
        }
    }

    /** All time of all cores: user + nice + system + idle + iowait + irq + softirq + steal (ticks). */
    public long total() {
        return user + nice + system + idle + iowait + irq + softirq + steal;
    }

    /**
     * Time the cores were not idle: {@link #total()} minus idle and iowait (ticks). This is what
     * psutil's {@code cpu_percent}, which CodeCarbon uses, counts as busy; steal stays in, as there.
     */
    public long busy() {
        return total() - idle - iowait;
    }

    /** {@link #total()} in nanoseconds. */
    public long totalNanos() {
        return total() * NANOS_PER_TICK;
    }

    /**
     * Share of all cores' time that was busy between two snapshots, in [0, 1]; NaN when no tick
     * passed between them (two reads within 10 ms), so the caller can keep its previous value.
     */
    public static double busyFraction(ProcStat prev, ProcStat next) {
        long dTotal = next.total() - prev.total();
        if (dTotal <= 0) {
            return Double.NaN;
        }
        double f = (double) (next.busy() - prev.busy()) / dTotal;
        return Math.max(0, Math.min(1, f));
    }
}
