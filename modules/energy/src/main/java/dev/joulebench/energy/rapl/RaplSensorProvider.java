package dev.joulebench.energy.rapl;

import dev.joulebench.energy.Method;
import dev.joulebench.energy.PowerSensorProvider;
import dev.joulebench.energy.SensorEnvironment;
import dev.joulebench.energy.SensorProbe;
import dev.joulebench.energy.SourceKind;
import dev.joulebench.energy.TrackingMode;
import dev.joulebench.energy.cpu.ProcStat;
import dev.joulebench.energy.cpu.ProcessShare;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RAPL energy counters through the Linux powercap class ({@code /sys/class/powercap}), Intel's and
 * AMD's alike (recent kernels expose AMD's RAPL under the same {@code intel-rapl} names).
 *
 * <p>Zones {@code intel-rapl:N} whose {@code name} is {@code package-N} are summed into the "cpu"
 * sensor; subzones {@code intel-rapl:N:M} named {@code dram} are summed into the "ram" sensor. Other
 * zones are left out on purpose: {@code core}/{@code uncore} are already inside their package,
 * {@code psys} (laptops) covers the whole platform, and {@code intel-rapl-mmio:N} is a second view
 * of the same package counter, so adding any of them would count energy twice.
 *
 * <p>Both sensors are {@link Method#MEASURED_COUNTER}. When a counter cannot be read the probe says
 * why and how to fix it; the sampler then uses the CPU load model and the RAM per-GB model.
 */
public final class RaplSensorProvider implements PowerSensorProvider {
    static final String CPU_PROBE = "RAPL";
    static final String RAM_PROBE = "RAPL DRAM";

    private static final Pattern PACKAGE_ZONE = Pattern.compile("intel-rapl:(\\d+)");
    private static final Pattern SUB_ZONE = Pattern.compile("intel-rapl:(\\d+):(\\d+)");

    private final LongSupplier nanoTime;
    private final SysfsReader reader;

    public RaplSensorProvider() {
        this(System::nanoTime, SysfsReader.FILES);
    }

    /** For tests: a fake monotonic clock and a reader that can simulate root-only files. */
    RaplSensorProvider(LongSupplier nanoTime, SysfsReader reader) {
        this.nanoTime = nanoTime;
        this.reader = reader;
    }

    @Override
    public String name() {
        return "RAPL (powercap)";
    }

    /** Why there is no RAPL at all, for a powercap directory without RAPL zones. */
    static String noZonesReason(Path powercap) {
        return "no powercap RAPL zones in " + powercap + " (not an Intel/AMD x86 machine, or the intel_rapl/rapl"
                + " module is not loaded; in a VM RAPL is usually not exposed)";
    }

    /**
     * The message for an {@code energy_uj} only root may read: what happened, why, and the ways to
     * grant access, so a user can act on it without searching.
     */
    static String rootOnlyReason(Path file, String fallback) {
        return "cannot read " + file + ": RAPL energy counters are readable by root only since 2020"
                + " (Linux's fix for CVE-2020-8694, \"Platypus\"). Grant read access with"
                + " `sudo chmod o+r /sys/class/powercap/intel-rapl:*/energy_uj /sys/class/powercap/intel-rapl:*:*/energy_uj`"
                + " (lasts until reboot); to keep it, add a udev rule such as"
                + " `SUBSYSTEM==\"powercap\", ACTION==\"add\", RUN+=\"/bin/chmod o+r /sys%p/energy_uj\"`"
                + " in /etc/udev/rules.d/99-rapl.rules (or chgrp the files to a `powercap` group of trusted"
                + " users and chmod g+r), or run as root. Meanwhile " + fallback + ".";
    }

    @Override
    public List<SensorProbe> probe(SensorEnvironment env) {
        Path powercap = env.sys("class/powercap");
        if (!Files.isDirectory(powercap)) {
            String r = noZonesReason(powercap);
            return List.of(missingCpu(r), missingRam(r));
        }
        Map<String, RaplZone> zones;
        try {
            zones = scan(powercap);
        } catch (IOException | RuntimeException e) {
            String r = "cannot list " + powercap + ": " + e;
            return List.of(missingCpu(r), missingRam(r));
        }
        List<RaplZone> packages = new ArrayList<>();
        List<RaplZone> drams = new ArrayList<>();
        for (RaplZone z : zones.values()) {
            if (PACKAGE_ZONE.matcher(z.id()).matches() && z.name().startsWith("package")) {
                packages.add(z);
            } else if (SUB_ZONE.matcher(z.id()).matches() && z.name().equals("dram")) {
                drams.add(z);
            }
        }
        if (packages.isEmpty()) {
            String r = noZonesReason(powercap);
            return List.of(missingCpu(r), missingRam(r));
        }
        List<SensorProbe> out = new ArrayList<>();
        out.add(open("cpu", SourceKind.CPU, packages, env, "the CPU figure is estimated with the load model"));
        if (drams.isEmpty()) {
            out.add(missingRam("no RAPL dram domain under " + powercap + " (the packages "
                    + names(packages) + " have none: client CPUs and AMD processors usually expose only"
                    + " package and core); RAM is estimated per GB instead"));
        } else {
            out.add(open("ram", SourceKind.RAM, drams, env, "the RAM figure is estimated per GB"));
        }
        return out;
    }

    /** Opens a sensor over the zones, or says why it cannot. */
    private SensorProbe open(String id, SourceKind kind, List<RaplZone> zones, SensorEnvironment env,
                             String fallback) {
        String probeName = kind == SourceKind.CPU ? CPU_PROBE : RAM_PROBE;
        long[] baseline = new long[zones.size()];
        for (int i = 0; i < zones.size(); i++) {
            Path f = zones.get(i).energyFile();
            try {
                baseline[i] = reader.readLong(f);
                if (baseline[i] < 0 || baseline[i] > zones.get(i).maxEnergyRangeUj()) {
                    return missing(probeName, kind, f + " reads " + baseline[i] + " µJ, outside its range [0, "
                            + zones.get(i).maxEnergyRangeUj() + "] (max_energy_range_uj); " + fallback);
                }
            } catch (AccessDeniedException e) {
                return missing(probeName, kind, rootOnlyReason(f, fallback));
            } catch (IOException e) {
                if (Files.exists(f) && !Files.isReadable(f)) {
                    return missing(probeName, kind, rootOnlyReason(f, fallback));
                }
                return missing(probeName, kind, "cannot read " + f + ": " + e + "; " + fallback);
            }
        }
        Path stat = null;
        ProcessShare share = null;
        if (env.mode() == TrackingMode.PROCESS) {
            stat = env.proc("stat");
            if (env.processCpuNanos() == null || env.processCpuNanos().getAsLong() < 0) {
                return missing(probeName, kind, "process tracking needs this process's CPU time, which this JVM"
                        + " does not report; use machine tracking");
            }
            try {
                share = new ProcessShare(env.processCpuNanos(), ProcStat.read(stat));
            } catch (IOException e) {
                return missing(probeName, kind, "process tracking needs " + stat + " (" + e.getMessage() + ")");
            }
        }
        RaplEnergySensor sensor = new RaplEnergySensor(id, kind, zones, baseline, reader, nanoTime, stat, share);
        return SensorProbe.found(probeName, sensor, sensor.description());
    }

    /**
     * The RAPL zones under the powercap directory by id, sorted by their numbers. Subzones are
     * listed there too (as links) on current kernels; the package directories are searched as well
     * for kernels or trees that keep them only nested. A zone whose files cannot be read is skipped;
     * its energy file is checked later, with a precise message.
     */
    private Map<String, RaplZone> scan(Path powercap) throws IOException {
        Map<String, Path> dirs = new LinkedHashMap<>();
        collect(powercap, dirs);
        for (Map.Entry<String, Path> e : List.copyOf(dirs.entrySet())) {
            if (PACKAGE_ZONE.matcher(e.getKey()).matches() && Files.isDirectory(e.getValue())) {
                collect(e.getValue(), dirs);
            }
        }
        List<String> ids = new ArrayList<>(dirs.keySet());
        ids.sort(Comparator.comparing(RaplSensorProvider::numbers, RaplSensorProvider::compareNumbers));
        Map<String, RaplZone> zones = new LinkedHashMap<>();
        for (String id : ids) {
            Path dir = dirs.get(id);
            try {
                String name = reader.read(dir.resolve("name")).strip();
                long max = reader.readLong(dir.resolve("max_energy_range_uj"));
                if (max > 0 && !name.isEmpty()) {
                    zones.put(id, new RaplZone(id, name, dir, max));
                }
            } catch (IOException e) {
                // Not a usable zone (no name or range); leave it out rather than guess its wrap point.
            }
        }
        return zones;
    }

    private static void collect(Path dir, Map<String, Path> into) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if ((PACKAGE_ZONE.matcher(n).matches() || SUB_ZONE.matcher(n).matches()) && !into.containsKey(n)) {
                    into.put(n, p);
                }
            }
        }
    }

    private static int[] numbers(String id) {
        Matcher m = Pattern.compile("\\d+").matcher(id);
        List<Integer> l = new ArrayList<>();
        while (m.find()) {
            l.add(Integer.parseInt(m.group()));
        }
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int compareNumbers(int[] a, int[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static String names(List<RaplZone> zones) {
        return String.join(", ", zones.stream().map(RaplZone::name).toList());
    }

    private static SensorProbe missing(String name, SourceKind kind, String reason) {
        return SensorProbe.missing(name, kind, Method.MEASURED_COUNTER, reason);
    }

    private static SensorProbe missingCpu(String reason) {
        return missing(CPU_PROBE, SourceKind.CPU, reason);
    }

    private static SensorProbe missingRam(String reason) {
        return missing(RAM_PROBE, SourceKind.RAM, reason);
    }
}
