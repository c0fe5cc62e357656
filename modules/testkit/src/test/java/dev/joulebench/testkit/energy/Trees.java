package dev.joulebench.testkit.energy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Healthy /sys and /proc trees, written as the kernel lays them out, for the contract tests. */
final class Trees {
    static final long RANGE_UJ = 262_143_328_850L;

    private Trees() {}

    static void write(Path root, String relative, String content) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    /** A package zone and its DRAM subzone with counters at the given values. */
    static void rapl(Path root, long packageUj, long dramUj) throws IOException {
        zone(root, "intel-rapl:0", "package-0", packageUj);
        zone(root, "intel-rapl:0:0", "dram", dramUj);
        proc(root, 1000);
    }

    static void zone(Path root, String id, String name, long uj) throws IOException {
        String dir = "sys/class/powercap/" + id + "/";
        write(root, dir + "name", name + "\n");
        write(root, dir + "max_energy_range_uj", RANGE_UJ + "\n");
        write(root, dir + "energy_uj", uj + "\n");
    }

    /** /proc/stat with {@code ticks} of which a quarter busy, cpuinfo, meminfo and self/status. */
    static void proc(Path root, long ticks) throws IOException {
        long busy = ticks / 4;
        write(root, "proc/stat", "cpu  " + busy + " 0 0 " + (ticks - busy) + " 0 0 0 0 0 0\ncpu0 " + busy + " 0 0 "
                + (ticks - busy) + " 0 0 0 0 0 0\nintr 1\n");
        write(root, "proc/cpuinfo", "processor\t: 0\nmodel name\t: AMD EPYC 7763 64-Core Processor\n\n");
        write(root, "proc/meminfo", "MemTotal:       16384000 kB\nMemFree:  1000 kB\nMemAvailable:    8192000 kB\n");
        write(root, "proc/self/status", "Name:\tjava\nVmRSS:\t  524288 kB\n");
    }
}
