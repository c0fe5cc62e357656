package dev.joulebench.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** power.csv written by a live sampler and replayed gives the live ledger's figures. */
class PowerLogTest {
    @TempDir
    Path dir;

    @Test
    void aReplayOfPowerCsvGivesTheLiveLedgersFigures() throws Exception {
        PowerSamplerTest.ScriptedSensor cpu = new PowerSamplerTest.ScriptedSensor("cpu", Method.ESTIMATED);
        PowerSamplerTest.ScriptedSensor gpu = new PowerSamplerTest.ScriptedSensor("gpu0", Method.MEASURED_COUNTER);
        double[] now = {0};
        EnergyLedger live = new EnergyLedger();
        Path csv = dir.resolve("power.csv");
        PowerSampler sampler = new PowerSampler(List.of(cpu, gpu), live, () -> now[0], csv, null);
        for (int i = 0; i <= 10; i++) {
            now[0] = i * 0.5;
            // values with three decimals, so the file's rounding loses nothing
            cpu.next.set(i == 3 ? new SensorException("/proc/stat vanished") : PowerReading.power(20 + i));
            gpu.next.set(i == 6 ? new SensorException("GPU is lost")
                    : new PowerReading(i == 0 ? Double.NaN : 150, 150.0 * now[0], Map.of()));
            sampler.sample();
        }
        sampler.close();

        PowerLog log = PowerLog.read(csv);
        assertThat(log.sources()).extracting(PowerLog.Source::id).containsExactly("cpu", "gpu0");
        assertThat(log.sources()).extracting(PowerLog.Source::method)
                .containsExactly(Method.ESTIMATED, Method.MEASURED_COUNTER);
        assertThat(log.rows()).hasSize(11);
        List<EnergyLedger.SourceTotal> expected = live.totals();
        List<EnergyLedger.SourceTotal> replayed = log.replay().totals();
        for (int i = 0; i < 2; i++) {
            assertThat(replayed.get(i).joules()).isCloseTo(expected.get(i).joules(), within(1e-9));
            assertThat(replayed.get(i).unmeasuredSeconds()).isCloseTo(expected.get(i).unmeasuredSeconds(), within(1e-9));
            assertThat(replayed.get(i).failedReads()).isEqualTo(expected.get(i).failedReads());
            assertThat(replayed.get(i).method()).isEqualTo(expected.get(i).method());
        }
        // the cpu's failed read at 1.5 s leaves [1, 2] unmeasured; the counter bridges the gpu's at 3 s
        assertThat(expected.get(0).unmeasuredSeconds()).isCloseTo(1.0, within(1e-12));
        assertThat(expected.get(1).joules()).isCloseTo(150 * 5, within(1e-9));

        List<PowerLog.Point> curve = log.cumulative();
        assertThat(curve).hasSize(11);
        assertThat(curve.get(0).totalJoules()).isZero();
        for (int i = 1; i < curve.size(); i++) {
            assertThat(curve.get(i).totalJoules()).isGreaterThanOrEqualTo(curve.get(i - 1).totalJoules());
        }
        PowerLog.Point last = curve.get(curve.size() - 1);
        assertThat(last.totalJoules()).isCloseTo(expected.get(0).joules() + expected.get(1).joules(), within(1e-9));
        assertThat(last.methods()).containsEntry("gpu0", Method.MEASURED_COUNTER).containsEntry("cpu", Method.ESTIMATED);
    }

    @Test
    void aKilledRunsHalfRowAndGarbageRowsAreSkippedAndAMissingFileIsEmpty() throws Exception {
        Path csv = dir.resolve("power.csv");
        Files.writeString(csv, "t,cpu_watts_measured,ram_watts_estimated\n0.000,5.000,1.000\nx,1,2\n1.000,5.000,1.000\n2.0");
        PowerLog log = PowerLog.read(csv);
        assertThat(log.rows()).hasSize(2);
        assertThat(log.sources()).extracting(PowerLog.Source::kind).containsExactly(SourceKind.CPU, SourceKind.RAM);
        assertThat(log.replay().totals().get(0).joules()).isCloseTo(5, within(1e-12));
        assertThat(PowerLog.read(dir.resolve("none.csv")).cumulative()).isEmpty();
    }
}
