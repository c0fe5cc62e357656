package dev.joulebench.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.testkit.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foundation issue's acceptance run on the full 60k Fashion-MNIST (Debian's dataset-fashion-mnist,
 * which .ci/run installs): mlp:784-1000-1000-10, 3 epochs, batch 128, 50k/10k split, >= 85% test accuracy.
 * About 30 s on 2 cores.
 */
class FashionMnistAccuracyTest {
    @Test
    void threeEpochsOfTheReferenceMlpReach85Percent(@TempDir Path workspace) throws Exception {
        Fixtures.fashionMnist(); // Debian's dataset-fashion-mnist: skips when absent, fails under CI=true
        TrainSpec spec = TrainSpec.builder().method("bp").dataset("fashion-mnist").model("mlp:784-1000-1000-10").epochs(3).batchSize(128).seed(42L).device("cpu").build();
        RunRecord r = new TrainingRuns(workspace).run(spec);
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunStatus.FINISHED);
        assertThat(r.provenance().settings()).containsEntry("dataset.split", "50000 train / 10000 validation / 10000 test");
        assertThat(r.summary().get("test/accuracy")).isGreaterThanOrEqualTo(0.85);
    }
}
