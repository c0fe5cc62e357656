package dev.joulebench.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.compress.rmtkd.RmtKdJob;
import dev.joulebench.core.Json;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.nn.Checkpoint;
import dev.joulebench.nn.Classifier;
import dev.joulebench.onnx.FloatTensor;
import dev.joulebench.onnx.OnnxExporter;
import dev.joulebench.onnx.OnnxRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** RMT-KD end to end through the JobRunner on the samples subset, and each of the schedule's stops. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RmtKdJobTest {
    Path workspace;
    CompressRuns runs;
    String trained;

    @BeforeAll
    void train(@TempDir Path dir) throws Exception {
        workspace = dir;
        runs = new CompressRuns(workspace);
        trained = runs.trainSamples("mlp:784-64-64-10", 2, 4000);
    }

    CompressSpec.Builder rmtkd() {
        return CompressSpec.builder().method("rmtkd").model(trained).dataset("samples").batchSize(64).seed(42L)
                .device("cpu").threads(2).distillEpochs(1);
    }

    JsonNode summaryOf(RunRecord r) throws Exception {
        return Json.mapper().readTree(Files.readString(runs.runDir(r).resolve(RmtKdJob.SUMMARY_FILE)));
    }

    @Test
    void cutsDistilsAndSavesAPlainMlpThatReloadsAndExportsToTheSameOnnxLogits() throws Exception {
        RunRecord r = runs.run(rmtkd().targetAccuracyDrop(0.05).build());
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunStatus.FINISHED);
        Map<String, Double> s = r.summary();
        assertThat(s).containsKeys("before/params", "after/params", "before/test_accuracy", "after/test_accuracy",
                "before/val_accuracy", "after/val_accuracy", "before/latency_p50_ms", "after/samples_per_second",
                "inferences/eval-before", "inferences/eval-after", "compression/params_ratio", "rmtkd/fc1/width_before",
                "rmtkd/fc1/kept", "rmtkd/fc1/lambda_plus", "rmtkd/fc1/sigma2", "distill/epochs", "distill/steps");
        assertThat(s.get("before/params")).isEqualTo(784.0 * 64 + 64 + 64 * 64 + 64 + 64 * 10 + 10);
        assertThat(s.get("rmtkd/fc1/width_before")).isEqualTo(64.0);
        assertThat(s.get("rmtkd/fc1/kept")).isBetween(1.0, 63.0);

        Path dir = runs.runDir(r);
        JsonNode summary = summaryOf(r);
        JsonNode cuts = summary.path("cuts");
        assertThat(cuts.size()).isBetween(1, 2);
        JsonNode fc1 = cuts.get(0);
        assertThat(fc1.path("layer").asText()).isEqualTo("fc1");
        assertThat(fc1.path("outcome").asText()).isEqualTo("accepted");
        assertThat(fc1.path("lambdaPlus").asDouble()).isCloseTo(fc1.path("sigma2").asDouble()
                * Math.pow(1 + Math.sqrt(fc1.path("ratio").asDouble()), 2), within(1e-9));
        assertThat(fc1.path("distillEpochs").asInt()).isEqualTo(1);
        int k1 = fc1.path("widthAfter").asInt();
        int k2 = cuts.size() > 1 ? cuts.get(1).path("widthAfter").asInt() : 64;
        String expected = "mlp:784-" + k1 + "-" + k2 + "-10";
        assertThat(summary.path("modelSpecAfter").asText()).isEqualTo(expected);
        assertThat(s.get("after/params")).isEqualTo(784.0 * k1 + k1 + k1 * k2 + k2 + k2 * 10 + 10);
        assertThat(summary.path("stop").asText()).isIn("layers-done", "accuracy-budget", "min-keep");
        assertThat(r.reports()).containsKeys("rmtkd", "split");

        // the spectra file draws each layer: ESD, histogram, MP curve, lambda+ and k
        JsonNode spectra = Json.mapper().readTree(Files.readString(dir.resolve(RmtKdJob.SPECTRA_FILE)));
        assertThat(spectra.get(0).path("eigenvalues")).hasSize(64);
        assertThat(spectra.get(0).path("kept").asInt()).isEqualTo(fc1.path("kept").asInt());
        assertThat(spectra.get(0).path("mpX").size()).isPositive();

        List<String> metrics = Files.readAllLines(dir.resolve("metrics.jsonl"));
        assertThat(metrics).anyMatch(l -> l.contains("\"distill/loss\"")).anyMatch(l -> l.contains("\"distill/kl\""))
                .anyMatch(l -> l.contains("\"distill/val_accuracy\"")).anyMatch(l -> l.contains("\"rmtkd/fc1/kept\""));

        // a normal backprop checkpoint of the narrowed network, with the training run's split
        Path model = dir.resolve("model");
        Checkpoint cp = Checkpoint.read(model);
        assertThat(cp.method()).isEqualTo("bp");
        assertThat(cp.model()).isEqualTo(expected);
        assertThat(cp.split()).isNotNull();
        assertThat(cp.dataset()).isEqualTo("samples");
        ImageDataset test = DatasetCatalog.system().load("samples").test();
        try (Classifier back = Classifier.load(model, Device.cpu())) {
            assertThat(back.evaluate(test, 64, null).accuracy()).isEqualTo(s.get("after/test_accuracy"));
            int n = 32;
            float[] x = new float[n * 784];
            test.fillFeatures(IntStream.range(0, n).toArray(), x);
            float[] djl;
            try (NDManager m = back.model().getNDManager().newSubManager()) {
                djl = back.model().getBlock().forward(new ParameterStore(m, false),
                        new NDList(m.create(x, back.batchShape(n))), false).singletonOrThrow().toFloatArray();
            }
            Path onnx = workspace.resolve("rmtkd.onnx");
            assertThat(OnnxExporter.exportCheckpoint(model, onnx).spec().text()).isEqualTo(expected);
            try (OnnxRunner ort = OnnxRunner.open(onnx, 1)) {
                float[] got = ort.run(new FloatTensor(new long[] {n, 784}, x)).data();
                double worst = 0;
                for (int i = 0; i < djl.length; i++) {
                    worst = Math.max(worst, Math.abs(got[i] - djl[i]));
                }
                assertThat(worst).isLessThan(1e-5);
            }
        }
    }

    @Test
    void reachingTheParameterTargetStopsBeforeTheNextLayer() throws Exception {
        RunRecord r = runs.run(rmtkd().targetParams(0.999).targetAccuracyDrop(0.5).build());
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunStatus.FINISHED);
        JsonNode summary = summaryOf(r);
        assertThat(summary.path("stop").asText()).isEqualTo("target-reached");
        assertThat(summary.path("cuts")).hasSize(1); // fc1's cut reached 99.9%: fc2 was not looked at
        assertThat(r.summary().get("rmtkd/target_reached")).isEqualTo(1.0);
        assertThat(r.summary().get("after/params")).isLessThanOrEqualTo(r.summary().get("rmtkd/target_params"));
        // the spectrum would cut deeper; the target needed one unit less (55,050 * 0.999 = 54,995: one unit of fc1
        // costs 784 + 1 + 64 parameters), so the cut kept the 63 leading directions
        JsonNode fc1 = summary.path("cuts").get(0);
        assertThat(fc1.path("kept").asInt()).isLessThan(63);
        assertThat(fc1.path("cutWidth").asInt()).isEqualTo(63);
        assertThat(summary.path("modelSpecAfter").asText()).isEqualTo("mlp:784-63-64-10");
    }

    @Test
    void aTargetBeyondOneSweepSweepsTheNarrowedLayersAgain() throws Exception {
        RunRecord r = runs.run(rmtkd().targetParams(0.25).targetAccuracyDrop(0.5).build());
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunStatus.FINISHED);
        JsonNode summary = summaryOf(r);
        assertThat(summary.path("stop").asText()).isEqualTo("target-reached");
        assertThat(r.summary().get("after/params")).isLessThanOrEqualTo(0.25 * r.summary().get("before/params"));
        assertThat(r.summary().get("rmtkd/passes")).isGreaterThanOrEqualTo(2.0);
        JsonNode cuts = summary.path("cuts");
        JsonNode last = cuts.get(cuts.size() - 1);
        assertThat(last.path("pass").asInt()).isEqualTo(2);
        // a second sweep reads the layer at its narrowed width
        JsonNode firstFc1 = cuts.get(0);
        cuts.forEach(c -> {
            if (c.path("pass").asInt() == 2 && c.path("layer").asText().equals("fc1")) {
                assertThat(c.path("widthBefore").asInt()).isEqualTo(firstFc1.path("widthAfter").asInt());
            }
        });
        assertThat(r.summary()).containsKey("rmtkd/fc1/pass2/kept");
    }

    @Test
    void aCutBelowTheMinimumShareStopsAndKeepsTheModelAsItWas() throws Exception {
        RunRecord r = runs.run(rmtkd().minKeepFraction(0.99).build());
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunStatus.FINISHED);
        JsonNode summary = summaryOf(r);
        assertThat(summary.path("stop").asText()).isEqualTo("min-keep");
        assertThat(summary.path("cuts").get(0).path("outcome").asText()).isEqualTo("below-min-keep");
        assertThat(summary.path("modelSpecAfter").asText()).isEqualTo("mlp:784-64-64-10");
        assertThat(r.summary().get("after/test_accuracy")).isEqualTo(r.summary().get("before/test_accuracy"));
        assertThat(r.summary().get("distill/steps")).isZero();
    }

    @Test
    void aCutThatLosesMoreThanTheBudgetIsDiscarded() throws Exception {
        // no distillation and a zero budget: the raw cut's accuracy loss decides
        RunRecord r = runs.run(rmtkd().distillEpochs(0).targetAccuracyDrop(0.0).build());
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunStatus.FINISHED);
        JsonNode summary = summaryOf(r);
        JsonNode first = summary.path("cuts").get(0);
        assertThat(first.path("validationCut").asDouble()).as("the raw cut loses accuracy")
                .isLessThan(r.summary().get("before/val_accuracy"));
        assertThat(first.path("outcome").asText()).isEqualTo("rejected-accuracy");
        assertThat(summary.path("stop").asText()).isEqualTo("accuracy-budget");
        assertThat(summary.path("modelSpecAfter").asText()).isEqualTo("mlp:784-64-64-10");
        assertThat(r.summary().get("after/val_accuracy")).isEqualTo(r.summary().get("before/val_accuracy"));
    }
}
