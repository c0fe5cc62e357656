package dev.joulebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.cli.InProcessCli.Result;
import dev.joulebench.core.Json;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** `joulebench compress` and `compress sensitivity` in process on the samples subset. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompressCommandTest {
    Path workspace;
    String trained;

    private Result cli(String... args) {
        return InProcessCli.run(workspace, args);
    }

    @BeforeAll
    void train(@TempDir Path dir) throws Exception {
        workspace = dir;
        Result r = cli("train", "--dataset", "samples", "--model", "mlp:784-64-32-10", "--epochs", "1", "--limit-train",
                "2000", "--device", "cpu", "--threads", "2", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        trained = Json.mapper().readTree(r.out()).path("id").asText();
    }

    @Test
    void compressPrintsTheLayerTableAndBeforeAfter() {
        Result r = cli("compress", "--method", "mpo", "--model", trained, "--dataset", "samples", "--chi", "4",
                "--heal-epochs", "1", "--device", "cpu", "--threads", "2", "--batch", "64");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("finished").contains("fc1").contains("784x64").contains("chi=4")
                .contains("test accuracy").contains("latency p50 per batch (ms)").contains("kWh per 1,000 inferences")
                .contains("dense-layer weights kept");
    }

    @Test
    void jsonOutputCarriesTheRunAndTheCompressionSummary() throws Exception {
        Result r = cli("compress", "--method", "int8", "--model", trained, "--dataset", "samples", "--device", "cpu",
                "--threads", "2", "--json", "--no-energy");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = Json.mapper().readTree(r.out());
        // the same shape as every job command's --json: the run record, the compression summary among its reports
        RunRecord record = Json.mapper().readValue(r.out(), RunRecord.class);
        assertThat(record.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(doc.path("reports").path("compress").path("layers").get(0).path("method").asText())
                .isEqualTo("int8");
        assertThat(doc.path("reports").path("split").path("trainCount").asInt()).isPositive();
    }

    @Test
    void sensitivityPrintsTheMatrixAndAPolicy() throws Exception {
        Result r = cli("compress", "sensitivity", "--model", trained, "--dataset", "samples", "--chis", "2,4",
                "--target-params", "0.5", "--device", "cpu", "--threads", "2", "--no-energy");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("chi=2").contains("chi=4").contains("fc1").contains("fc2").contains("policy (params");
        try (var dirs = Files.list(workspace.resolve("runs"))) {
            assertThat(dirs.anyMatch(d -> Files.exists(d.resolve("compress/sensitivity.json")))).isTrue();
        }
    }

    @Test
    void anOnnxModelIsCompressedIntoASmallerOnnxFile() throws Exception {
        Path onnx = workspace.resolve("mlp.onnx");
        dev.joulebench.onnx.OnnxExporter.exportCheckpoint(workspace.resolve("runs").resolve(trained).resolve("model"), onnx);
        Result r = cli("compress", "--method", "mpo", "--model", onnx.toString(), "--dataset", "samples", "--chi", "4",
                "--threads", "1", "--no-energy");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("dense0.weight").contains("file bytes").contains("compressed.onnx");
        Result healing = cli("compress", "--method", "mpo", "--model", onnx.toString(), "--dataset", "samples", "--chi",
                "4", "--heal-epochs", "1");
        assertThat(healing.code()).isEqualTo(2);
        assertThat(healing.err()).contains("cannot be healed");
    }

    @Test
    void badInputExitsWithTwoAndSaysWhatToFix() {
        Result unknownLayer = cli("compress", "--method", "mpo", "--model", trained, "--dataset", "samples", "--chi", "4",
                "--layers", "fc9");
        assertThat(unknownLayer.code()).isEqualTo(2);
        assertThat(unknownLayer.err()).contains("no dense layer 'fc9'").contains("fc1, fc2, fc3");
        Result zeroChi = cli("compress", "--method", "mpo", "--model", trained, "--dataset", "samples", "--chi", "0");
        assertThat(zeroChi.code()).isEqualTo(2);
        assertThat(zeroChi.err()).contains("chi");
        Result pruneWithoutTarget = cli("compress", "--method", "prune", "--model", trained, "--dataset", "samples");
        assertThat(pruneWithoutTarget.code()).isEqualTo(2);
        assertThat(pruneWithoutTarget.err()).contains("--target-params");
        Result noModel = cli("compress", "--method", "mpo", "--model", "no-such-run", "--dataset", "samples", "--chi", "4");
        assertThat(noModel.code()).isEqualTo(2);
    }
}
