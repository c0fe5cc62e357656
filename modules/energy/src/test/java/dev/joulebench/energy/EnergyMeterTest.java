package dev.joulebench.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.JobResult;
import dev.joulebench.core.JobRunner;
import dev.joulebench.core.MonotonicClock;
import dev.joulebench.core.event.EventBus;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.provenance.ProvenanceCollector;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.energy.footprint.EmissionsCsv;
import dev.joulebench.energy.footprint.Footprint;
import dev.joulebench.energy.footprint.FootprintSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The meter attached to a real run through the job runner, with scripted sensors of known power. */
@Timeout(60)
class EnergyMeterTest {
    @TempDir
    Path workspace;

    /** A constant-power source on the run's clock: the counter is exact, so the total is P x covered time. */
    static final class ConstantSensor implements PowerSensor {
        final String id;
        final SourceKind kind;
        final Method method;
        final double watts;
        final long t0 = System.nanoTime();

        ConstantSensor(String id, SourceKind kind, Method method, double watts) {
            this.id = id;
            this.kind = kind;
            this.method = method;
            this.watts = watts;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public SourceKind kind() {
            return kind;
        }

        @Override
        public Method method() {
            return method;
        }

        @Override
        public String description() {
            return "constant " + watts + " W";
        }

        @Override
        public PowerReading read() {
            double joules = method == Method.MEASURED_COUNTER ? watts * (System.nanoTime() - t0) / 1e9 : Double.NaN;
            return new PowerReading(watts, joules, Map.of("utilization_percent", 50.0));
        }
    }

    @Test
    void aRunGetsPowerCsvEmissionsCsvAndEnergyPerSourceAndPhase() throws Exception {
        Sensors sensors = Sensors.select(List.of(
                SensorProbe.found("fake gpu", new ConstantSensor("gpu0", SourceKind.GPU, Method.MEASURED_COUNTER, 300), ""),
                SensorProbe.found("fake cpu", new ConstantSensor("cpu", SourceKind.CPU, Method.ESTIMATED, 40), ""),
                SensorProbe.missing("RAPL", SourceKind.CPU, Method.MEASURED_COUNTER, "no powercap zones")));
        EnergySettings settings = new EnergySettings(TrackingMode.MACHINE, null, 50,
                new FootprintSettings("DEU", 1.2, 0.5, null, null), "test");
        EventBus bus = new EventBus();
        CountDownLatch samples = new CountDownLatch(10);
        bus.subscribe("test", e -> {
            if (e instanceof RunEvent.PowerSample) {
                samples.countDown();
            }
        });
        JobRunner runner = new JobRunner(new RunStore(workspace), bus, MonotonicClock.system(),
                new ProvenanceCollector(List.of()),
                List.of(spec -> new EnergyMeter(settings, () -> sensors, Footprint.bundled())));
        RunRecord r = runner.submit(TrainSpec.of("bp", "samples", "mlp:784-10"), ctx -> {
            ctx.phase("train");
            assertThat(samples.await(20, TimeUnit.SECONDS)).isTrue();
            ctx.phase("eval");
            return new JobResult(Map.of());
        }).await();
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunStatus.FINISHED);
        Path dir = workspace.resolve("runs").resolve(r.id());

        List<String> power = Files.readAllLines(dir.resolve("power.csv"));
        assertThat(power.get(0)).isEqualTo("t,cpu_watts_estimated,gpu0_watts_measured,gpu0_joules_measured");
        assertThat(power.size()).isGreaterThan(10);
        assertThat(Files.readAllLines(dir.resolve("emissions.csv")).get(0)).isEqualTo(String.join(",", EmissionsCsv.HEADER));

        double gpuKwh = r.summary().get("energy/gpu_kwh");
        double cpuKwh = r.summary().get("energy/cpu_kwh");
        // both sources cover the same span, so their energies stand in the ratio of their powers
        assertThat(gpuKwh / cpuKwh).isCloseTo(300.0 / 40.0, within(0.05));
        assertThat(r.summary().get("energy/kwh")).isCloseTo(gpuKwh + cpuKwh, within(1e-15));
        assertThat(r.summary().get("energy/estimated_share")).isCloseTo(40.0 / 340.0, within(0.01));
        assertThat(r.summary().get("energy/train_kwh") + r.summary().get("energy/eval_kwh")
                + r.summary().getOrDefault("energy/setup_kwh", 0.0)).isCloseTo(gpuKwh + cpuKwh, within(1e-12));

        JsonNode energy = dev.joulebench.core.Json.mapper().readTree(Files.readString(dir.resolve("run.json")))
                .at("/reports/energy");
        double g = energy.at("/carbon_intensity/gPerKwh").asDouble();
        double ewif = energy.at("/water_intensity/ewifLPerKwh").asDouble();
        double it = r.summary().get("energy/kwh");
        assertThat(r.summary().get("co2e/kg")).isCloseTo(it * 1.2 * g / 1000, within(1e-15));
        assertThat(r.summary().get("water/l")).isCloseTo(it * (0.5 + 1.2 * ewif), within(1e-15));
        assertThat(energy.get("sources").get(1).get("method").asText()).isEqualTo("measured");
        assertThat(energy.get("sources").get(0).get("method").asText()).isEqualTo("estimated");
        assertThat(energy.get("not_found").toString()).contains("no powercap zones");
    }
}
