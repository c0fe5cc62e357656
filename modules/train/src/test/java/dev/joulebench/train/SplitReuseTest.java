package dev.joulebench.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.joulebench.core.JobEnvironment;
import dev.joulebench.core.JobFactory;
import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.core.spec.EvalSpec;
import dev.joulebench.core.spec.InvalidSpecException;
import dev.joulebench.core.spec.SpecProblem;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.core.store.SplitRecord;
import dev.joulebench.data.TrainValidationSplit;
import dev.joulebench.nn.Checkpoint;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.nn.TorchEngine;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Validation" downstream of a training run means exactly the rows that run held out. */
class SplitReuseTest {
    @TempDir
    Path workspace;

    @Test
    void evalOnValidationUsesExactlyTheRowsTheTrainingRunHeldOut() throws Exception {
        TrainingRuns runs = new TrainingRuns(workspace);
        // a non-default seed and a limit: the old eval rebuilt the split with its own seed over the full set
        TrainSpec spec = TrainSpec.builder().method("bp").dataset("samples").model("mlp:784-16-10").epochs(1)
                .batchSize(64).validationFraction(0.25).limitTrain(700).seed(7L).device("cpu").threads(2)
                .spectraEvery(0).build();
        RunRecord trained = runs.run(spec);
        assertThat(trained.status()).as(String.valueOf(trained.error())).isEqualTo(RunStatus.FINISHED);
        SplitRecord split = trained.split();
        assertThat(split.seed()).isEqualTo(7L);
        assertThat(split.limit()).isEqualTo(700);
        assertThat(split.source()).isEqualTo(700);
        assertThat(split.validationCount()).isEqualTo(175);
        assertThat(split.trainCount()).isEqualTo(525);
        Checkpoint cp = Checkpoint.read(runs.store.resolveDir(trained.id()).resolve("model"));
        assertThat(cp.split()).isEqualTo(split);

        RunRecord eval = runs.run(EvalSpec.builder().model(trained.id()).dataset("samples").split("validation")
                .seed(42L).device("cpu").threads(2).build());
        assertThat(eval.status()).as(String.valueOf(eval.error())).isEqualTo(RunStatus.FINISHED);
        assertThat(eval.summary().get(MetricKeys.SAMPLES)).isEqualTo(175.0);
        assertThat(eval.split()).isEqualTo(split);

        // independently: the rows the hashes stand for are disjoint and together the limited training set
        int[][] rows = TrainValidationSplit.rows(700, 0.25, 7L);
        assertThat(TrainValidationSplit.hash(rows[0])).isEqualTo(split.trainHash());
        assertThat(TrainValidationSplit.hash(rows[1])).isEqualTo(eval.split().validationHash());
        assertThat(IntStream.of(rows[1]).filter(r -> Arrays.binarySearch(rows[0], r) >= 0).count()).isZero();
        assertThat(IntStream.concat(IntStream.of(rows[0]), IntStream.of(rows[1])).sorted().toArray())
                .isEqualTo(IntStream.range(0, 700).toArray());
        // what the old behaviour evaluated (the eval's seed 42 over all 4,000 images) is another set of rows
        assertThat(TrainValidationSplit.hash(TrainValidationSplit.rows(4000, 0.25, 42L)[1]))
                .isNotEqualTo(split.validationHash());

        // the validation accuracy the eval measured is the one the run saw in its single epoch
        assertThat(eval.summary().get("validation/accuracy")).isEqualTo(trained.summary().get("val/best_accuracy"));
    }

    @Test
    void validationOfACheckpointWithoutARecordedSplitIsRefused() throws Exception {
        Path dir = workspace.resolve("bare");
        TorchEngine.configure(1, 1);
        try (Classifier c = new Classifier(ModelSpec.parse("mlp:784-8-10"),
                MethodFixtures.samples().train().classNames(), Device.cpu())) {
            c.initializeParameters();
            c.save(dir, "samples", 0, null);
        }
        TrainingRuns runs = new TrainingRuns(workspace);
        EvalSpec validation = EvalSpec.builder().model(dir.toString()).dataset("samples").split("validation").build();
        List<SpecProblem> problems = JobFactory.problemsOf(validation, JobEnvironment.of(runs.store));
        assertThat(problems).extracting(SpecProblem::field).containsExactly("split");
        assertThat(problems.get(0).hint()).contains("--split test");
        assertThatThrownBy(() -> runs.runner.submit(validation)).isInstanceOf(InvalidSpecException.class);
        assertThat(JobFactory.problemsOf(validation.toBuilder().split("test").build(), JobEnvironment.of(runs.store)))
                .isEmpty();
        assertThat(runs.store.list()).isEmpty();
    }
}
