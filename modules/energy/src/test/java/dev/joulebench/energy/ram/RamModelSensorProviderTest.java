package dev.joulebench.energy.ram;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RamModelSensorProviderTest {
    @TempDir
    Path root;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(root.resolve("proc/self"));
        Files.writeString(root.resolve("proc/meminfo"), """
                MemTotal:       16318488 kB
                MemFree:         1234567 kB
                MemAvailable:    8159244 kB
                Buffers:          123456 kB
                """);
        Files.writeString(root.resolve("proc/self/status"), """
                Name:\tjava
                VmPeak:\t 9000000 kB
                VmRSS:\t 2097152 kB
                Threads:\t42
                """);
    }

    SensorProbe probe(TrackingMode mode) {
        List<SensorProbe> probes = new RamModelSensorProvider().probe(new SensorEnvironment(root, mode, null, () -> 0));
        assertThat(probes).hasSize(1);
        return probes.get(0);
    }

    @Test
    void machineModeIsWattsPerGbTimesMemTotal() throws Exception {
        SensorProbe p = probe(TrackingMode.MACHINE);
        assertThat(p.available()).isTrue();
        assertThat(p.kind()).isEqualTo(SourceKind.RAM);
        assertThat(p.method()).isEqualTo(Method.ESTIMATED);
        PowerSensor s = p.sensor();
        assertThat(s.id()).isEqualTo("ram");
        assertThat(s.description()).startsWith("0.3725 W/GB × 15.56 GB (Green Algorithms");
        PowerReading r = s.read();
        assertThat(r.watts()).isCloseTo(16318488.0 / 1024 / 1024 * 0.3725, within(1e-9));
        assertThat(r.joules()).isNaN();
        assertThat(r.extras().get("memory_total_bytes")).isEqualTo(16318488.0 * 1024);
        assertThat(r.extras().get("memory_used_bytes")).isEqualTo((16318488.0 - 8159244) * 1024);
    }

    @Test
    void processModeFollowsTheResidentMemory() throws Exception {
        PowerSensor s = probe(TrackingMode.PROCESS).sensor();
        assertThat(s.description()).contains("VmRSS", "2.00 GB", "Green Algorithms");
        assertThat(s.read().watts()).isCloseTo(2 * 0.3725, within(1e-12));
        Files.writeString(root.resolve("proc/self/status"), "Name:\tjava\nVmRSS:\t 1048576 kB\n");
        PowerReading r = s.read();
        assertThat(r.watts()).isCloseTo(0.3725, within(1e-12));
        assertThat(r.extras().get("process_rss_bytes")).isEqualTo(1024.0 * 1024 * 1024);

        // The sensor keeps the file open (as /proc files never vanish); a status without VmRSS is a failed read.
        Files.writeString(root.resolve("proc/self/status"), "Name:\tjava\n");
        assertThatThrownBy(s::read).isInstanceOf(SensorException.class).hasMessageContaining("no VmRSS");
    }

    @Test
    void missingFilesAreExplained() throws IOException {
        Files.delete(root.resolve("proc/self/status"));
        assertThat(probe(TrackingMode.PROCESS).detail()).contains("self/status", "machine tracking");
        Files.writeString(root.resolve("proc/meminfo"), "MemFree: 1 kB\n");
        assertThat(probe(TrackingMode.MACHINE).detail()).contains("no MemTotal");
        Files.delete(root.resolve("proc/meminfo"));
        SensorProbe p = probe(TrackingMode.MACHINE);
        assertThat(p.available()).isFalse();
        assertThat(p.detail()).contains("cannot read", "meminfo");
    }

    @Test
    void memInfoFields() {
        assertThat(MemInfo.memTotalBytes("MemTotal:       16318488 kB\n")).hasValue(16318488L * 1024);
        assertThat(MemInfo.vmRssBytes("VmRSS:\t    2140 kB\n")).hasValue(2140L * 1024);
        assertThat(MemInfo.memTotalBytes("MemFree: 1 kB\n")).isEmpty();
        assertThat(MemInfo.memTotalBytes("MemTotal: lots kB\n")).isEmpty();
    }
}
