package dev.joulebench.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeakMemoryMeterTest {
    @Test
    void readsVmHwmAndSaysWhetherThePeakWasReset(@TempDir Path proc) throws Exception {
        Files.writeString(proc.resolve("status"), "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  524288 kB\nVmRSS:\t 1 kB\n");
        PeakMemoryMeter meter = new PeakMemoryMeter(proc);
        meter.start(null);
        assertThat(Files.readString(proc.resolve("clear_refs"))).isEqualTo("5");
        RunInstrument.Report r = meter.stop(null);
        assertThat(r.summary()).containsEntry("memory/peak_rss_mib", 512.0);
        assertThat(r.detail().toString()).contains("after resetting");
    }

    @Test
    void withoutProcThereIsNoReport(@TempDir Path proc) {
        PeakMemoryMeter meter = new PeakMemoryMeter(proc.resolve("missing"));
        meter.start(null);
        assertThat(meter.stop(null)).isNull();
    }

    @Test
    void theRealProcessHasAPeak() {
        PeakMemoryMeter meter = new PeakMemoryMeter();
        meter.start(null);
        RunInstrument.Report r = meter.stop(null);
        if (Files.isRegularFile(Path.of("/proc/self/status"))) {
            assertThat(r.summary().get("memory/peak_rss_mib")).isPositive();
        }
    }
}
