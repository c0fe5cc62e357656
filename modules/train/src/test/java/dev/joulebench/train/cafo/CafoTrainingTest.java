package dev.joulebench.train.cafo;

import dev.joulebench.nn.Checkpoint;
import dev.joulebench.train.MethodFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.BadInputException;
import dev.joulebench.nn.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CaFo on small slices of the shipped Fashion-MNIST samples (at most 2,000 training images per run). */
class CafoTrainingTest {
    @TempDir
    Path workspace;

    @Test
    void randCeLearnsFarAboveChanceAndItsCheckpointReproducesTheTestAccuracy() throws Exception {
        MethodFixtures.Ctx c = new MethodFixtures.Ctx(workspace, 3, "cafo");
        // 2,000 images: 1,600 train + 400 validation, 500 test; 10 classes, chance 0.10.
        Map<String, Double> s = MethodFixtures.train(new CascadedForwardTrainer(), c, "cnn:1x28x28-c8-c16-10", 2, 32, 2000, 500, 3, Map.of());
        assertThat(s.get("test/accuracy")).isGreaterThan(0.6);
        assertThat(s.get("val/best_accuracy")).isGreaterThan(0.6);
        assertThat(s.get("epochs")).isEqualTo(2.0);
        assertThat(s.get("steps")).isEqualTo(100.0); // 1600 / 32 = 50 per epoch
        double blocks = 8 * 9 + 8 + 16 * 8 * 9 + 16;
        double predictors = 8 * 14 * 14 * 10 + 10 + 16 * 7 * 7 * 10 + 10;
        assertThat(s.get("params")).isEqualTo(blocks + predictors);
        assertThat(s.get("params/trainable")).isEqualTo(predictors);
        assertThat(s).containsKeys("best_epoch", "train/seconds", "train/samples_per_second", "test/block1_accuracy");
        assertThat(c.named("train/loss")).hasSize(5);
        assertThat(c.named("train/block2_loss")).hasSize(2);
        assertThat(c.named("val/block1_accuracy")).hasSize(2);
        assertThat(c.named("val/accuracy")).hasSize(2);

        Path model = c.ctx.runDir().resolve("model");
        Checkpoint cp = Checkpoint.read(model);
        assertThat(cp.method()).isEqualTo("cafo");
        assertThat(cp.model()).isEqualTo("cnn:1x28x28-c8-c16-10");
        assertThat(cp.payload().path("variant").asText()).isEqualTo("rand");
        assertThat(cp.payload().path("loss").asText()).isEqualTo("ce");
        assertThat(cp.classNames().size()).isEqualTo(10);
        assertThat(cp.epoch() + 1).isEqualTo(s.get("best_epoch").intValue());
        try (var files = Files.list(model)) {
            assertThat(files.filter(f -> f.toString().endsWith(".params")).count()).isEqualTo(1);
        }
        Map<String, Double> e = MethodFixtures.evaluate(new CascadedForwardTrainer(), model, MethodFixtures.samples().test().head(500));
        assertThat(e.get("samples")).isEqualTo(500.0);
        assertThat(e.get("accuracy")).isEqualTo(s.get("test/accuracy"));
    }

    @Test
    void mseDfaAndSparsemaxVariantsLearnAboveChance() throws Exception {
        for (Map<String, String> options : List.of(Map.of("loss", "mse"), Map.of("variant", "dfa"),
                Map.of("loss", "sl"), Map.of("variant", "dfa", "loss", "mse"))) {
            MethodFixtures.Ctx c = new MethodFixtures.Ctx(workspace.resolve(String.join("-", options.values())), 7, "cafo");
            Map<String, Double> s = MethodFixtures.train(new CascadedForwardTrainer(), c, "cnn:1x28x28-c4-c8-10", 1, 32, 1000, 300, 7, options);
            assertThat(s.get("test/accuracy")).as(options.toString()).isGreaterThan(0.3);
            Map<String, Double> e = MethodFixtures.evaluate(new CascadedForwardTrainer(), c.ctx.runDir().resolve("model"),
                    MethodFixtures.samples().test().head(300));
            assertThat(e.get("accuracy")).as(options.toString()).isEqualTo(s.get("test/accuracy"));
        }
    }

    @Test
    void sameSeedGivesIdenticalMetrics() throws Exception {
        MethodFixtures.Ctx a = new MethodFixtures.Ctx(workspace.resolve("a"), 5, "cafo");
        MethodFixtures.Ctx b = new MethodFixtures.Ctx(workspace.resolve("b"), 5, "cafo");
        MethodFixtures.Ctx c = new MethodFixtures.Ctx(workspace.resolve("c"), 6, "cafo");
        Map<String, String> dfa = Map.of("variant", "dfa");
        MethodFixtures.train(new CascadedForwardTrainer(), a, "cnn:1x28x28-c4-c8-10", 1, 32, 600, 200, 5, dfa);
        MethodFixtures.train(new CascadedForwardTrainer(), b, "cnn:1x28x28-c4-c8-10", 1, 32, 600, 200, 5, dfa);
        MethodFixtures.train(new CascadedForwardTrainer(), c, "cnn:1x28x28-c4-c8-10", 1, 32, 600, 200, 6, dfa);
        assertThat(withoutSpeed(a.metricLines())).isNotEmpty().isEqualTo(withoutSpeed(b.metricLines()));
        assertThat(withoutSpeed(c.metricLines())).isNotEqualTo(withoutSpeed(a.metricLines()));
    }

    private static List<String> withoutSpeed(List<String> lines) {
        return lines.stream().filter(l -> !l.startsWith("train/samples_per_second")).toList();
    }

    @Test
    void optionsAndModelsAreCheckedWithTheFieldTheyConcern() {
        CascadedForwardTrainer t = new CascadedForwardTrainer();
        assertThat(t.defaultOptions()).containsExactly(Map.entry("variant", "rand"), Map.entry("loss", "ce"));
        assertThat(MethodFixtures.problems(t, "cnn:1x28x28-c8-10", Map.of())).isEmpty();
        assertThat(MethodFixtures.problems(t, "cnn:1x28x28-c8-10", Map.of("variant", "bp")))
                .containsExactly("options.variant");
        assertThat(MethodFixtures.problems(t, "cnn:1x28x28-c8-10", Map.of("loss", "hinge")))
                .containsExactly("options.loss");
        assertThat(MethodFixtures.problems(t, "cnn:1x28x28-c8-d64-10", Map.of())).containsExactly("model");
        assertThat(MethodFixtures.problems(t, "mlp:784-100", Map.of())).containsExactly("model");
        // wrong image size and wrong class count are two problems of the model
        assertThat(MethodFixtures.problems(t, "cnn:3x32x32-c8-5", Map.of())).containsExactly("model", "model");
        // closed-form least squares refuses blocks with too many features (32·14·14 = 6272 is fine, 64·14·14 is not)
        assertThat(MethodFixtures.problems(t, "cnn:1x28x28-c64-10", Map.of("loss", "mse")))
                .containsExactly("options.loss");
    }
}
