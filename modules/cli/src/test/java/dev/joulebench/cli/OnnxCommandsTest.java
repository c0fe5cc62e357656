package dev.joulebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.cli.InProcessCli.Result;
import dev.joulebench.core.Json;
import dev.joulebench.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** inspect, export, eval and spectra on ONNX models, end to end in process, with their exit codes. */
class OnnxCommandsTest {
    @TempDir
    Path workspace;

    @TempDir
    Path files;

    private Result cli(String... args) {
        return InProcessCli.run(workspace, args);
    }

    /** A third-party model of ../shared/data/models; absent, the test skips, or under CI fails. */
    private static Path shared(String name) {
        return Fixtures.sharedData("models/" + name);
    }

    private long runCount() throws Exception {
        Path runs = workspace.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.count();
        }
    }

    @Test
    void inspectShowsTheGraphAsTextAndJson() throws Exception {
        String cnn = shared("cnn_mnist.onnx").toString();
        Result text = cli("inspect", "--model", cnn);
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("input_image").contains("[batch, 1, 28, 28]").contains("Conv 2")
                .contains("parameters 21,840").contains("MACs per sample 480,500").contains("opsets ai.onnx 9");
        Result json = cli("inspect", "--model", cnn, "--json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode g = Json.mapper().readTree(json.out()).path("graph");
        assertThat(g.path("parameterCount").asLong()).isEqualTo(21_840);
        assertThat(g.path("nodesByOp").path("Gemm").asInt()).isEqualTo(2);
        assertThat(g.path("inputs").get(0).path("type").asText()).isEqualTo("float");
    }

    @Test
    void spectraOfAnOnnxFileUseItsDenseWeights() {
        Result r = cli("spectra", "--model", shared("cnn_mnist.onnx").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("conv2.weight").contains("fc1.weight").contains("fc2.weight");
        // conv1 has one input channel: its slices are vectors, skipped as WeightWatcher does.
        assertThat(r.err()).contains("conv1.weight");
    }

    @Test
    void badOnnxFilesExitWith2AndLeaveNoRun() throws Exception {
        Path text = Files.writeString(files.resolve("readme.onnx"), "not a model at all");
        byte[] cnn = Files.readAllBytes(shared("cnn_mnist.onnx"));
        Path truncated = Files.write(files.resolve("cut.onnx"), Arrays.copyOf(cnn, cnn.length / 2));
        for (Path p : List.of(text, truncated)) {
            Result inspect = cli("inspect", "--model", p.toString());
            assertThat(inspect.code()).as(inspect.out() + inspect.err()).isEqualTo(2);
            assertThat(inspect.err()).contains("error: ").contains(p.toString());
            Result eval = cli("eval", "--model", p.toString(), "--dataset", "samples");
            assertThat(eval.code()).isEqualTo(2);
        }
        Result missing = cli("eval", "--model", files.resolve("absent.onnx").toString(), "--dataset", "samples");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("does not exist");
        Result shape = cli("eval", "--model", shared("keras_mlp_100x32x1.onnx").toString(), "--dataset", "samples");
        assertThat(shape.code()).isEqualTo(2);
        assertThat(shape.err()).contains("100]").contains("1x28x28");
        Result ints = cli("eval", "--model", shared("tinybert.onnx").toString(), "--dataset", "samples");
        assertThat(ints.code()).isEqualTo(2);
        Result preprocess = cli("eval", "--model", shared("cnn_mnist.onnx").toString(), "--dataset", "samples",
                "--preprocess", "mean=0.1");
        assertThat(preprocess.code()).isEqualTo(2);
        assertThat(preprocess.err()).contains("preprocess");
        Result layout = cli("eval", "--model", shared("cnn_mnist.onnx").toString(), "--dataset", "samples",
                "--input-layout", "chw");
        assertThat(layout.code()).isEqualTo(2);
        assertThat(layout.err()).contains("inputLayout").contains("nchw");
        assertThat(runCount()).isZero();
    }

    @Test
    void trainExportInspectEvalAndSpectraOfAJoulebenchModel() throws Exception {
        Result train = cli("train", "--dataset", "samples", "--model", "mlp:784-32-10", "--epochs", "1",
                "--limit-train", "600", "--device", "cpu", "--threads", "2");
        assertThat(train.code()).as(train.err()).isZero();
        String runId;
        try (Stream<Path> s = Files.list(workspace.resolve("runs"))) {
            runId = s.findFirst().orElseThrow().getFileName().toString();
        }
        Result export = cli("export", "--model", runId);
        assertThat(export.code()).as(export.err()).isZero();
        Path onnx = workspace.resolve("runs").resolve(runId).resolve("model/model.onnx");
        assertThat(onnx).exists();
        assertThat(export.out()).contains("mlp:784-32-10").contains("25,450 parameters");

        // --out names a file in an existing folder (a missing folder is bad input, see HostileInputCliTest)
        Path elsewhere = Files.createDirectories(files.resolve("out")).resolve("mlp.onnx");
        Result exportTo = cli("export", "--model", runId, "--out", elsewhere.toString(), "--json");
        assertThat(exportTo.code()).as(exportTo.err()).isZero();
        assertThat(Json.mapper().readTree(exportTo.out()).path("parameters").asLong()).isEqualTo(25_450);
        assertThat(Files.readAllBytes(elsewhere)).isEqualTo(Files.readAllBytes(onnx));

        Result inspectRun = cli("inspect", "--model", runId);
        assertThat(inspectRun.code()).as(inspectRun.err()).isZero();
        assertThat(inspectRun.out()).contains("mlp:784-32-10").contains("As ONNX").contains("Gemm 2")
                .contains("MACs per sample 25,408");

        Result djl = cli("eval", "--model", runId, "--dataset", "samples", "--threads", "1", "--json", "--no-energy");
        Result ort = cli("eval", "--model", onnx.toString(), "--dataset", "samples", "--threads", "1", "--json");
        assertThat(djl.code()).as(djl.err()).isZero();
        assertThat(ort.code()).as(ort.err()).isZero();
        JsonNode ortRun = Json.mapper().readTree(ort.out());
        assertThat(ortRun.path("method").asText()).isEqualTo("onnx");
        JsonNode summary = ortRun.path("summary");
        assertThat(summary.path("test/accuracy").asDouble())
                .isEqualTo(Json.mapper().readTree(djl.out()).path("summary").path("test/accuracy").asDouble());
        assertThat(summary.path("inferences/eval").asDouble()).isEqualTo(summary.path("samples").asDouble());
        assertThat(summary.has("latency/sample_p50_ms")).isTrue();

        Result spectra = cli("spectra", "--model", onnx.toString());
        assertThat(spectra.code()).as(spectra.err()).isZero();
        assertThat(spectra.out()).contains("dense0.weight").contains("784x32").contains("dense1.weight");
    }

    @Test
    void exportRefusesOtherMethodsAndLeavesNothingBehind() throws Exception {
        Path dir = Files.createDirectories(files.resolve("ffmodel"));
        Files.writeString(dir.resolve("checkpoint.json"),
                "{\"version\":1,\"method\":\"ff\",\"model\":\"mlp:784-10\",\"classes\":10,\"weightsFile\":\"w.params\"}");
        Result r = cli("export", "--model", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("only backprop (bp) checkpoints");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("checkpoint.json");
        }
        Result notThere = cli("export", "--model", files.resolve("nothing").toString());
        assertThat(notThere.code()).isEqualTo(2);
    }
}
