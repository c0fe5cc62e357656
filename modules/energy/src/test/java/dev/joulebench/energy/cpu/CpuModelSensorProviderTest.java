package dev.joulebench.energy.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.joulebench.energy.Method;
import dev.joulebench.energy.PowerReading;
import dev.joulebench.energy.PowerSensor;
import dev.joulebench.energy.SensorEnvironment;
import dev.joulebench.energy.SensorException;
import dev.joulebench.energy.SensorProbe;
import dev.joulebench.energy.SourceKind;
import dev.joulebench.energy.TrackingMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuModelSensorProviderTest {
    @TempDir
    Path root;

    Path stat;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(root.resolve("proc"));
        stat = root.resolve("proc/stat");
        writeStat(0, 1000);
        Files.writeString(root.resolve("proc/cpuinfo"), """
                processor\t: 0
                model name\t: AMD EPYC 7763 64-Core Processor

                processor\t: 1
                model name\t: AMD EPYC 7763 64-Core Processor

                """);
    }

    /** A two-core /proc/stat with the given busy (user) and idle tick totals. */
    void writeStat(long busy, long idle) throws IOException {
        Files.writeString(stat, "cpu  " + busy + " 0 0 " + idle + " 0 0 0 0 0 0\n"
                + "cpu0 " + busy / 2 + " 0 0 " + idle / 2 + " 0 0 0 0 0 0\n"
                + "cpu1 " + busy / 2 + " 0 0 " + idle / 2 + " 0 0 0 0 0 0\nctxt 1\n");
    }

    SensorProbe probe(TrackingMode mode, Double tdp, AtomicLong procNanos) {
        List<SensorProbe> probes = new CpuModelSensorProvider()
                .probe(new SensorEnvironment(root, mode, tdp, procNanos::get));
        assertThat(probes).hasSize(1);
        return probes.get(0);
    }

    @Test
    void machineModeUsesTheLoadSinceTheLastRead() throws Exception {
        SensorProbe p = probe(TrackingMode.MACHINE, null, new AtomicLong());
        assertThat(p.available()).isTrue();
        assertThat(p.method()).isEqualTo(Method.ESTIMATED);
        assertThat(p.kind()).isEqualTo(SourceKind.CPU);
        PowerSensor s = p.sensor();
        assertThat(s.id()).isEqualTo("cpu");
        assertThat(s.description()).contains("280 W", "'AMD EPYC 7763'", "CodeCarbon cpu_power.csv @ b05965e4");

        // First read: load since the sensor opened (baseline 0 busy / 1000 idle).
        writeStat(100, 1100);
        PowerReading r = s.read();
        assertThat(r.extras().get("load")).isCloseTo(0.5, within(1e-12));
        assertThat(r.watts()).isCloseTo(280 * (0.1 + 0.9 / 8), within(1e-9));
        assertThat(r.joules()).isNaN();
        assertThat(r.extras()).doesNotContainKey("process_share");

        writeStat(300, 1100);
        r = s.read();
        assertThat(r.extras().get("load")).isEqualTo(1.0);
        assertThat(r.watts()).isCloseTo(280, within(1e-9));

        // No tick passed: the last load stands.
        assertThat(s.read().watts()).isCloseTo(280, within(1e-9));

        writeStat(300, 1300);
        assertThat(s.read().watts()).isCloseTo(28, within(1e-9));
    }

    @Test
    void processModeMultipliesByTheProcessShare() throws Exception {
        AtomicLong proc = new AtomicLong(7_000_000_000L);
        PowerSensor s = probe(TrackingMode.PROCESS, 100.0, proc).sensor();
        assertThat(s.description()).contains("100 W set by the user", "process");
        // 200 ticks of 2 cores = 2 s; the process used 0.5 s; load 0.5.
        writeStat(100, 1100);
        proc.addAndGet(500_000_000L);
        PowerReading r = s.read();
        assertThat(r.extras().get("process_share")).isCloseTo(0.25, within(1e-12));
        assertThat(r.watts()).isCloseTo(100 * (0.1 + 0.9 / 8) * 0.25, within(1e-9));
    }

    @Test
    void unknownModelFallsBackToThePerThreadDefault() throws Exception {
        Files.writeString(root.resolve("proc/cpuinfo"),
                "processor\t: 0\nmodel name\t: AMD EPYC\n\nprocessor\t: 1\nmodel name\t: AMD EPYC\n\n");
        SensorProbe p = probe(TrackingMode.MACHINE, null, new AtomicLong());
        assertThat(p.detail()).contains("8 W", "2 threads × 4 W", "not in Joulebench's CPU table");
        writeStat(0, 1200);
        assertThat(p.sensor().read().watts()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void missingProcStatIsAMissingProbe() throws IOException {
        Files.delete(stat);
        SensorProbe p = probe(TrackingMode.MACHINE, null, new AtomicLong());
        assertThat(p.available()).isFalse();
        assertThat(p.sensor()).isNull();
        assertThat(p.detail()).contains("cannot read", "proc/stat");
    }

    @Test
    void badUserTdpAndMissingProcessTimeAreExplained() {
        assertThat(probe(TrackingMode.MACHINE, -5.0, new AtomicLong()).detail()).contains("--cpu-tdp");
        assertThat(probe(TrackingMode.PROCESS, null, new AtomicLong(-1)).detail()).contains("machine tracking");
    }

    @Test
    void readErrorMidRunThrows() throws Exception {
        PowerSensor s = probe(TrackingMode.MACHINE, null, new AtomicLong()).sensor();
        Files.delete(stat);
        assertThatThrownBy(s::read).isInstanceOf(SensorException.class).hasMessageContaining("stat");
    }
}
