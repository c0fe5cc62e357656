package dev.joulebench.energy.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcStatTest {
    /** A 4-core host running a VM (guest time set), as /proc/stat prints it. */
    static final String FOUR_CORES = """
            cpu  4705 356 584 3699176 23060 0 277 12 1500 20
            cpu0 1393 280 255 924373 7140 0 197 3 400 5
            cpu1 1212 21 116 925198 5381 0 29 3 370 5
            cpu2 1007 32 105 925104 5308 0 30 3 360 5
            cpu3 1093 23 108 924501 5231 0 21 3 370 5
            intr 114930548 113199788 3 0 5 263 0 4 [...]
            ctxt 1990473
            btime 1062191376
            processes 2915
            procs_running 1
            procs_blocked 0
            softirq 183433 0 21755 12 39 1137 231 21459 2263
            """;

    @Test
    void parsesTheAggregateLineWithoutGuestFields() {
        ProcStat s = ProcStat.parse(FOUR_CORES);
        assertThat(s).isEqualTo(new ProcStat(4705, 356, 584, 3699176, 23060, 0, 277, 12, 4));
        // guest (1500) and guest_nice (20) are already inside user and nice.
        assertThat(s.total()).isEqualTo(4705 + 356 + 584 + 3699176 + 23060 + 0 + 277 + 12);
        assertThat(s.busy()).isEqualTo(4705 + 356 + 584 + 277 + 12);
        assertThat(s.totalNanos()).isEqualTo(s.total() * 10_000_000L);
    }

    @Test
    void parsesThisKindOfMachine() {
        ProcStat s = ProcStat.parse("cpu  134740 0 27197 331200 674 0 226 335 0 0\n"
                + "cpu0 70943 0 11903 164051 93 0 20 169 0 0\ncpu1 63796 0 15293 167149 580 0 206 166 0 0\n"
                + "intr 1058738 0 0\nctxt 2233432\n");
        assertThat(s.cpuCount()).isEqualTo(2);
        assertThat(s.steal()).isEqualTo(335);
    }

    @Test
    void oldKernelsWithFewerFieldsCountMissingOnesAsZero() {
        ProcStat s = ProcStat.parse("cpu 10 20 30 40\n");
        assertThat(s.total()).isEqualTo(100);
        assertThat(s.cpuCount()).isZero();
    }

    @Test
    void busyFractionIsBusyDeltaOverTotalDelta() {
        ProcStat a = new ProcStat(100, 0, 50, 800, 50, 0, 0, 0, 2);
        ProcStat b = new ProcStat(160, 0, 70, 880, 70, 5, 5, 10, 2);
        // busy: (160+70+5+5+10) - (100+50) = 100; total: 1200 - 1000 = 200
        assertThat(ProcStat.busyFraction(a, b)).isCloseTo(0.5, within(1e-12));
        assertThat(ProcStat.busyFraction(a, a)).isNaN();
        ProcStat idle = new ProcStat(100, 0, 50, 900, 50, 0, 0, 0, 2);
        assertThat(ProcStat.busyFraction(a, idle)).isZero();
        ProcStat full = new ProcStat(200, 0, 50, 800, 50, 0, 0, 0, 2);
        assertThat(ProcStat.busyFraction(a, full)).isEqualTo(1.0);
    }

    @Test
    void malformedFilesAreIoErrors(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> ProcStat.parse("intr 1 2 3\n")).isInstanceOf(IllegalArgumentException.class);
        Path f = dir.resolve("stat");
        Files.writeString(f, "cpu x y z w\n");
        assertThatThrownBy(() -> ProcStat.read(f)).isInstanceOf(IOException.class);
    }
}
