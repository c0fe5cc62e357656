package dev.joulebench.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.spec.InvalidSpecException;
import dev.joulebench.core.spec.SpecProblem;
import dev.joulebench.core.RunHandle;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.spec.EvalSpec;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.nn.Checkpoint;
import dev.joulebench.nn.Classifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backprop on the shipped Fashion-MNIST subset, through the job runner as the CLI and app use it. */
class BackpropTrainingTest {
    @TempDir
    Path workspace;

    @Test
    void learnsFashionMnistSubsetFarAboveChance() throws Exception {
        TrainingRuns runs = new TrainingRuns(workspace);
        RunRecord r = runs.run(TrainingRuns.samples("mlp:784-128-10", 2, 4000, 1));
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunStatus.FINISHED);
        // 10 classes: chance is 0.10; a small MLP on 3,200 images reaches ~0.75-0.80 in 2 epochs.
        assertThat(r.summary().get("test/accuracy")).isGreaterThan(0.70);
        assertThat(r.summary().get("val/best_accuracy")).isGreaterThan(0.70);
        assertThat(r.summary().get("epochs")).isEqualTo(2.0);
        assertThat(r.summary().get("params")).isEqualTo(784 * 128 + 128 + 128 * 10 + 10.0);
        List<String> lines = runs.metricLines(r);
        double firstLoss = value(lines, "train/loss", 0);
        double lastLoss = value(lines, "train/loss", -1);
        assertThat(lastLoss).isLessThan(firstLoss);
        assertThat(lines).anyMatch(l -> l.contains("\"val/accuracy\"")).anyMatch(l -> l.contains("\"test/accuracy\""));
        assertThat(r.provenance().settings()).containsEntry("device", "cpu")
                .containsEntry("dataset.split", "3200 train / 800 validation / 2000 test");
        assertThat(r.provenance().libraries()).containsEntry("djl", "0.36.0").containsKey("pytorch");
        Path model = runs.store.resolveDir(r.id()).resolve("model");
        assertThat(Checkpoint.read(model).model()).isEqualTo("mlp:784-128-10");
    }

    @Test
    void sameSeedGivesTheSameNumbersAndAnotherSeedDoesNot() throws Exception {
        TrainingRuns runs = new TrainingRuns(workspace);
        RunRecord a = runs.run(TrainingRuns.samples("mlp:784-32-10", 1, 1000, 5));
        RunRecord b = runs.run(TrainingRuns.samples("mlp:784-32-10", 1, 1000, 5));
        RunRecord c = runs.run(TrainingRuns.samples("mlp:784-32-10", 1, 1000, 6));
        assertThat(withoutTimes(runs.metricLines(a))).isEqualTo(withoutTimes(runs.metricLines(b)));
        assertThat(a.summary().get("test/loss")).isEqualTo(b.summary().get("test/loss"));
        assertThat(a.summary().get("test/accuracy")).isEqualTo(b.summary().get("test/accuracy"));
        assertThat(c.summary().get("test/loss")).isNotEqualTo(a.summary().get("test/loss"));
    }

    @Test
    void earlyStoppingStopsWithoutImprovementAndKeepsTheBestEpoch() throws Exception {
        TrainingRuns runs = new TrainingRuns(workspace);
        // A learning rate this small leaves the weights (and so validation accuracy) unchanged after
        // epoch 1: no epoch is strictly better, so patience 2 stops after epoch 3 with epoch 1 kept.
        TrainSpec spec = TrainSpec.builder().method("bp").dataset("samples").model("mlp:784-16-10").epochs(10).batchSize(128).optimizer("sgd").learningRate(1e-30).momentum(0.0).validationFraction(0.2).patience(2).limitTrain(1000).seed(3L).device("cpu").threads(2).build();
        RunRecord r = runs.run(spec);
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(r.summary().get("epochs")).isEqualTo(3.0);
        assertThat(r.summary().get("best_epoch")).isEqualTo(1.0);
        Checkpoint cp = Checkpoint.read(runs.store.resolveDir(r.id()).resolve("model"));
        assertThat(cp.epoch()).isZero();
    }

    @Test
    void evalOfTheSavedCheckpointReproducesTheTestAccuracyOfTheRun() throws Exception {
        TrainingRuns runs = new TrainingRuns(workspace);
        RunRecord train = runs.run(TrainingRuns.samples("cnn:1x28x28-c4-d32-10", 1, 1500, 9));
        assertThat(train.status()).as(String.valueOf(train.error())).isEqualTo(RunStatus.FINISHED);
        String suffix = train.id().substring(train.id().length() - 4);
        RunRecord eval = runs.run(EvalSpec.builder().model(suffix).dataset("samples").split("test").batchSize(256).device("cpu").threads(2).build());
        assertThat(eval.status()).as(String.valueOf(eval.error())).isEqualTo(RunStatus.FINISHED);
        assertThat(eval.kind()).isEqualTo("eval");
        assertThat(eval.summary().get("test/accuracy")).isEqualTo(train.summary().get("test/accuracy"));
        assertThat(eval.summary().get("samples")).isEqualTo(2000.0);
        assertThat(eval.provenance().settings().get("checkpoint")).endsWith(train.id() + "/model");
    }

    @Test
    void cancellingMidEpochEndsCancelledAndKeepsMetrics() throws Exception {
        TrainingRuns runs = new TrainingRuns(workspace);
        CountDownLatch progressed = new CountDownLatch(25);
        runs.bus.subscribe("test", e -> {
            if (e instanceof RunEvent.Progress) {
                progressed.countDown();
            }
        });
        RunHandle h = runs.runner.submit(TrainingRuns.samples("mlp:784-64-10", 50, 0, 2));
        assertThat(progressed.await(60, TimeUnit.SECONDS)).isTrue();
        h.cancel();
        RunRecord r = h.completion().get(60, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(r.error()).isNull();
        assertThat(runs.metricLines(r)).anyMatch(l -> l.contains("\"train/loss\""));
        assertThat(runs.store.load(r.id()).status()).isEqualTo(RunStatus.CANCELLED);
    }

    @Test
    void badModelOrMissingDatasetIsRejectedBeforeARunExists() {
        TrainingRuns runs = new TrainingRuns(workspace);
        assertThatThrownBy(() -> runs.runner.submit(TrainSpec.of("bp", "samples", "mlp:784-x-10")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'x'");
        assertThatThrownBy(() -> runs.runner.submit(TrainSpec.of("bp", workspace.resolve("nowhere").toString(),
                "mlp:784-10-10"))).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> runs.runner.submit(EvalSpec.builder().model("no-such-run").dataset("samples").build())).isInstanceOf(BadInputException.class).hasMessageContaining("No run 'no-such-run'");
        assertThat(runs.store.list()).isEmpty();
    }

    @Test
    void aModelThatDoesNotFitTheDatasetIsRefusedBeforeARunExistsWithEveryProblem() {
        TrainingRuns runs = new TrainingRuns(workspace);
        // 100 inputs for 784-value images and 5 outputs for 10 classes: two problems of the model, one check
        assertThatThrownBy(() -> runs.runner.submit(TrainingRuns.samples("mlp:100-10-5", 1, 200, 1)))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> {
                    assertThat(e.problems()).extracting(SpecProblem::field).containsExactly("model", "model");
                    assertThat(e.getMessage()).contains("takes 100 input values").contains("784")
                            .contains("5 outputs").contains("10 classes");
                });
        assertThat(runs.store.list()).isEmpty();
    }

    private static List<String> withoutTimes(List<String> lines) {
        // Wall time and throughput differ between runs; every learned number must not.
        return lines.stream().filter(l -> !l.contains("samples_per_second"))
                .map(l -> l.replaceAll("\"t\":[0-9.eE-]+,", "")).toList();
    }

    private static double value(List<String> lines, String name, int index) {
        List<Double> values = lines.stream().filter(l -> l.contains("\"name\":\"" + name + "\""))
                .map(l -> Double.parseDouble(l.replaceAll(".*\"value\":([^}]+)}.*", "$1"))).toList();
        return values.get(index < 0 ? values.size() + index : index);
    }
}
