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
        final double utilisation;
        final long t0 = System.nanoTime();

        ConstantSensor(String id, SourceKind kind, Method method, double watts) {
            this(id, kind, method, watts, 50.0);
        }

        ConstantSensor(String id, SourceKind kind, Method method, double watts, double utilisation) {
            this.id = id;
            this.kind = kind;
            this.method = method;
            this.watts = watts;
            this.utilisation = utilisation;
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
            return new PowerReading(watts, joules, Map.of("utilization_percent", utilisation));
        }
    }

    /** Runs a job that waits for {@code minSamples} power samples, with these sensors and settings. */
    private RunRecord run(Sensors sensors, EnergySettings settings, int minSamples) throws InterruptedException {
        EventBus bus = new EventBus();
        CountDownLatch samples = new CountDownLatch(minSamples);
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
            return new JobResult(Map.of());
        }).await();
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunStatus.FINISHED);
        return r;
    }

    private Map<String, String> emissions(RunRecord r) throws Exception {
        return EmissionsCsv.read(workspace.resolve("runs").resolve(r.id()).resolve("emissions.csv")).get(0);
    }

    private static double number(Map<String, String> row, String column) {
        return Double.parseDouble(row.get(column));
    }

    @Test
    void emissionsCsvHasCodeCarbonsMeanPowersGpuUtilisationAndOnSiteWater() throws Exception {
        Sensors sensors = Sensors.select(List.of(
                SensorProbe.found("gpu 0",
                        new ConstantSensor("gpu0", SourceKind.GPU, Method.MEASURED_COUNTER, 300, 40), ""),
                SensorProbe.found("gpu 1",
                        new ConstantSensor("gpu1", SourceKind.GPU, Method.MEASURED_POWER, 100, 80), ""),
                SensorProbe.found("cpu", new ConstantSensor("cpu", SourceKind.CPU, Method.ESTIMATED, 40), ""),
                SensorProbe.found("ram", new ConstantSensor("ram", SourceKind.RAM, Method.ESTIMATED, 5), "")));
        RunRecord r = run(sensors, new EnergySettings(TrackingMode.MACHINE, null, 50,
                new FootprintSettings("DEU", 1.2, 0.5, null, null), "test"), 10);
        Map<String, String> row = emissions(r);

        // the mean of the readings: each constant source's own power, the GPUs' summed; energy ÷ the
        // run's duration would be lower, since the run starts before the first reading and ends after the last
        assertThat(number(row, "cpu_power")).isCloseTo(40, within(1e-9));
        assertThat(number(row, "gpu_power")).isCloseTo(400, within(1e-9));
        assertThat(number(row, "ram_power")).isCloseTo(5, within(1e-9));
        assertThat(number(row, "cpu_energy") / 1.2 * 3.6e6 / number(row, "duration")).isLessThan(40);
        // every GPU's samples, pooled (equal counts here): (40 + 80) / 2
        assertThat(number(row, "gpu_utilization_percent")).isCloseTo(60, within(1e-9));
        assertThat(row.get("gpu_count")).isEqualTo("2");

        // water_consumed: WUE × energy_consumed, as CodeCarbon; run.json keeps on-site + off-site
        double facility = r.summary().get("energy/kwh") * 1.2;
        assertThat(number(row, "energy_consumed")).isCloseTo(facility, within(1e-15));
        assertThat(number(row, "water_consumed")).isCloseTo(0.5 * facility, within(1e-15));
        assertThat(r.summary().get("water/l")).isGreaterThan(number(row, "water_consumed"));
    }

    @Test
    void withoutAGpuEmissionsCsvSaysZeroGpuPowerAndUtilisationAsCodeCarbonDoes() throws Exception {
        Sensors sensors = Sensors.select(List.of(
                SensorProbe.found("cpu", new ConstantSensor("cpu", SourceKind.CPU, Method.ESTIMATED, 40), "")));
        RunRecord r = run(sensors, new EnergySettings(TrackingMode.MACHINE, null, 50, FootprintSettings.defaults(),
                "test"), 3);
        Map<String, String> row = emissions(r);
        assertThat(row.get("gpu_power")).isEqualTo("0");
        assertThat(row.get("gpu_utilization_percent")).isEqualTo("0");
        // a constant sensor reports no load or RAM figures: CodeCarbon writes 0, not an empty cell
        assertThat(row.get("cpu_utilization_percent")).isEqualTo("0");
        assertThat(row.get("ram_utilization_percent")).isEqualTo("0");
        assertThat(row.get("ram_used_gb")).isEqualTo("0");
        assertThat(row.get("gpu_count")).isEqualTo("0");
        assertThat(row.get("water_consumed")).isEqualTo("0");
        assertThat(number(row, "cpu_power")).isCloseTo(40, within(1e-9));
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
