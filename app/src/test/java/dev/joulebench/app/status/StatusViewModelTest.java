package dev.joulebench.app.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.app.jobs.JobService;
import dev.joulebench.core.provenance.ProvenanceCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusViewModelTest {
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "test-coalescer"));
    private final List<Runnable> submitted = new ArrayList<>();
    private final JobService jobs = new JobService(submitted::add, Runnable::run, timer,
            new ProvenanceCollector(List.of()));

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
    }

    @Test
    void probesNameTheDeviceAndEachSensorWithItsMethod() {
        StatusViewModel s = new StatusViewModel(jobs);
        s.probe(Runnable::run, Runnable::run, () -> "gpu:0", () -> List.of(
                new SensorInfo("cpu", "measured", "RAPL package-0"),
                new SensorInfo("ram", "estimated", "0.3725 W/GB")));
        assertThat(s.deviceProperty().get()).isEqualTo("device: gpu:0");
        assertThat(s.sensorsProperty().get()).isEqualTo("sensors: cpu measured · ram estimated");
        assertThat(s.sensorDetailProperty().get()).isEqualTo("cpu (measured): RAPL package-0\nram (estimated): 0.3725 W/GB");
    }

    @Test
    void aFailingDeviceProbeFallsBackToCpuAndSaysWhy() {
        StatusViewModel s = new StatusViewModel(jobs);
        s.probe(Runnable::run, Runnable::run, () -> {
            throw new IllegalStateException("no natives");
        }, List::of);
        assertThat(s.deviceProperty().get()).isEqualTo("device: cpu (PyTorch not loaded: no natives)");
        assertThat(s.sensorsProperty().get()).isEqualTo("sensors: none");
    }

    @Test
    void jobTextFollowsTheJobService() {
        StatusViewModel s = new StatusViewModel(jobs);
        assertThat(s.jobProperty().get()).isEqualTo("idle");
        assertThat(s.progressProperty().get()).isEqualTo(0.0);
        jobs.start(dev.joulebench.core.spec.TrainSpec.of("bp", "samples", "mlp:784-10"), java.nio.file.Path.of("ws"),
                null);
        assertThat(s.jobProperty().get()).startsWith("starting");
        assertThat(s.progressProperty().get()).isEqualTo(-1.0);
    }
}
