package dev.joulebench.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class PowerSamplerTest {
    /** A sensor whose readings the test scripts. */
    static final class ScriptedSensor implements PowerSensor {
        final String id;
        final Method method;
        final AtomicReference<Object> next = new AtomicReference<>();
        int closed;

        ScriptedSensor(String id, Method method) {
            this.id = id;
            this.method = method;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public SourceKind kind() {
            return id.startsWith("gpu") ? SourceKind.GPU : id.equals("ram") ? SourceKind.RAM : SourceKind.CPU;
        }

        @Override
        public Method method() {
            return method;
        }

        @Override
        public String description() {
            return "scripted " + id;
        }

        @Override
        public PowerReading read() throws SensorException {
            Object o = next.get();
            if (o instanceof SensorException e) {
                throw e;
            }
            return (PowerReading) o;
        }

        @Override
        public void close() {
            closed++;
        }
    }

    @Test
    void writesTaggedColumnsLeavesGapsAndFeedsTheLedger(@TempDir Path dir) throws Exception {
        ScriptedSensor cpu = new ScriptedSensor("cpu", Method.ESTIMATED);
        ScriptedSensor gpu = new ScriptedSensor("gpu0", Method.MEASURED_COUNTER);
        double[] now = {0};
        EnergyLedger ledger = new EnergyLedger();
        List<PowerSampler.Tick> ticks = new CopyOnWriteArrayList<>();
        Path csv = dir.resolve("power.csv");
        PowerSampler sampler = new PowerSampler(List.of(cpu, gpu), ledger, () -> now[0], csv, ticks::add);
        for (int i = 0; i <= 4; i++) {
            now[0] = i * 0.5;
            cpu.next.set(PowerReading.power(20));
            gpu.next.set(i == 2 ? new SensorException("GPU is lost") : new PowerReading(150, 150.0 * now[0], Map.of()));
            sampler.sample();
        }
        sampler.close();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("t,cpu_watts_estimated,gpu0_watts_measured,gpu0_joules_measured");
        assertThat(lines).hasSize(1 + 5);
        assertThat(lines.get(1)).isEqualTo("0.000,20.000,150.000,0.000");
        assertThat(lines.get(3)).isEqualTo("1.000,20.000,,");
        assertThat(ticks.get(2).watts()).containsOnlyKeys("cpu");
        var totals = ledger.totals();
        assertThat(totals.get(0).joules()).isCloseTo(40, within(1e-9)); // 20 W x 2 s
        assertThat(totals.get(1).joules()).isCloseTo(300, within(1e-9)); // counter 150 W x 2 s, across the gap
        assertThat(totals.get(1).failedReads()).isEqualTo(1);
        assertThat(sampler.errors()).containsEntry("gpu0", "GPU is lost");
    }

    @Test
    void scheduledSamplingRunsOnItsNamedThreadAndTakesAFinalReadingAtClose(@TempDir Path dir) throws Exception {
        ScriptedSensor cpu = new ScriptedSensor("cpu", Method.ESTIMATED);
        cpu.next.set(PowerReading.power(10));
        long t0 = System.nanoTime();
        List<String> threads = new CopyOnWriteArrayList<>();
        EnergyLedger ledger = new EnergyLedger();
        PowerSampler sampler = new PowerSampler(List.of(cpu), ledger, () -> (System.nanoTime() - t0) / 1e9, null,
                tick -> threads.add(Thread.currentThread().getName()));
        sampler.start(50, "power-sampler-test");
        while (threads.size() < 5) {
            Thread.onSpinWait();
        }
        sampler.close();
        int atClose = threads.size();
        assertThat(threads.subList(0, 5)).containsOnly("power-sampler-test");
        assertThat(threads.get(atClose - 1)).isEqualTo(Thread.currentThread().getName());
        assertThat(ledger.totals().get(0).samples()).isEqualTo(atClose);
    }

    @Test
    void bestSensorPerIdIsChosenAndTheOthersClosed() {
        ScriptedSensor rapl = new ScriptedSensor("cpu", Method.MEASURED_COUNTER);
        ScriptedSensor model = new ScriptedSensor("cpu", Method.ESTIMATED);
        ScriptedSensor ram = new ScriptedSensor("ram", Method.ESTIMATED);
        Sensors s = Sensors.select(List.of(
                SensorProbe.found("CPU load model", model, "TDP 100 W"),
                SensorProbe.found("RAPL", rapl, "package-0"),
                SensorProbe.missing("NVML", SourceKind.GPU, Method.MEASURED_COUNTER, "libnvidia-ml.so.1 not found"),
                SensorProbe.found("RAM model", ram, "0.3725 W/GB")));
        assertThat(s.selected()).containsExactly(rapl, ram);
        assertThat(model.closed).isEqualTo(1);
        assertThat(rapl.closed).isZero();
        assertThat(s.probes()).hasSize(4);
        s.close();
        assertThat(rapl.closed).isEqualTo(1);
    }
}
