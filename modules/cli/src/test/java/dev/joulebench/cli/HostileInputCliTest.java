package dev.joulebench.cli;

import static dev.joulebench.cli.HostileOutput.assertNoRun;
import static dev.joulebench.cli.HostileOutput.assertNoTrace;
import static dev.joulebench.cli.HostileOutput.errorLines;
import static dev.joulebench.cli.HostileOutput.runDirs;
import static dev.joulebench.cli.HostileOutput.shown;
import static dev.joulebench.cli.HostileOutput.singleErrorLine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.cli.InProcessCli.Result;
import dev.joulebench.core.Json;
import dev.joulebench.core.MachineResources;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.testkit.data.IdxFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile inputs of issue 13, each through the command line: an absurd model, batch, thread count or
 * learning rate, an empty or cut-off dataset, damaged files in a finished run, output paths that cannot be
 * written, an empty or read-only workspace. Each is refused (exit 2, before any run) or fails (exit 1) with one
 * {@code error:} line and no stack trace; each test fails if its fix (7f0568d, 2b6160d, 0b86d2c) is reverted.
 */
@Timeout(600)
class HostileInputCliTest {
    private static final String TINY = "mlp:784-16-10";

    @TempDir
    Path tmp;

    private Path workspace() {
        return tmp.resolve("workspace");
    }

    private Result cli(String... args) {
        return InProcessCli.run(workspace(), args);
    }

