package dev.joulebench.testkit.energy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * File-system trees a sensor provider may meet under its {@code SensorEnvironment} root, each
 * broken in one way: missing, empty, garbage and binary files, numbers too large for a long or
 * large enough to overflow arithmetic, negative numbers, directories and symlink loops where files
 * belong, dangling links, unreadable files, a very long file. Every file a provider of Joulebench
 * reads is covered: the powercap RAPL zones, {@code /proc/stat}, {@code cpuinfo}, {@code meminfo}
 * and {@code self/status}.
 */
public final class HostileTrees {
    private HostileTrees() {}

    /** Writes one broken tree under a root. */
    @FunctionalInterface
    public interface Writer {
        void write(Path root) throws IOException;
    }

    /** @param name what is wrong with the tree, for the test's display name */
    public record Tree(String name, Writer writer) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Zone directories and their attribute files, relative to the root. */
    static final List<String> ZONES = List.of("sys/class/powercap/intel-rapl:0", "sys/class/powercap/intel-rapl:0:0");
    static final List<String> ZONE_FILES = List.of("name", "energy_uj", "max_energy_range_uj");
    static final List<String> PROC_FILES = List.of("proc/stat", "proc/cpuinfo", "proc/meminfo", "proc/self/status");

    /** Every file a provider reads, relative to the root. */
    public static List<String> files() {
        List<String> out = new java.util.ArrayList<>(PROC_FILES);
        for (String z : ZONES) {
            for (String f : ZONE_FILES) {
                out.add(z + "/" + f);
            }
        }
        return out;
    }

    public static List<Tree> all() {
        return List.of(
                new Tree("an empty root", root -> { }),
                new Tree("empty files", root -> each(root, "")),
                new Tree("garbage text", root -> each(root, "garbage: ;; NaN -- \u221e\ncpu x y z\nMemTotal: lots kB\n")),
                new Tree("binary junk", root -> eachBytes(root, new byte[] {(byte) 0xff, (byte) 0xfe, 0, (byte) 0xc3, 0x28,
                        '\n', (byte) 0x80})),
                new Tree("numbers too large for a long", root -> {
                    String big = "99999999999999999999999999";
                    zones(root, "package-0", big, big);
                    write(root, "proc/stat", "cpu  " + big + " " + big + " " + big + " " + big + " 0 0 0 0\ncpu0 1 1 1 1\n");
                    write(root, "proc/meminfo", "MemTotal: " + big + " kB\nMemAvailable: " + big + " kB\n");
                    write(root, "proc/self/status", "VmRSS: " + big + " kB\n");
                    write(root, "proc/cpuinfo", "processor : " + big + "\nmodel name : " + "X".repeat(10_000) + "\n");
                }),
                new Tree("numbers that overflow arithmetic", root -> {
                    String max = String.valueOf(Long.MAX_VALUE);
                    zones(root, "package-0", max, max);
                    write(root, "proc/stat", "cpu  " + max + " " + max + " " + max + " " + max + " " + max + " 0 0 0\n");
                    write(root, "proc/meminfo", "MemTotal: " + max + " kB\nMemAvailable: " + max + " kB\n");
                    write(root, "proc/self/status", "VmRSS: " + max + " kB\n");
                }),
                new Tree("negative numbers", root -> {
                    zones(root, "package-0", "-5", "-1");
                    write(root, "proc/stat", "cpu  -1 -2 -3 -4 0 0 0 0\n");
                    write(root, "proc/meminfo", "MemTotal: -4 kB\nMemAvailable: -8 kB\n");
                    write(root, "proc/self/status", "VmRSS: -1 kB\n");
                }),
                new Tree("an energy counter above its range", root -> zones(root, "package-0", "5000", "1000")),
                new Tree("directories where files belong", root -> {
                    for (String f : files()) {
                        Files.createDirectories(root.resolve(f));
                    }
                }),
                new Tree("symlink loops", root -> {
                    for (String f : files()) {
                        Path p = root.resolve(f);
                        Files.createDirectories(p.getParent());
                        Files.createSymbolicLink(p, p.getFileName());
                    }
                }),
                new Tree("a powercap directory that links to itself", root -> {
                    Path powercap = root.resolve("sys/class/powercap");
                    Files.createDirectories(powercap);
                    Files.createSymbolicLink(powercap.resolve("intel-rapl:0"), Path.of("."));
                    Files.createSymbolicLink(powercap.resolve("intel-rapl:0:0"), Path.of(".."));
                }),
                new Tree("dangling symlinks", root -> {
                    for (String f : files()) {
                        Path p = root.resolve(f);
                        Files.createDirectories(p.getParent());
                        Files.createSymbolicLink(p, root.resolve("nowhere").resolve(p.getFileName()));
                    }
                }),
                new Tree("unreadable files", root -> {
                    zones(root, "package-0", "1000", "262143328850");
                    write(root, "proc/stat", "cpu  10 0 10 80 0 0 0 0\ncpu0 10 0 10 80 0 0 0 0\n");
                    write(root, "proc/meminfo", "MemTotal: 1024 kB\nMemAvailable: 512 kB\n");
                    write(root, "proc/self/status", "VmRSS: 100 kB\n");
                    write(root, "proc/cpuinfo", "processor : 0\n");
                    for (String f : files()) {
                        // as root a read still succeeds, which the contract allows too
                        Files.setPosixFilePermissions(root.resolve(f), PosixFilePermissions.fromString("---------"));
                    }
                }),
                new Tree("a very long file", root -> each(root, "cpu  1 2 3 4\n" + "9".repeat(2_000_000) + "\n")),
                new Tree("half a tree", root -> {
                    Path zone = root.resolve(ZONES.get(0));
                    Files.createDirectories(zone);
                    Files.writeString(zone.resolve("name"), "package-0\n"); // no range, no counter
                    write(root, "proc/stat", "intr 1 2 3\nctxt 5\n"); // no cpu line
                    write(root, "proc/meminfo", "MemFree: 10 kB\n"); // no MemTotal
                    write(root, "proc/cpuinfo", "flags : fpu\n");
                }));
    }

    private static void zones(Path root, String packageName, String energy, String range) throws IOException {
        for (int i = 0; i < ZONES.size(); i++) {
            Path z = root.resolve(ZONES.get(i));
            Files.createDirectories(z);
            Files.writeString(z.resolve("name"), (i == 0 ? packageName : "dram") + "\n");
            Files.writeString(z.resolve("energy_uj"), energy + "\n");
            Files.writeString(z.resolve("max_energy_range_uj"), range + "\n");
        }
    }

    private static void each(Path root, String content) throws IOException {
        eachBytes(root, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void eachBytes(Path root, byte[] content) throws IOException {
        for (String f : files()) {
            Path p = root.resolve(f);
            Files.createDirectories(p.getParent());
            Files.write(p, content);
        }
    }

    private static void write(Path root, String relative, String content) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}
