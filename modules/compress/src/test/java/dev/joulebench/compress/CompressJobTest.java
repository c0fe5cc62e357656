package dev.joulebench.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Json;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.spec.InvalidSpecException;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.testkit.RecordingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** End to end through the JobRunner on the samples subset: one small trained MLP, compressed several ways. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompressJobTest {
    Path workspace;
    CompressRuns runs;
    String trained;

    @BeforeAll
    void train(@TempDir Path dir) throws Exception {
        workspace = dir;
        runs = new CompressRuns(workspace);
        trained = runs.trainSamples("mlp:784-128-64-10", 2, 4000);
    }

    @Test
    void mpoCompressAndHealMeasuresBeforeAndAfterAndSavesAReloadableModel() throws Exception {
        RunRecord r = runs.run(CompressRuns.spec("mpo", trained, 4, null, null, 1));
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunStatus.FINISHED);
        Map<String, Double> s = r.summary();
        assertThat(s).containsKeys("before/test_accuracy", "after/test_accuracy", "compressed/test_accuracy",
                "before/latency_p50_ms", "after/latency_p50_ms", "before/samples_per_second", "after/macs",
                "inferences/eval-before", "inferences/eval-after", "heal/val_accuracy", "compression/params_ratio");
        // mlp:784-128-64-10 has 784*128+128*64+64*10 + 202 biases
        assertThat(s.get("before/params")).isEqualTo(784.0 * 128 + 128 * 64 + 64 * 10 + 128 + 64 + 10);
        assertThat(s.get("after/params")).isLessThan(s.get("before/params") * 0.5);
        assertThat(s.get("after/bytes")).isEqualTo(s.get("after/params") * 4);
        assertThat(s.get("after/macs")).isLessThan(s.get("before/macs"));
        assertThat(s.get("heal/epochs")).isEqualTo(1.0);
        // healing must not make a chi-4 network worse than before healing by more than noise
        assertThat(s.get("after/test_accuracy")).isGreaterThan(s.get("compressed/test_accuracy") - 0.02);

        Path dir = runs.runDir(r);
        JsonNode summary = Json.mapper().readTree(Files.readString(dir.resolve("compress/summary.json")));
        assertThat(summary.path("layers")).hasSize(2); // fc1, fc2: the output layer is left dense by default
        assertThat(summary.path("layers").get(0).path("layer").asText()).isEqualTo("fc1");
        assertThat(summary.path("layers").get(0).path("chi").asInt()).isEqualTo(4);
        assertThat(summary.path("after").path("testAccuracy").asDouble()).isEqualTo(s.get("after/test_accuracy"));
        List<String> metrics = Files.readAllLines(dir.resolve("metrics.jsonl"));
        assertThat(metrics).anyMatch(l -> l.contains("compress/fc1/relative_error"))
                .anyMatch(l -> l.contains("heal/loss")).anyMatch(l -> l.contains("heal/val_accuracy"));

        // the saved model reloads and gives the same test accuracy
        try (CompressedNetwork back = CompressedNetwork.load(dir.resolve("model"), ai.djl.Device.cpu())) {
            assertThat(back.layer("fc1")).isInstanceOf(MpoLinear.class);
            var test = DatasetCatalog.system().load("samples").test();
            assertThat(back.evaluate(test, 64, null).accuracy()).isEqualTo(s.get("after/test_accuracy"));
            // the healed model exported as ONNX (MPO chains) gives the same logits in ONNX Runtime
            int n = 16;
            float[] x = new float[n * 784];
            int[] rows = java.util.stream.IntStream.range(0, n).toArray();
            test.fillFeatures(rows, x);
            float[] expected = back.logits(x, n);
            try (var ort = dev.joulebench.onnx.OnnxRunner.open(dir.resolve("model/compressed.onnx"), 1)) {
                float[] got = ort.run(new dev.joulebench.onnx.FloatTensor(new long[] {n, 784}, x)).data();
                for (int i = 0; i < expected.length; i++) {
                    assertThat((double) Math.abs(got[i] - expected[i])).as("logit %d", i)
                            .isLessThanOrEqualTo(1e-4 * Math.max(1, Math.abs(expected[i])));
                }
            }
            assertThat(s.get("after/onnx_file_bytes")).isLessThan(4 * s.get("before/params"));
        }
    }

    @Test
    void everyMethodRunsAndReportsItsOwnStorage() throws Exception {
        for (String method : List.of("lowrank", "prune", "int8", "mpo+int8")) {
            CompressSpec spec = switch (method) {
                case "lowrank" -> CompressRuns.spec(method, trained, 32, null, null, 0);
                case "prune" -> CompressRuns.spec(method, trained, null, 0.2, null, 1);
                case "int8" -> CompressRuns.spec(method, trained, null, null, null, 1);
                default -> CompressRuns.spec(method, trained, 16, null, null, 0);
            };
            RunRecord r = runs.run(spec);
            assertThat(r.status()).as(method + ": " + r.error()).isEqualTo(RunStatus.FINISHED);
            Map<String, Double> s = r.summary();
            double accuracyBefore = s.get("before/test_accuracy");
            if (!method.startsWith("mpo")) {
                // an unhealed MPO of trained weights may fall to chance; the others stay useful
                assertThat(s.get("after/test_accuracy")).as(method).isGreaterThan(0.5);
            }
            JsonNode layer = Json.mapper().readTree(Files.readString(runs.runDir(r).resolve("compress/summary.json")))
                    .path("layers").get(0);
            long in = 784;
            long out = 128;
            switch (method) {
                case "lowrank" -> {
                    assertThat(layer.path("rank").asInt()).isEqualTo(32);
                    assertThat(layer.path("weightParamsAfter").asLong()).isEqualTo(32 * (in + out));
                }
                case "prune" -> {
                    long kept = layer.path("weightParamsAfter").asLong();
                    assertThat(kept).isBetween(Math.round(0.19 * in * out), Math.round(0.21 * in * out));
                    // CSR: 4-byte values + 2-byte column indices (128 columns) + 4-byte row pointers
                    assertThat(layer.path("bytesAfter").asLong()).isEqualTo(kept * 6 + (in + 1) * 4);
                    // healing kept the pruned weights at zero
                    try (CompressedNetwork back = CompressedNetwork.load(runs.runDir(r).resolve("model"),
                            ai.djl.Device.cpu())) {
                        float[] w = back.denseWeight("fc1").values();
                        long nonZero = 0;
                        for (float v : w) {
                            nonZero += v != 0f ? 1 : 0;
                        }
                        assertThat(nonZero).isLessThanOrEqualTo(kept);
                    }
                }
                case "int8" -> {
                    assertThat(layer.path("weightParamsAfter").asLong()).isEqualTo(in * out);
                    assertThat(layer.path("bytesAfter").asLong()).isEqualTo(in * out + 4 * out);
                    // after healing the weights are int8 values times their column's scale again
                    try (CompressedNetwork back = CompressedNetwork.load(runs.runDir(r).resolve("model"),
                            ai.djl.Device.cpu())) {
                        var w = back.denseWeight("fc1");
                        var requantized = dev.joulebench.compress.tensor.Int8Quantizer.quantize(w).dequantize();
                        assertThat(LayerCompressor.relativeError(w, requantized)).isLessThan(1e-6);
                    }
                    assertThat(Math.abs(s.get("compressed/test_accuracy") - accuracyBefore)).isLessThan(0.02);
                }
                default -> {
                    assertThat(layer.path("bytesAfter").asLong())
                            .isLessThan(layer.path("weightParamsAfter").asLong() * 4 / 3);
                    RunRecord plain = runs.run(CompressRuns.spec("mpo", trained, 16, null, null, 0));
                    JsonNode plainLayer = Json.mapper().readTree(Files.readString(runs.runDir(plain)
                            .resolve("compress/summary.json"))).path("layers").get(0);
                    assertThat(layer.path("relativeError").asDouble())
                            .isLessThan(plainLayer.path("relativeError").asDouble() + 0.01);
                    assertThat(Math.abs(s.get("after/test_accuracy") - plain.summary().get("after/test_accuracy")))
                            .isLessThan(0.03);
                }
            }
        }
    }

    @Test
    void cancellingWhileHealingEndsCancelledAndKeepsTheUnhealedResults() throws Exception {
        RecordingListener events = new RecordingListener();
        try (AutoCloseable sub = runs.bus.subscribe("test", events)) {
            var handle = runs.runner.submit(CompressRuns.spec("mpo", trained, 4, null, null, 50));
            events.awaitEvent(RunEvent.MetricPoint.class, p -> p.name().equals("heal/loss"),
                    java.time.Duration.ofMinutes(2));
            handle.cancel();
            RunRecord r = handle.await();
            assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
            assertThat(r.summary()).containsKeys("before/test_accuracy", "compressed/test_accuracy", "heal/steps");
            assertThat(r.summary().get("heal/epochs")).isLessThan(50.0);
            Path dir = runs.store.resolveDir(r.id());
            assertThat(dir.resolve("compress/summary.json")).exists();
            assertThat(dir.resolve("model/" + CompressedNetwork.FILE)).exists();
        }
    }

    @Test
    void badInputIsRejectedBeforeARunExists() throws Exception {
        long compressRuns = countCompressRuns();
        assertThatThrownBy(() -> runs.runner.submit(CompressRuns.spec("mpo", trained, 4, null, List.of("fc7"), 0)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no dense layer 'fc7'")
                .hasMessageContaining("fc1, fc2, fc3");
        assertThatThrownBy(() -> runs.runner.submit(CompressRuns.spec("mpo", trained, 0, null, null, 0)))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("chi");
        String tiny = runs.trainSamples("mlp:784-10", 1, 500);
        assertThatThrownBy(() -> runs.runner.submit(CompressRuns.spec("mpo", tiny, 4, null, null, 0)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no hidden dense layer");
        Path notBp = workspace.resolve("ff-model");
        Files.createDirectories(notBp);
        Files.writeString(notBp.resolve("checkpoint.json"), "{\"version\":1,\"method\":\"ff\",\"model\":\"mlp:784-10\",\"classes\":10}");
        assertThatThrownBy(() -> runs.runner.submit(CompressRuns.spec("mpo", notBp.toString(), 4, null, null, 0)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("backprop");
        assertThat(countCompressRuns()).as("no compress run was created").isEqualTo(compressRuns);
    }

    private long countCompressRuns() {
        return runs.store.list().stream().filter(r -> r.kind().equals("compress")).count();
    }

    @Test
    void sensitivityProfilesEachLayerAndPicksChisForATargetSize() throws Exception {
        CompressSpec spec = CompressSpec.builder().method("mpo").model(trained).dataset("samples").targetParams(0.3).batchSize(64).seed(42L).device("cpu").threads(2).mode("sensitivity").chis(List.of(2, 8)).build();
        RunRecord r = runs.run(spec);
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunStatus.FINISHED);
        JsonNode doc = Json.mapper().readTree(Files.readString(runs.runDir(r).resolve("compress/sensitivity.json")));
        assertThat(doc.path("layers")).hasSize(2);
        assertThat(doc.path("accuracy")).hasSize(2);
        assertThat(doc.path("accuracy").get(0)).hasSize(2);
        // bond 8 keeps more of the weight than bond 2
        assertThat(doc.path("relativeError").get(0).get(1).asDouble())
                .isLessThan(doc.path("relativeError").get(0).get(0).asDouble());
        long total = doc.path("denseParams").get(0).asLong() + doc.path("denseParams").get(1).asLong();
        assertThat(r.summary().get("policy/params")).isLessThanOrEqualTo(0.3 * total);
        assertThat(r.summary().get("policy/reached")).isEqualTo(1.0);
    }
}