    /** train on samples with a tiny budget; {@code extra} may override --model and add options. */
    private Result train(String model, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", "samples", "--model", model, "--epochs", "1",
                "--limit-train", "200", "--device", "cpu", "--threads", "1", "--no-energy", "--spectra-every", "0"));
        args.addAll(List.of(extra));
        return cli(args.toArray(String[]::new));
    }

    /** A finished tiny run; its directory. */
    private Path trainedRun() throws IOException {
        Result r = train(TINY, "--json");
        assertThat(r.code()).as(shown(r)).isZero();
        RunRecord rec = Json.mapper().readValue(r.out(), RunRecord.class);
        return workspace().resolve("runs").resolve(rec.id());
    }

    /**
     * Bad input: exit 2, one {@code error:} line on stderr (a refused spec follows it with one {@code "  - "}
     * line per problem, the format InvalidSpecException has always had), nothing else printed, no trace, no
     * run directory.
     */
    private static void assertRefused(Result r, Path workspace) {
        assertThat(r.code()).as(shown(r)).isEqualTo(2);
        assertThat(errorLines(r.err())).as(shown(r)).hasSize(1);
        assertThat(r.err().lines().filter(l -> !l.isBlank() && !l.startsWith("error:") && !l.startsWith("  - ")))
                .as("lines besides the error and its problems:\n%s", shown(r)).isEmpty();
        assertThat(r.out()).as(shown(r)).isBlank();
        assertNoTrace(r);
        assertNoRun(workspace);
    }

    // 1. a model far beyond this machine's memory is refused by the estimate, naming the estimate and the limit

    @Test
    void aModelLargerThanMemoryIsRefusedBeforeAnyRunNamingEstimateAndLimit() {
        long available = MachineResources.detect().memoryBytes();
        // mlp:784-3000000-10 needs about 38 GB (weights, gradients, Adam state); a bigger machine may hold it
        Assumptions.assumeThat(available).as("memory available here").isLessThan(30L << 30);
        Result r = train("mlp:784-3000000-10");
        assertRefused(r, workspace());
        assertThat(r.err()).contains("memory").contains("needs about").contains("more than the")
                .contains("available (");
    }

    @Test
    void aMemoryLimitIsNamedWhenItRefusesAndAnUnreadableOneIsBadInput() {
        Result limited = train("mlp:784-3000000-10", "--memory-limit", "1g");
        assertRefused(limited, workspace());
        assertThat(limited.err()).contains("memory").contains("needs about").contains("1.0 GiB")
                .contains("--memory-limit 1g");

        Result tiny = train(TINY, "--memory-limit", "1k");
        assertRefused(tiny, workspace());
        assertThat(tiny.err()).contains("memory").contains("--memory-limit 1k");

        Result banana = train(TINY, "--memory-limit", "banana");
        assertRefused(banana, workspace());
        assertThat(banana.err()).contains("--memory-limit").contains("banana");
    }

    // 2. a model whose size overflows any machine (and int arithmetic) is refused before PyTorch allocates

    @Test
    void anAbsurdModelIsRefusedBeforePyTorchTriesToAllocate() {
        Result r = train("mlp:784-100000000-10");
        assertRefused(r, workspace());
        assertThat(r.err()).contains("memory").contains("needs about");
        assertThat(r.out() + r.err()).doesNotContain("can't allocate").doesNotContain("allocate memory");
    }

    // 3. a batch beyond the training set is capped at it, and run.json says so

    @Test
    @Timeout(120) // a guard that is gone shows as a run that takes minutes, not as a hang
    void aBatchBeyondTheTrainingSetIsCappedAndRecorded() throws IOException {
        Result r = train(TINY, "--batch", "100000000", "--json");
        assertThat(r.code()).as(shown(r)).isZero();
        assertNoTrace(r);
        RunRecord rec = Json.mapper().readValue(r.out(), RunRecord.class);
        long rows = 200 - Math.round(200 / 6.0); // --limit-train 200 less the default 1/6 validation share
        RunRecord onDisk = Json.mapper().readValue(workspace().resolve("runs").resolve(rec.id()).resolve("run.json")
                .toFile(), RunRecord.class);
        assertThat(onDisk.provenance().settings()).containsKey("batch");
        assertThat(onDisk.provenance().settings().get("batch")).startsWith(rows + " ").contains("--batch 100000000")
                .contains("capped");
    }

    // 4. more threads than processors is refused, naming the processor count

    @Test
    @Timeout(120) // a guard that is gone shows as a run that takes minutes, not as a hang
    void moreThreadsThanProcessorsIsRefusedNamingTheProcessorCount() {
        int processors = Runtime.getRuntime().availableProcessors();
        for (String threads : List.of("5000", "100000")) {
            List<String> args = new ArrayList<>(List.of("train", "--dataset", "samples", "--model", TINY, "--epochs", "1",
                    "--limit-train", "200", "--device", "cpu", "--no-energy", "--threads", threads));
            Result r = cli(args.toArray(String[]::new));
            assertRefused(r, workspace());
            assertThat(r.err()).as(threads).contains(threads + " threads")
                    .contains(processors + " processor");
        }
    }

    // 5. a learning rate that overflows float32 at the first step is refused

    @Test
    @Timeout(120) // a guard that is gone shows as a run that takes minutes, not as a hang
    void anAbsurdLearningRateIsRefused() {
        Result r = train(TINY, "--lr", "1e300");
        assertRefused(r, workspace());
        assertThat(r.err()).contains("learningRate").contains("at most");
    }

    // 6. a dataset that declares no training images, or whose file is cut short, is a dataset problem

    @Test
    void anEmptyOrTruncatedDatasetIsRefusedBeforeAnyRun() {
        Path empty = IdxFiles.writeDataset(tmp.resolve("empty-data"), 0, 20, 28, 28, 10, true);
        Result none = cli("train", "--dataset", empty.toString(), "--model", TINY, "--epochs", "1", "--device", "cpu",
                "--no-energy");
        assertRefused(none, workspace());
        assertThat(none.err()).contains("dataset").contains("no training images");

        Path cut = IdxFiles.writeDataset(tmp.resolve("cut-data"), 50, 20, 28, 28, 10, true);
        IdxFiles.images(50, 28, 28).truncateBy(28 * 28 * 10 + 5).gzip()
                .write(cut.resolve(IdxFiles.TRAIN_IMAGES + ".gz"));
        Result truncated = cli("train", "--dataset", cut.toString(), "--model", TINY, "--epochs", "1", "--device", "cpu",
                "--no-energy");
        assertRefused(truncated, workspace());
        assertThat(truncated.err()).contains("dataset");
    }

    // 7. compare checks every method before any trains: a refused cafo costs no bp run

    @Test
    void compareRefusesEveryMethodBeforeTrainingAny() {
        Result r = cli("compare", "--methods", "bp,cafo", "--dataset", "samples", "--model", "mlp:784-32", "--epochs", "1",
                "--limit-train", "200", "--device", "cpu", "--threads", "1", "--no-energy");
        assertRefused(r, workspace());
        assertThat(r.err()).contains("cafo: model");
        assertThat(workspace().resolve("runs")).as("bp must not have trained").doesNotExist();
        assertThat(workspace().resolve("comparisons")).doesNotExist();
    }

    // 8. a truncated weights file names itself and says truncated, for eval and export alike

    @Test
    void aTruncatedWeightsFileFailsEvalAndExportNamingTheFile() throws IOException {
        Path run = trainedRun();
        String id = run.getFileName().toString();
        Path weights;
        try (Stream<Path> files = Files.list(run.resolve("model"))) {
            weights = files.filter(f -> f.getFileName().toString().matches("weights-e\\d+\\.params")).findFirst()
                    .orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, Arrays.copyOf(bytes, 100));
        String name = weights.getFileName().toString();

        Result eval = cli("eval", "--model", id, "--dataset", "samples", "--device", "cpu", "--no-energy");
        assertThat(eval.code()).as(shown(eval)).isEqualTo(1);
        assertThat(singleErrorLine(eval)).contains(name).contains("truncated");
        assertNoTrace(eval);

        Result export = cli("export", "--model", id, "--out", tmp.resolve("x.onnx").toString());
        assertThat(export.code()).as(shown(export)).isEqualTo(1);
        assertThat(singleErrorLine(export)).contains(name).contains("truncated");
        assertNoTrace(export);
        assertThat(tmp.resolve("x.onnx")).doesNotExist();
        assertThat(tmp.resolve("x.onnx.tmp")).doesNotExist();
    }

    // 9. export --out into a folder writes model.onnx there; a missing folder is bad input

    @Test
    void exportIntoAFolderWritesModelOnnxAndAMissingFolderIsBadInput() throws IOException {
        String id = trainedRun().getFileName().toString();
        Path folder = Files.createDirectories(tmp.resolve("exports"));
        Result ok = cli("export", "--model", id, "--out", folder.toString());
        assertThat(ok.code()).as(shown(ok)).isZero();
        assertThat(folder.resolve("model.onnx")).isRegularFile();
        assertThat(Files.size(folder.resolve("model.onnx"))).isPositive();

        Path missing = tmp.resolve("missing").resolve("folder").resolve("x.onnx");
        Result bad = cli("export", "--model", id, "--out", missing.toString());
        assertThat(bad.code()).as(shown(bad)).isEqualTo(2);
        assertThat(singleErrorLine(bad)).contains("--out").contains("does not exist");
        assertNoTrace(bad);
        assertThat(tmp.resolve("missing")).doesNotExist();
    }

    // 10. --save-spec into a missing folder is bad input in one line; into an existing one it writes JSON

    @Test
    void saveSpecChecksItsFolderAndWritesParseableJson() throws IOException {
        Path missing = tmp.resolve("no-such-folder").resolve("x.json");
        Result bad = train(TINY, "--save-spec", missing.toString());
        assertThat(bad.code()).as(shown(bad)).isEqualTo(2);
        assertThat(singleErrorLine(bad)).contains("--save-spec").contains("does not exist");
        assertThat(bad.err().strip().lines()).as(shown(bad)).hasSize(1);
        assertNoTrace(bad);
        assertNoRun(workspace());

        Path folder = Files.createDirectories(tmp.resolve("specs"));
        Path file = folder.resolve("x.json");
        Result ok = train(TINY, "--save-spec", file.toString());
        assertThat(ok.code()).as(shown(ok)).isZero();
        JsonNode spec = Json.mapper().readTree(Files.readString(file));
        assertThat(spec.get("kind").asText()).isEqualTo("train");
        assertThat(spec.get("model").asText()).isEqualTo(TINY);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("x.json");
        }
        assertNoRun(workspace());
    }

    // 11. a damaged run.json is named in one line by runs show; runs list still lists the others

    @Test
    void aDamagedRunJsonIsNamedAndTheOtherRunsStillList() throws IOException {
        Path first = trainedRun();
        Path second = trainedRun();
        Path damaged = second.resolve("run.json");
        byte[] json = Files.readAllBytes(damaged);
        Files.write(damaged, Arrays.copyOf(json, json.length / 3));
        String damagedId = second.getFileName().toString();
        String firstId = first.getFileName().toString();

        Result show = cli("runs", "show", damagedId);
        assertThat(show.code()).as(shown(show)).isEqualTo(2);
        assertThat(singleErrorLine(show)).contains("damaged").contains(damaged.toString());
        assertThat(show.err().strip().lines()).as(shown(show)).hasSize(1);
        assertNoTrace(show);

        Result list = cli("runs", "list");
        assertThat(list.code()).as(shown(list)).isZero();
        assertThat(list.out()).contains(firstId);
        assertThat(list.out().lines().filter(l -> l.startsWith(damagedId))).isEmpty();
        List<String> warnings = list.err().lines().filter(l -> !l.isBlank()).toList();
        assertThat(warnings).as(shown(list)).hasSize(1);
        assertThat(warnings.get(0)).contains(damagedId).contains("damaged");
        assertNoTrace(list);
    }

    // 12. an empty --workspace= is bad input, not the current directory

    @Test
    void anEmptyWorkspaceIsBadInput() {
        Path cwdRuns = Path.of("runs").toAbsolutePath();
        boolean runsBefore = Files.exists(cwdRuns);
        Result train = InProcessCli.run(null, "train", "--dataset", "samples", "--model", TINY, "--epochs", "1",
                "--limit-train", "200", "--device", "cpu", "--no-energy", "--workspace=");
        assertThat(train.code()).as(shown(train)).isEqualTo(2);
        assertThat(singleErrorLine(train)).contains("--workspace is empty");
        assertNoTrace(train);

        Result list = InProcessCli.run(null, "runs", "list", "--workspace=");
        assertThat(list.code()).as(shown(list)).isEqualTo(2);
        assertThat(singleErrorLine(list)).contains("--workspace is empty");
        assertNoTrace(list);
        assertThat(Files.exists(cwdRuns)).as("no runs/ made in the working directory").isEqualTo(runsBefore);
    }

    // 13. a workspace that cannot be written: one line, permission denied, no logback noise

    /**
     * Spawned, so that logging is configured for the read-only workspace as a user's run would be. Root ignores
     * permissions, so as root the child runs without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (setpriv): still
     * uid 0 (the class path under /root stays readable to it as owner), but held to the folder's mode bits.
     */
    @Test
    void aReadOnlyWorkspaceFailsWithOneLineAndNoLogbackNoise() throws Exception {
        Path ro = Files.createDirectories(tmp.resolve("read-only"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            List<String> prefix = List.of();
            if (HostileJvm.isRoot()) {
                prefix = List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search", "--");
                HostileJvm.Exit probe = HostileJvm.tool(30, concat(prefix, "mkdir", ro.resolve("probe").toString()));
                Assumptions.assumeThat(probe.code()).as("running as root, and setpriv could not drop the capability to "
                        + "ignore permissions (probe: %s %s)", probe.out(), probe.err()).isNotZero();
                Assumptions.assumeThat(probe.out()).as("probe").containsIgnoringCase("permission denied");
            }
            Path childTmp = Files.createDirectories(tmp.resolve("child-tmp"));
            List<String> cmd = HostileJvm.command(prefix, List.of("-Djava.io.tmpdir=" + childTmp),
                    List.of("train", "--dataset", "samples", "--model", TINY, "--epochs", "1", "--limit-train", "200",
                            "--device", "cpu", "--threads", "1", "--no-energy", "--workspace", ro.toString()));
            HostileJvm.Exit r = HostileJvm.run(tmp.resolve("child"), 180, cmd);
            assertThat(r.code()).as(r.shown()).isEqualTo(1);
            String line = singleErrorLine(r.out(), r.err());
            assertThat(line).contains("cannot create a run directory").contains(ro.toString())
                    .contains("permission denied");
            assertNoTrace(r.out(), r.err());
            assertThat(r.err()).as(r.shown()).doesNotContain("logback").doesNotContain("ch.qos")
                    .doesNotContain("FileAppender").doesNotContain("|-ERROR").doesNotContain("|-WARN");
            assertThat(r.err().lines().filter(l -> !l.isBlank())).as(r.shown()).hasSize(1);
            try (Stream<Path> left = Files.list(ro)) {
                assertThat(left).as("nothing written into the read-only workspace").isEmpty();
            }
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static String[] concat(List<String> prefix, String... rest) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    @Test
    void runDirsHelperSeesOnlyRunFolders() throws IOException {
        // guards the helper the refusals rely on: a real run is seen, so "no run" is not vacuous
        Path run = trainedRun();
        assertThat(runDirs(workspace())).containsExactly(run);
    }
}
