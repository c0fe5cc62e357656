package dev.joulebench.energy.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuTdpTest {
    final CpuTdpTable table = CpuTdpTable.load();

    @Test
    void userFigureWins() {
        CpuTdp t = CpuTdp.resolve(95.0, new CpuInfo("AMD EPYC 7763 64-Core Processor", 128), 128, table, null);
        assertThat(t.watts()).isEqualTo(95.0);
        assertThat(t.origin()).contains("user", "--cpu-tdp");
    }

    @Test
    void tableRowIsNamedWithItsSource() {
        CpuTdp t = CpuTdp.resolve(null, new CpuInfo("AMD EPYC 7763 64-Core Processor", 128), 128, table, null);
        assertThat(t.watts()).isEqualTo(280.0);
        assertThat(t.origin()).contains("'AMD EPYC 7763'", "CodeCarbon cpu_power.csv @ b05965e4");
    }

    @Test
    void unknownModelGetsThreadsTimesFourWattsWithTheReason() {
        CpuTdp t = CpuTdp.resolve(null, new CpuInfo("AMD EPYC", 2), 2, table, null);
        assertThat(t.watts()).isEqualTo(8.0);
        assertThat(t.origin()).contains("2 threads × 4 W", "CodeCarbon", "'AMD EPYC' is not in", "--cpu-tdp");
    }

    @Test
    void noModelNameOrNoTable() {
        assertThat(CpuTdp.resolve(null, new CpuInfo(null, 8), 8, table, null).origin())
                .contains("names no CPU model");
        CpuTdp t = CpuTdp.resolve(null, new CpuInfo("AMD EPYC 7763", 8), 8, null, "missing resource");
        assertThat(t.watts()).isEqualTo(32.0);
        assertThat(t.origin()).contains("could not be read: missing resource");
    }
}
