package dev.joulebench.energy.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProcessShareTest {
    static ProcStat totalTicks(long idle) {
        return new ProcStat(0, 0, 0, idle, 0, 0, 0, 0, 4);
    }

    @Test
    void shareIsProcessTimeOverAllCoresTimeClamped() {
        assertThat(ProcessShare.of(1_000, 4_000)).isCloseTo(0.25, within(1e-12));
        assertThat(ProcessShare.of(5_000, 4_000)).isEqualTo(1.0);
        assertThat(ProcessShare.of(-5, 4_000)).isEqualTo(0.0);
        assertThat(ProcessShare.of(5, 0)).isEqualTo(0.0);
    }

    @Test
    void advanceMeasuresEachIntervalAndKeepsTheLastWhenNoTickPassed() {
        AtomicLong proc = new AtomicLong(0);
        ProcessShare s = new ProcessShare(proc::get, totalTicks(1000));
        // 400 ticks of 4 cores = 4 s of CPU time; the process used 1 s.
        proc.set(1_000_000_000L);
        assertThat(s.advance(totalTicks(1400))).isCloseTo(0.25, within(1e-12));
        // No tick: the previous share stands, and the process time is not lost.
        proc.addAndGet(100_000_000L);
        assertThat(s.advance(totalTicks(1400))).isCloseTo(0.25, within(1e-12));
        proc.addAndGet(100_000_000L);
        assertThat(s.advance(totalTicks(1440))).isCloseTo(0.5, within(1e-12));
    }
}
