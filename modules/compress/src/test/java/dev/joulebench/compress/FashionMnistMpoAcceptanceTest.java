package dev.joulebench.compress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.testkit.Fixtures;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's acceptance on the full Fashion-MNIST (Debian's dataset-fashion-mnist): mlp:784-1000-1000-10
 * trained 3 epochs, its hidden layers MPO-compressed so that the whole network keeps at most 20% of its
 * parameters (all of them dense layers), then one epoch of healing: test accuracy within 2 points of the
 * original. A few minutes on 2 busy cores.
 */
class FashionMnistMpoAcceptanceTest {
    @Test
    void mpoAtTwentyPercentHealsToWithinTwoPoints(@TempDir Path workspace) throws Exception {
        Fixtures.fashionMnist(); // Debian's dataset-fashion-mnist: skips when absent, fails under CI=true
        CompressRuns runs = new CompressRuns(workspace);
        RunRecord trained = runs.run(TrainSpec.builder().method("bp").dataset("fashion-mnist").model("mlp:784-1000-1000-10").epochs(3).batchSize(128).seed(42L).device("cpu").spectraEvery(0).build());
        assertThat(trained.status()).as(String.valueOf(trained.error())).isEqualTo(RunStatus.FINISHED);

        RunRecord r = runs.run(CompressSpec.builder().method("mpo").model(trained.id()).dataset("fashion-mnist").targetParams(0.18).healEpochs(1).batchSize(128).seed(42L).device("cpu").build());
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunStatus.FINISHED);
        Map<String, Double> s = r.summary();
        assertThat(s.get("before/params")).isEqualTo(1_796_010.0);
        assertThat(s.get("after/params") / s.get("before/params")).as("share of parameters kept").isLessThanOrEqualTo(0.20);
        assertThat(s.get("before/test_accuracy") - s.get("after/test_accuracy"))
                .as("accuracy drop after one healing epoch (before %.4f, compressed %.4f, healed %.4f)",
                        s.get("before/test_accuracy"), s.get("compressed/test_accuracy"), s.get("after/test_accuracy"))
                .isLessThanOrEqualTo(0.02);
        assertThat(s.get("heal/epochs")).isEqualTo(1.0);
    }
}
