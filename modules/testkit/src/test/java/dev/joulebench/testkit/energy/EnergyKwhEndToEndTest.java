package dev.joulebench.testkit.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.joulebench.core.JobResult;
import dev.joulebench.core.JobRunner;
import dev.joulebench.core.event.EventBus;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.core.provenance.ProvenanceCollector;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.energy.EnergyMeter;
import dev.joulebench.energy.EnergySettings;
import dev.joulebench.energy.Method;
import dev.joulebench.energy.PowerLog;
import dev.joulebench.energy.SensorProbe;
import dev.joulebench.energy.Sensors;
import dev.joulebench.energy.SourceKind;
import dev.joulebench.energy.TrackingMode;
import dev.joulebench.energy.footprint.Csv;
import dev.joulebench.energy.footprint.EmissionsCsv;
import dev.joulebench.energy.footprint.Footprint;
import dev.joulebench.energy.footprint.FootprintSettings;
import dev.joulebench.testkit.ManualClock;
import dev.joulebench.testkit.RecordingListener;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Absolute kWh end to end: a run through the JobRunner with the energy meter attached and sensors of
 * known power on a ManualClock. The sampler's first reading is at t = 0 (its start waits for it) and
 * its last at the run's end, and the clock moves only when the job moves it, so the covered time is
 * exactly the run's 90 s; constant power makes the trapezoid and the counter exact. What is left is
 * floating-point rounding of a few sums, hence the relative tolerance of 1e-12.
 */
@Timeout(60)
class EnergyKwhEndToEndTest {
    static final double CPU_W = 50;
    static final double GPU_W = 300;
    static final double TRAIN_S = 60;
    static final double EVAL_S = 30;

    @TempDir
    Path workspace;

    @Test
    void runJsonAndEmissionsCsvGiveWattsTimesSecondsOver3point6e6() throws Exception {
        ManualClock clock = new ManualClock();
        double[] start = {Double.NaN};
        Sensors sensors = Sensors.select(List.of(
                SensorProbe.found("fake cpu", new ConstantPowerSensor("cpu", SourceKind.CPU, Method.ESTIMATED, CPU_W,
                        () -> clock.nanoTime() / 1e9), "50 W"),
                SensorProbe.found("fake gpu", new ConstantPowerSensor("gpu0", SourceKind.GPU, Method.MEASURED_COUNTER,
                        GPU_W, () -> clock.nanoTime() / 1e9), "300 W")));
        EnergySettings settings = new EnergySettings(TrackingMode.MACHINE, null, 20,
                new FootprintSettings("FRA", 1.0, 0.0, null, null), "kwh-test");
        RecordingListener events = new RecordingListener();
        RunRecord r;
        try (EventBus bus = new EventBus()) {
            bus.subscribe("test", events);
            JobRunner runner = new JobRunner(new RunStore(workspace), bus, clock, new ProvenanceCollector(List.of()),
                    List.of(spec -> new EnergyMeter(settings, () -> sensors, Footprint.bundled())));
            r = runner.submit(TrainSpec.of("bp", "samples", "mlp:784-10"), ctx -> {
                start[0] = ctx.elapsed();
                ctx.phase("train");
                clock.advanceSeconds(TRAIN_S);
                ctx.phase("eval");
                clock.advanceSeconds(EVAL_S);
                return new JobResult(Map.of());
            }).await();
            assertThat(bus.drain(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunStatus.FINISHED);
        assertThat(start[0]).isZero();
        double seconds = TRAIN_S + EVAL_S;
        assertThat(r.durationSeconds()).isEqualTo(seconds);
        double cpuKwh = CPU_W * seconds / 3.6e6;
        double gpuKwh = GPU_W * seconds / 3.6e6;

        Map<String, Double> s = r.summary();
        assertThat(s.get(MetricKeys.energyOf("cpu"))).isCloseTo(cpuKwh, within(cpuKwh * 1e-12));
        assertThat(s.get(MetricKeys.energyOf("gpu"))).isCloseTo(gpuKwh, within(gpuKwh * 1e-12));
        assertThat(s.get(MetricKeys.ENERGY_KWH)).isCloseTo(cpuKwh + gpuKwh, within((cpuKwh + gpuKwh) * 1e-12));
        double perW = 1 / 3.6e6;
        assertThat(s.get(MetricKeys.energyOf("train"))).isCloseTo((CPU_W + GPU_W) * TRAIN_S * perW, within(1e-15));
        assertThat(s.get(MetricKeys.energyOf("eval"))).isCloseTo((CPU_W + GPU_W) * EVAL_S * perW, within(1e-15));
        assertThat(s.getOrDefault(MetricKeys.energyOf("setup"), 0.0)).isCloseTo(0, within(1e-18));
        assertThat(s.get(MetricKeys.ENERGY_UNMEASURED_SECONDS)).isZero();
        assertThat(s.get(MetricKeys.ENERGY_ESTIMATED_SHARE)).isCloseTo(CPU_W / (CPU_W + GPU_W), within(1e-12));

        Path dir = workspace.resolve("runs").resolve(r.id());
        List<List<String>> csv;
        try (Reader in = Files.newBufferedReader(dir.resolve(EmissionsCsv.FILE_NAME))) {
            csv = Csv.parse(in);
        }
        assertThat(csv.get(0)).isEqualTo(EmissionsCsv.HEADER);
        List<String> row = csv.get(1);
        // PUE 1: CodeCarbon's facility energies equal the IT energies
        assertThat(Double.parseDouble(row.get(EmissionsCsv.HEADER.indexOf("cpu_energy"))))
                .isCloseTo(cpuKwh, within(cpuKwh * 1e-12));
        assertThat(Double.parseDouble(row.get(EmissionsCsv.HEADER.indexOf("gpu_energy"))))
                .isCloseTo(gpuKwh, within(gpuKwh * 1e-12));
        assertThat(Double.parseDouble(row.get(EmissionsCsv.HEADER.indexOf("energy_consumed"))))
                .isCloseTo(cpuKwh + gpuKwh, within((cpuKwh + gpuKwh) * 1e-12));
        assertThat(Double.parseDouble(row.get(EmissionsCsv.HEADER.indexOf("cpu_power")))).isCloseTo(CPU_W, within(1e-9));
        assertThat(Double.parseDouble(row.get(EmissionsCsv.HEADER.indexOf("duration")))).isEqualTo(seconds);

        // the last energy update is the ledger's final figure, and power.csv replays to it
        List<RunEvent.EnergyUpdate> updates = events.ofType(RunEvent.EnergyUpdate.class);
        assertThat(updates).isNotEmpty();
        RunEvent.EnergyUpdate last = updates.get(updates.size() - 1);
        assertThat(last.totalJoules()).isCloseTo((CPU_W + GPU_W) * seconds, within(1e-9));
        assertThat(last.methods()).containsEntry("cpu", "estimated (model)")
                .containsEntry("gpu0", "measured (energy counter)");
        List<RunEvent> all = events.events();
        assertThat(all.indexOf(last)).isLessThan(all.indexOf(events.awaitEvent(RunEvent.RunEnded.class,
                Duration.ofSeconds(1))));
        PowerLog.Point replayed = PowerLog.read(dir.resolve("power.csv")).cumulative().stream()
                .reduce((a, b) -> b).orElseThrow();
        assertThat(replayed.totalJoules()).isCloseTo(last.totalJoules(), within(1e-6));
    }
}
