package dev.joulebench.train.mf;

import dev.joulebench.nn.Checkpoint;
import dev.joulebench.train.MethodFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.spec.TrainSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mono-Forward on small slices of the shipped Fashion-MNIST samples (at most 3,000 images per run). */
class MonoForwardTrainingTest {
    @TempDir
    Path workspace;

    @Test
    void learnsFarAboveChanceAndItsCheckpointReproducesTheTestAccuracy() throws Exception {
        MethodFixtures.Ctx c = new MethodFixtures.Ctx(workspace, 3, "mf");
        // 2,500 train (2,000 + 500 validation) and 500 test images; 10 classes: chance is 0.10.
        Map<String, Double> s = MethodFixtures.train(new MonoForwardTrainer(), c, "mlp:784-256-256", 3, 32, 2500, 500, 3, Map.of());
        assertThat(s.get("test/accuracy")).isGreaterThan(0.70);
        assertThat(s.get("val/best_accuracy")).isGreaterThan(0.70);
        assertThat(s.get("epochs")).isEqualTo(3.0);
        assertThat(s.get("steps")).isEqualTo(189.0); // ceil(2000 / 32) = 63 per epoch
        assertThat(s.get("params")).isEqualTo(784 * 256 + 256 + 10 * 256 + 256 * 256 + 256 + 10 * 256.0);
        assertThat(s).containsKeys("test/loss", "best_epoch", "train/seconds", "train/samples_per_second");
        assertThat(c.named("train/loss")).hasSize(9);
        assertThat(c.named("train/layer1_loss")).hasSize(3);
        assertThat(c.named("train/layer2_accuracy")).hasSize(3);
        assertThat(c.named("val/accuracy")).hasSize(3);
        List<RunEvent.MetricPoint> l1 = c.named("train/layer1_loss");
        assertThat(l1.get(1).value()).isLessThan(l1.get(0).value());

        Path model = c.ctx.runDir().resolve("model");
        Checkpoint cp = Checkpoint.read(model);
        assertThat(cp.method()).isEqualTo("mf");
        assertThat(cp.model()).isEqualTo("mlp:784-256-256");
        assertThat(cp.classNames().size()).isEqualTo(10);
        assertThat(cp.epoch() + 1).isEqualTo(s.get("best_epoch").intValue());
        try (var files = Files.list(model)) {
            assertThat(files.filter(f -> f.toString().endsWith(".params")).count()).isEqualTo(1);
        }

        Map<String, Double> e = MethodFixtures.evaluate(new MonoForwardTrainer(), model,
                MethodFixtures.samples().test().head(500));
        assertThat(e.get("samples")).isEqualTo(500.0);
        assertThat(e.get("accuracy")).isEqualTo(s.get("test/accuracy"));
        assertThat(e.get("loss")).isCloseTo(s.get("test/loss"), org.assertj.core.api.Assertions.within(1e-5));
    }

    @Test
    void sameSeedGivesIdenticalMetrics() throws Exception {
        MethodFixtures.Ctx a = new MethodFixtures.Ctx(workspace.resolve("a"), 5, "mf");
        MethodFixtures.Ctx b = new MethodFixtures.Ctx(workspace.resolve("b"), 5, "mf");
        MethodFixtures.Ctx c = new MethodFixtures.Ctx(workspace.resolve("c"), 6, "mf");
        Map<String, Double> sa = MethodFixtures.train(new MonoForwardTrainer(), a, "mlp:784-32-32", 1, 32, 800, 300, 5, Map.of());
        Map<String, Double> sb = MethodFixtures.train(new MonoForwardTrainer(), b, "mlp:784-32-32", 1, 32, 800, 300, 5, Map.of());
        Map<String, Double> sc = MethodFixtures.train(new MonoForwardTrainer(), c, "mlp:784-32-32", 1, 32, 800, 300, 6, Map.of());
        assertThat(withoutSpeed(a.metricLines())).isNotEmpty().isEqualTo(withoutSpeed(b.metricLines()));
        assertThat(sa.get("test/loss")).isEqualTo(sb.get("test/loss"));
        assertThat(sc.get("test/loss")).isNotEqualTo(sa.get("test/loss"));
    }

    private static List<String> withoutSpeed(List<String> lines) {
        return lines.stream().filter(l -> !l.startsWith("train/samples_per_second")).toList();
    }

    @Test
    void greedyTrainsOneLayerAtATimeForTheConfiguredEpochs() throws Exception {
        MethodFixtures.Ctx c = new MethodFixtures.Ctx(workspace, 9, "mf");
        Map<String, Double> s = MethodFixtures.train(new MonoForwardTrainer(), c, "mlp:784-64-64-64", 2, 16, 1000, 300, 9,
                Map.of("schedule", "greedy", "epochs_per_layer", "2"));
        // 800 train images, batch 16: 50 steps per epoch; 3 layers x 2 epochs.
        assertThat(s.get("epochs")).isEqualTo(6.0);
        assertThat(s.get("steps")).isEqualTo(300.0);
        assertThat(c.named("train/active_layer").stream().map(p -> (int) p.value()).toList())
                .containsExactly(1, 1, 2, 2, 3, 3);
        for (int layer = 1; layer <= 3; layer++) {
            List<Integer> epochs = c.named("train/layer" + layer + "_loss").stream().map(RunEvent.MetricPoint::epoch)
                    .toList();
            assertThat(epochs).as("layer " + layer).containsExactly(2 * (layer - 1), 2 * (layer - 1) + 1);
        }
        // Early stopping and checkpoints only watch the last layer's epochs.
        assertThat(s.get("best_epoch")).isGreaterThanOrEqualTo(5.0);
        assertThat(s.get("test/accuracy")).isGreaterThan(0.3);
    }

    @Test
    void greedyDerivesEpochsPerLayerAndOptionsAreChecked() {
        MonoForwardTrainer.Plan plan = MonoForwardTrainer.plan(10, 3, Map.of("schedule", "greedy",
                "epochs_per_layer", "0"));
        // 10 epochs / 3 layers = 3 per layer.
        assertThat(plan.first()).containsExactly(0, 0, 0, 1, 1, 1, 2, 2, 2);
        assertThat(MonoForwardTrainer.plan(10, 20, Map.of("schedule", "greedy")).epochs()).isEqualTo(20);
        assertThat(MonoForwardTrainer.plan(10, 2, Map.of()).epochs()).isEqualTo(10);
        MonoForwardTrainer t = new MonoForwardTrainer();
        assertThat(t.defaultOptions()).containsExactly(Map.entry("schedule", "all"), Map.entry("epochs_per_layer", "0"));
        assertThat(MethodFixtures.problems(t, "mlp:784-32-32", Map.of())).isEmpty();
        assertThat(MethodFixtures.problems(t, "mlp:784-32-32", Map.of("schedule", "layerwise")))
                .containsExactly("options.schedule");
        assertThat(MethodFixtures.problems(t, "mlp:784-32-32", Map.of("epochs_per_layer", "-1")))
                .containsExactly("options.epochs_per_layer");
        assertThat(MethodFixtures.problems(t, "cnn:1x28x28-c8-10", Map.of())).containsExactly("model");
        assertThat(MethodFixtures.problems(t, "mlp:100-32", Map.of())).containsExactly("model");
    }
}
