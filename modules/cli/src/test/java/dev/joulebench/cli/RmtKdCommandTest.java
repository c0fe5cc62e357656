package dev.joulebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.cli.InProcessCli.Result;
import dev.joulebench.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * `joulebench compress --method rmtkd` end to end on the shipped samples: train mlp:784-64-64-10 for one epoch,
 * cut it with one distillation epoch per cut, then evaluate, export, inspect and analyse the result as any trained
 * run. ({@code compare} trains its methods from a model spec, so it takes no saved model.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RmtKdCommandTest {
    Path workspace;
    String trained;

    private Result cli(String... args) {
        return InProcessCli.run(workspace, args);
    }

    @BeforeAll
    void train(@TempDir Path dir) throws Exception {
        workspace = dir;
        Result r = cli("train", "--dataset", "samples", "--model", "mlp:784-64-64-10", "--epochs", "1", "--device",
                "cpu", "--threads", "2", "--json", "--no-energy");
        assertThat(r.code()).as(r.err()).isZero();
        trained = Json.mapper().readTree(r.out()).path("id").asText();
    }

    private long runCount() throws Exception {
        try (Stream<Path> s = Files.list(workspace.resolve("runs"))) {
            return s.count();
        }
    }

    @Test
    void rmtkdNarrowsTheModelAndTheResultEvaluatesExportsAndInspectsLikeATrainedRun() throws Exception {
        Result r = cli("compress", "--method", "rmtkd", "--model", trained, "--dataset", "samples",
                "--distill-epochs", "1", "--max-drop", "0.05", "--device", "cpu", "--threads", "2", "--json");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        JsonNode run = Json.mapper().readTree(r.out());
        String id = run.path("id").asText();
        JsonNode report = run.path("reports").path("compress");
        assertThat(report.path("method").asText()).isEqualTo("rmtkd");
        String after = report.path("modelSpecAfter").asText();
        assertThat(after).startsWith("mlp:784-").endsWith("-10").isNotEqualTo("mlp:784-64-64-10");
        assertThat(run.path("summary").path("after/params").asDouble())
                .isLessThan(run.path("summary").path("before/params").asDouble());

        Result eval = cli("eval", "--model", id, "--dataset", "samples", "--json");
        assertThat(eval.code()).as(eval.out() + eval.err()).isZero();
        JsonNode evaluated = Json.mapper().readTree(eval.out());
        assertThat(evaluated.path("summary").path("test/accuracy").asDouble())
                .isEqualTo(run.path("summary").path("after/test_accuracy").asDouble());
        // the training run's split travels with the narrowed model
        Result validation = cli("eval", "--model", id, "--dataset", "samples", "--split", "validation");
        assertThat(validation.code()).as(validation.out() + validation.err()).isZero();

        Path onnx = workspace.resolve("rmtkd.onnx");
        Result export = cli("export", "--model", id, "--out", onnx.toString());
        assertThat(export.code()).as(export.out() + export.err()).isZero();
        assertThat(onnx).isRegularFile();
        Result inspect = cli("inspect", "--model", id);
        assertThat(inspect.code()).as(inspect.out() + inspect.err()).isZero();
        assertThat(inspect.out()).contains(after);
        Result spectra = cli("spectra", "--model", id);
        assertThat(spectra.code()).as(spectra.out() + spectra.err()).isZero();
        String firstWidth = after.split("-")[1];
        assertThat(spectra.out()).contains("784x" + firstWidth); // the narrowed first layer's weight spectrum
    }

    @Test
    void theTablePrintsEachLayersSpectrumCutAndWhyTheScheduleStopped() {
        Result r = cli("compress", "--method", "rmtkd", "--model", trained, "--dataset", "samples",
                "--distill-epochs", "1", "--target-params", "0.9", "--max-drop", "0.2", "--tw-margin", "--device", "cpu",
                "--threads", "2", "--no-energy");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("lambda+").contains("fc1").contains("accepted").contains("parameters kept")
                .contains("stopped: target-reached");
    }

    @Test
    void badRmtkdInputExitsTwoBeforeAnyRunExists() throws Exception {
        long before = runCount();
        for (List<String> args : List.of(
                List.of("--quantile", "1.5"),
                List.of("--max-drop", "-0.1"),
                List.of("--distill-epochs", "-1"),
                List.of("--chi", "4"),
                List.of("--layers", "fc3"),
                List.of("--calibration-fraction", "0"))) {
            List<String> all = new java.util.ArrayList<>(List.of("compress", "--method", "rmtkd", "--model", trained,
                    "--dataset", "samples"));
            all.addAll(args);
            Result r = cli(all.toArray(String[]::new));
            assertThat(r.code()).as(args + ": " + r.out() + r.err()).isEqualTo(2);
            assertThat(r.err()).as(String.valueOf(args)).contains("error").doesNotContain("Exception");
        }
        Result quantileOnMpo = cli("compress", "--method", "mpo", "--chi", "4", "--quantile", "0.3", "--model", trained,
                "--dataset", "samples");
        assertThat(quantileOnMpo.code()).isEqualTo(2);
        assertThat(quantileOnMpo.err()).contains("rmtkd only");
        assertThat(runCount()).isEqualTo(before);
    }
}
