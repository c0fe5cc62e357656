package dev.joulebench.energy.rapl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.joulebench.energy.Method;
import dev.joulebench.energy.PowerReading;
import dev.joulebench.energy.PowerSensor;
import dev.joulebench.energy.SensorEnvironment;
import dev.joulebench.energy.SensorException;
import dev.joulebench.energy.SensorProbe;
import dev.joulebench.energy.SourceKind;
import dev.joulebench.energy.TrackingMode;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaplSensorProviderTest {
    static final long MAX = 262_143_328_850L;

    @TempDir
    Path root;

    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    Path powercap;

    @BeforeEach
    void setUp() {
        powercap = root.resolve("sys/class/powercap");
    }

    /** Writes a zone the way the kernel shows it: one value and a newline per file. */
    Path zone(String id, String name, long energyUj) throws IOException {
        Path d = powercap.resolve(id);
        Files.createDirectories(d);
        Files.writeString(d.resolve("name"), name + "\n");
        Files.writeString(d.resolve("max_energy_range_uj"), MAX + "\n");
        Files.writeString(d.resolve("energy_uj"), energyUj + "\n");
        Files.writeString(d.resolve("enabled"), "1\n");
        return d;
    }

    static void setEnergy(Path zone, long uj) throws IOException {
        Files.writeString(zone.resolve("energy_uj"), uj + "\n");
    }

    SensorEnvironment env(TrackingMode mode) {
        return new SensorEnvironment(root, mode, null, () -> 0L);
    }

    List<SensorProbe> probe() {
        return new RaplSensorProvider(clock::get, SysfsReader.FILES).probe(env(TrackingMode.MACHINE));
    }

    static SensorProbe byKind(List<SensorProbe> probes, SourceKind kind) {
        Optional<SensorProbe> p = probes.stream().filter(x -> x.kind() == kind).findFirst();
        assertThat(p).as("probe for " + kind).isPresent();
        return p.get();
    }

    @Test
    void twoPackagesAreSummedAndWattsAreDeltaJoulesOverDeltaTime() throws Exception {
        Path p0 = zone("intel-rapl:0", "package-0", 1_000_000);
        Path p1 = zone("intel-rapl:1", "package-1", 2_000_000);
        Path d0 = zone("intel-rapl:0:0", "dram", 500_000);
        zone("intel-rapl:0:1", "core", 0);

        List<SensorProbe> probes = probe();
        SensorProbe cpu = byKind(probes, SourceKind.CPU);
        assertThat(cpu.available()).isTrue();
        assertThat(cpu.name()).isEqualTo("RAPL");
        assertThat(cpu.method()).isEqualTo(Method.MEASURED_COUNTER);
        PowerSensor s = cpu.sensor();
        assertThat(s.id()).isEqualTo("cpu");
        assertThat(s.description()).contains("package-0 + package-1", "intel-rapl:0", "intel-rapl:1")
                .doesNotContain("core");

        setEnergy(p0, 6_000_000);
        setEnergy(p1, 5_000_000);
        clock.addAndGet(1_000_000_000L);
        PowerReading r1 = s.read();
        assertThat(r1.joules()).isCloseTo(8.0, within(1e-9));
        assertThat(r1.watts()).isNaN();

        setEnergy(p0, 8_000_000);
        setEnergy(p1, 7_000_000);
        clock.addAndGet(500_000_000L);
        PowerReading r2 = s.read();
        assertThat(r2.joules()).isCloseTo(12.0, within(1e-9));
        assertThat(r2.watts()).isCloseTo(4.0 / 0.5, within(1e-9));

        SensorProbe ram = byKind(probes, SourceKind.RAM);
        assertThat(ram.available()).isTrue();
        assertThat(ram.name()).isEqualTo("RAPL DRAM");
        assertThat(ram.sensor().id()).isEqualTo("ram");
        assertThat(ram.sensor().method()).isEqualTo(Method.MEASURED_COUNTER);
        setEnergy(d0, 1_500_000);
        clock.addAndGet(1_000_000_000L);
        assertThat(ram.sensor().read().joules()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void wraparoundAddsTheRestOfTheRangePlusTheNewValue() throws Exception {
        Path p0 = zone("intel-rapl:0", "package-0", MAX);
        PowerSensor s = byKind(probe(), SourceKind.CPU).sensor();
        setEnergy(p0, 1000);
        clock.addAndGet(100_000_000L);
        // (max - prev) + 1 + next = 0 + 1 + 1000 µJ
        assertThat(s.read().joules()).isCloseTo(1001e-6, within(1e-12));

        setEnergy(p0, MAX - 5_000_000);
        clock.addAndGet(1_000_000_000L);
        PowerReading r = s.read();
        assertThat(r.joules()).isCloseTo(1001e-6 + (MAX - 5_000_000 - 1000) / 1e6, within(1e-6));

        setEnergy(p0, 3_000_000);
        clock.addAndGet(1_000_000_000L);
        r = s.read();
        assertThat(r.watts()).isCloseTo((5_000_000 + 1 + 3_000_000) / 1e6, within(1e-9));
    }

    @Test
    void aWrappingCounterThroughTheSamplerGivesTheLedgerWattsTimesSeconds() throws Exception {
        long range = 100_000_000L; // 100 J: 40 W for 10 s wraps it four times
        Path p0 = zone("intel-rapl:0", "package-0", 0);
        Files.writeString(p0.resolve("max_energy_range_uj"), range + "\n");
        PowerSensor cpu = byKind(probe(), SourceKind.CPU).sensor();
        dev.joulebench.energy.EnergyLedger ledger = new dev.joulebench.energy.EnergyLedger();
        double[] t = {0};
        dev.joulebench.energy.PowerSampler sampler = new dev.joulebench.energy.PowerSampler(List.of(cpu), ledger,
                () -> t[0], null, null);
        for (int i = 0; i <= 100; i++) {
            t[0] = i * 0.1;
            long totalUj = 4_000_000L * i; // 40 W x 0.1 s per step
            setEnergy(p0, totalUj % (range + 1)); // the kernel's counter restarts at 0 after max_energy_range_uj
            clock.set(1_000_000_000L + 100_000_000L * i);
            sampler.sample();
        }
        sampler.close();
        var total = ledger.totals().get(0);
        assertThat(total.method()).isEqualTo(Method.MEASURED_COUNTER);
        assertThat(total.joules()).isCloseTo(400, within(1e-9));
        assertThat(total.kwh()).isCloseTo(400 / 3.6e6, within(1e-15));
        assertThat(total.peakWatts()).isCloseTo(40, within(1e-9));
        assertThat(total.unmeasuredSeconds()).isZero();
    }

    @Test
    void deltaFormula() {
        assertThat(RaplZone.deltaUj(10, 25, MAX)).isEqualTo(15);
        assertThat(RaplZone.deltaUj(262_143_328_850L, 1000, MAX)).isEqualTo(1001);
        assertThat(RaplZone.deltaUj(MAX - 9, 0, MAX)).isEqualTo(10);
    }

    @Test
    void rootOnlyEnergyCounterSaysWhyAndHowToGrantAccess() throws Exception {
        zone("intel-rapl:0", "package-0", 1);
        zone("intel-rapl:0:0", "dram", 1);
        SysfsReader denyEnergy = p -> {
            if (p.getFileName().toString().equals("energy_uj")) {
                throw new AccessDeniedException(p.toString());
            }
            return Files.readString(p);
        };
        List<SensorProbe> probes = new RaplSensorProvider(clock::get, denyEnergy).probe(env(TrackingMode.MACHINE));
        SensorProbe cpu = byKind(probes, SourceKind.CPU);
        assertThat(cpu.available()).isFalse();
        assertThat(cpu.sensor()).isNull();
        assertThat(cpu.detail()).contains("root only", "CVE-2020-8694",
                "sudo chmod o+r /sys/class/powercap/intel-rapl:*/energy_uj", "udev", "powercap",
                "intel-rapl:0/energy_uj", "load model");
        SensorProbe ram = byKind(probes, SourceKind.RAM);
        assertThat(ram.available()).isFalse();
        assertThat(ram.detail()).contains("root only", "chmod o+r", "per GB");
    }

    @Test
    void realFilePermissionsAreHonouredWhenNotRoot() throws Exception {
        Path p0 = zone("intel-rapl:0", "package-0", 1);
        Path e = p0.resolve("energy_uj");
        Files.setPosixFilePermissions(e, PosixFilePermissions.fromString("---------"));
        try {
            // Root reads files whatever their mode; the seam test above covers that case.
            assumeThat(Files.isReadable(e)).as("running as root").isFalse();
            SensorProbe cpu = byKind(probe(), SourceKind.CPU);
            assertThat(cpu.available()).isFalse();
            assertThat(cpu.detail()).contains("root only", "chmod o+r");
        } finally {
            Files.setPosixFilePermissions(e, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @Test
    void missingDramDomainLeavesCpuAndExplainsRam() throws Exception {
        zone("intel-rapl:0", "package-0", 1);
        zone("intel-rapl:0:0", "core", 1);
        List<SensorProbe> probes = probe();
        assertThat(byKind(probes, SourceKind.CPU).available()).isTrue();
        SensorProbe ram = byKind(probes, SourceKind.RAM);
        assertThat(ram.available()).isFalse();
        assertThat(ram.name()).isEqualTo("RAPL DRAM");
        assertThat(ram.detail()).contains("no RAPL dram domain", "package-0", "per GB");
    }

    @Test
    void noPowercapDirectory() {
        List<SensorProbe> probes = probe();
        SensorProbe cpu = byKind(probes, SourceKind.CPU);
        assertThat(cpu.name()).isEqualTo("RAPL");
        assertThat(cpu.available()).isFalse();
        assertThat(cpu.detail()).isEqualTo("no powercap RAPL zones in " + powercap
                + " (not an Intel/AMD x86 machine, or the intel_rapl/rapl module is not loaded;"
                + " in a VM RAPL is usually not exposed)");
        assertThat(byKind(probes, SourceKind.RAM).available()).isFalse();
    }

    @Test
    void powercapWithoutRaplZonesIsTheSameAsNone() throws Exception {
        Files.createDirectories(powercap.resolve("dtpm"));
        SensorProbe cpu = byKind(probe(), SourceKind.CPU);
        assertThat(cpu.available()).isFalse();
        assertThat(cpu.detail()).startsWith("no powercap RAPL zones");
    }

    @Test
    void psysAndMmioZonesAreNotAddedToThePackages() throws Exception {
        Path p0 = zone("intel-rapl:0", "package-0", 0);
        Path psys = zone("intel-rapl:1", "psys", 0);
        Path mmio = zone("intel-rapl-mmio:0", "package-0", 0);
        PowerSensor s = byKind(probe(), SourceKind.CPU).sensor();
        assertThat(s.description()).doesNotContain("psys", "mmio");
        setEnergy(p0, 2_000_000);
        setEnergy(psys, 9_000_000);
        setEnergy(mmio, 2_000_000);
        assertThat(s.read().joules()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void dramNestedOnlyInsideThePackageDirectoryIsFound() throws Exception {
        Path p0 = zone("intel-rapl:0", "package-0", 0);
        Path d = p0.resolve("intel-rapl:0:0");
        Files.createDirectories(d);
        Files.writeString(d.resolve("name"), "dram\n");
        Files.writeString(d.resolve("max_energy_range_uj"), MAX + "\n");
        Files.writeString(d.resolve("energy_uj"), "7\n");
        SensorProbe ram = byKind(probe(), SourceKind.RAM);
        assertThat(ram.available()).isTrue();
        Files.writeString(d.resolve("energy_uj"), "1000007\n");
        assertThat(ram.sensor().read().joules()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void packagesAreOrderedNumerically() throws Exception {
        for (int i : new int[] {10, 2, 0, 1}) {
            zone("intel-rapl:" + i, "package-" + i, 0);
        }
        assertThat(byKind(probe(), SourceKind.CPU).sensor().description())
                .contains("package-0 + package-1 + package-2 + package-10");
    }

    @Test
    void readErrorMidRunThrowsSensorException() throws Exception {
        Path p0 = zone("intel-rapl:0", "package-0", 5);
        PowerSensor s = byKind(probe(), SourceKind.CPU).sensor();
        Files.delete(p0.resolve("energy_uj"));
        assertThatThrownBy(s::read).isInstanceOf(SensorException.class).hasMessageContaining("energy_uj");
        // After the gap the counter continues from the last good value.
        setEnergy(p0, 1_000_005);
        assertThat(s.read().joules()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void processModeScalesEachIntervalByTheProcessShare() throws Exception {
        Path p0 = zone("intel-rapl:0", "package-0", 0);
        Path stat = root.resolve("proc/stat");
        Files.createDirectories(stat.getParent());
        // 2 cores; totals in ticks of 10 ms.
        Files.writeString(stat, "cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 50 0 50 400 0 0 0 0 0 0\n"
                + "cpu1 50 0 50 400 0 0 0 0 0 0\n");
        AtomicLong procNanos = new AtomicLong(5_000_000_000L);
        SensorEnvironment env = new SensorEnvironment(root, TrackingMode.PROCESS, null, procNanos::get);
        PowerSensor s = byKind(new RaplSensorProvider(clock::get, SysfsReader.FILES).probe(env), SourceKind.CPU)
                .sensor();
        assertThat(s.description()).contains("process");

        // 200 ticks of all cores = 2 s; the process used 0.5 s of it: share 0.25.
        Files.writeString(stat, "cpu  150 0 150 900 0 0 0 0 0 0\n");
        procNanos.addAndGet(500_000_000L);
        setEnergy(p0, 8_000_000);
        clock.addAndGet(1_000_000_000L);
        PowerReading r = s.read();
        assertThat(r.joules()).isCloseTo(2.0, within(1e-9));
        assertThat(r.extras()).containsEntry("process_share", 0.25);

        // Share above 1 (clock granularity) is clamped.
        Files.writeString(stat, "cpu  160 0 150 900 0 0 0 0 0 0\n");
        procNanos.addAndGet(1_000_000_000L);
        setEnergy(p0, 9_000_000);
        clock.addAndGet(1_000_000_000L);
        r = s.read();
        assertThat(r.extras()).containsEntry("process_share", 1.0);
        assertThat(r.joules()).isCloseTo(3.0, within(1e-9));
        assertThat(r.watts()).isCloseTo(1.0, within(1e-9));
    }
}
