package dev.joulebench.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.Json;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Activation spectra every K steps and weight spectra at the end, through a real training run. */
class SpectraDuringTrainingTest {
    @TempDir
    Path workspace;

    @Test
    void snapshotsEveryKStepsPerHiddenLayerAndWeightSpectraAtTheEnd() throws Exception {
        TrainingRuns runs = new TrainingRuns(workspace);
        List<RunEvent.SpectrumSnapshot> snapshots = new CopyOnWriteArrayList<>();
        runs.bus.subscribe("spectra", e -> {
            if (e instanceof RunEvent.SpectrumSnapshot s) {
                snapshots.add(s);
            }
        });
        // 1,600 training images at batch 64: 25 steps an epoch, 50 in all; every 10 steps -> 5 snapshots
        TrainSpec spec = TrainSpec.builder().method("bp").dataset("samples").model("mlp:784-64-32-10").epochs(2).batchSize(64).validationFraction(0.2).limitTrain(2000).seed(4L).device("cpu").threads(2).spectraEvery(10).spectraWindow(128).build();
        RunRecord r = runs.run(spec);
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunStatus.FINISHED);
        runs.bus.drain(5, java.util.concurrent.TimeUnit.SECONDS);
        Path dir = runs.store.resolveDir(r.id());

        List<String> lines = Files.readAllLines(dir.resolve("spectra/activations.jsonl"));
        assertThat(lines).hasSize(5 * 2); // two hidden ReLU layers
        JsonNode first = Json.mapper().readTree(lines.get(0));
        assertThat(first.get("layer").asText()).isEqualTo("relu1");
        assertThat(first.get("step").asLong()).isEqualTo(10);
        assertThat(first.get("samples").asInt()).isEqualTo(128);
        assertThat(first.get("features").asInt()).isEqualTo(64);
        assertThat(first.get("eigenvalues")).hasSizeLessThanOrEqualTo(64);
        assertThat(Json.mapper().readTree(lines.get(1)).get("features").asInt()).isEqualTo(32);
        assertThat(snapshots.stream().filter(s -> s.kind().equals("activation")).count()).isEqualTo(10);

        JsonNode weights = Json.mapper().readTree(Files.readString(dir.resolve("spectra/weights.json")));
        assertThat(weights).hasSize(3);
        assertThat(weights.get(0).get("n").asInt()).isEqualTo(784);
        assertThat(weights.get(0).get("m").asInt()).isEqualTo(64);
        assertThat(weights.get(0).at("/histogram/edges")).isNotEmpty();
        assertThat(weights.get(0).at("/mpCurve/x")).isNotEmpty();
        assertThat(snapshots.stream().filter(s -> s.kind().equals("weight")).count()).isEqualTo(3);
        assertThat(r.summary()).containsKey("spectra/mean_alpha");
    }

    @Test
    void spectraEveryZeroWritesNoActivationSnapshots() throws Exception {
        TrainingRuns runs = new TrainingRuns(workspace);
        TrainSpec spec = TrainSpec.builder().method("bp").dataset("samples").model("mlp:784-16-10").epochs(1).batchSize(64).validationFraction(0.2).limitTrain(500).seed(4L).device("cpu").threads(2).spectraEvery(0).build();
        RunRecord r = runs.run(spec);
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(runs.store.resolveDir(r.id()).resolve("spectra/activations.jsonl")).doesNotExist();
    }
}
