package dev.joulebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.cli.InProcessCli.Result;
import dev.joulebench.core.Json;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The joulebench command line end to end, in process: exit codes, output, the files a run leaves. */
class CliTest {
    @TempDir
    Path workspace;

    private Result cli(String... args) {
        // energy commands read sensors, not the workspace
        return InProcessCli.run(args[0].equals("energy") ? null : workspace, args);
    }

    private static final String[] QUICK = {"--dataset", "samples", "--model", "mlp:784-32-10", "--epochs", "1",
        "--limit-train", "600", "--device", "cpu", "--threads", "2"};

    private Result train(String... extra) {
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(List.of(QUICK));
        args.addAll(List.of(extra));
        return cli(args.toArray(String[]::new));
    }

    @Test
    void trainPrintsTheOutcomeAndLeavesTheRunOnDisk() throws IOException {
        Result r = train();
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("finished").contains("test/accuracy").contains("epoch 1/1: train loss");
        Path runs = workspace.resolve("runs");
        try (var dirs = Files.list(runs)) {
            Path dir = dirs.findFirst().orElseThrow();
            assertThat(dir.getFileName().toString()).matches("\\d{8}-\\d{6}-train-bp-[0-9a-f]{4}");
            assertThat(dir.resolve("run.json")).exists();
            assertThat(dir.resolve("metrics.jsonl")).exists();
            assertThat(dir.resolve("model/checkpoint.json")).exists();
        }
        // Logging is configured once per JVM, so in process only the chosen directory can be checked.
        assertThat(System.getProperty("joulebench.log.dir")).isEqualTo(workspace.resolve("logs").toString());
    }

    @Test
    void jsonOutputIsTheRunRecordAndNothingElse() throws IOException {
        Result r = train("--json");
        assertThat(r.code()).as(r.err()).isZero();
        RunRecord rec = Json.mapper().readValue(r.out(), RunRecord.class);
        assertThat(rec.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(rec.summary()).containsKey("test/accuracy");

        Result list = cli("runs", "list", "--json");
        JsonNode runs = Json.mapper().readTree(list.out());
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("id").asText()).isEqualTo(rec.id());
    }

    @Test
    void runsListShowAndEvalByRunId() {
        assertThat(cli("runs", "list").out()).contains("No runs in");
        Result t = train();
        assertThat(t.code()).isZero();
        Result list = cli("runs", "list");
        assertThat(list.out()).contains("RUN").contains("finished").contains("mlp:784-32-10").contains("samples");
        String id = list.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
        Result show = cli("runs", "show", id.substring(id.length() - 4));
        assertThat(show.code()).isZero();
        assertThat(show.out()).contains("status    finished").contains("provenance").contains("\"pytorch\"")
                .contains("model/checkpoint.json").contains("metrics.jsonl");
        Result eval = cli("eval", "--model", id, "--dataset", "samples", "--device", "cpu");
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("test/accuracy");
    }

    @Test
    void savedSpecRunsWithRunCommand() throws IOException {
        Path spec = workspace.resolve("spec.json");
        Result save = train("--save-spec", spec.toString(), "--seed", "7");
        assertThat(save.code()).isZero();
        assertThat(Files.readString(spec)).contains("\"kind\" : \"train\"").contains("\"seed\" : 7");
        assertThat(workspace.resolve("runs")).doesNotExist();
        Result run = cli("run", spec.toString(), "--json");
        assertThat(run.code()).as(run.err()).isZero();
        RunRecord rec = Json.mapper().readValue(run.out(), RunRecord.class);
        assertThat(rec.spec().seed()).isEqualTo(7L);
    }

    @Test
    void badInputExitsTwoWithAMessageThatSaysWhat() throws IOException {
        Result grammar = cli("train", "--dataset", "samples", "--model", "mlp:784-ten-10");
        assertThat(grammar.code()).isEqualTo(2);
        assertThat(grammar.err()).contains("'ten' is not a positive whole number");

        Result spec = cli("train", "--dataset", "samples", "--model", "mlp:784-10-10", "--epochs", "0",
                "--optimizer", "rmsprop");
        assertThat(spec.code()).isEqualTo(2);
        assertThat(spec.err()).contains("epochs: must be >= 1").contains("optimizer: must be one of adam, sgd");

        Result missing = cli("train", "--dataset", workspace.resolve("nothing-here").toString(), "--model", "mlp:784-10");
        assertThat(missing.code()).isEqualTo(2);

        Result unknownOption = cli("train", "--dataset", "samples", "--model", "mlp:784-10", "--epoch", "3");
        assertThat(unknownOption.code()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("--epoch");

        Result noRun = cli("runs", "show", "ffff-nope");
        assertThat(noRun.code()).isEqualTo(2);
        assertThat(noRun.err()).contains("No run 'ffff-nope'");

        Path bad = workspace.resolve("bad.json");
        Files.writeString(bad, "{\"kind\":\"train\",\"dataset\":\"samples\",\"model\":\"mlp:784-10\",\"epoch\":3}");
        Result typo = cli("run", bad.toString());
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("epoch").contains(bad.toString());
    }

    @Test
    void aCorruptDatasetIsBadInputBeforeARunExists() throws IOException {
        // Files that exist but are not IDX: check reads the dataset's shape and names the dataset field.
        Path data = workspace.resolve("broken");
        Files.createDirectories(data);
        for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
            try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(data.resolve(f)))) {
                o.write(new byte[] {0, 0, 9, 9, 0, 0, 0, 1, 0});
            }
        }
        Result r = cli("train", "--dataset", data.toString(), "--model", "mlp:784-10", "--epochs", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("dataset");
        assertThat(workspace.resolve("runs")).doesNotExist();
    }

    @Test
    void aJobThatFailsExitsOneAndIsRecordedAsFailed() throws IOException {
        Result trained = train();
        assertThat(trained.code()).as(trained.err()).isZero();
        Path model;
        try (Stream<Path> runs = Files.list(workspace.resolve("runs"))) {
            model = runs.findFirst().orElseThrow().resolve("model");
        }
        // a truncated weights file: the header is fine (check passes), loading the weights fails inside the run
        try (Stream<Path> files = Files.list(model)) {
            Path weights = files.filter(f -> f.toString().endsWith(".params")).findFirst().orElseThrow();
            byte[] bytes = Files.readAllBytes(weights);
            Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        }
        Result r = cli("eval", "--model", model.toString(), "--dataset", "samples");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("failed").contains("error:");
        Result list = cli("runs", "list");
        assertThat(list.out()).contains("failed");
    }

    @Test
    void everyRunRecordsPowerEmissionsAndEnergyWithTheirMethods() throws IOException {
        Result r = train("--json", "--country", "FRA", "--pue", "1.5");
        assertThat(r.code()).as(r.err()).isZero();
        RunRecord rec = Json.mapper().readValue(r.out(), RunRecord.class);
        Path dir = workspace.resolve("runs").resolve(rec.id());
        List<String> power = Files.readAllLines(dir.resolve("power.csv"));
        assertThat(power.get(0)).startsWith("t,cpu_watts_").contains("ram_watts_");
        assertThat(power.size()).isGreaterThan(2);
        List<String> emissions = Files.readAllLines(dir.resolve("emissions.csv"));
        assertThat(emissions.get(0)).startsWith("timestamp,project_name,run_id,experiment_id,duration,emissions,")
                .endsWith(",on_cloud,pue,wue");
        assertThat(emissions.get(1)).contains(rec.id()).contains("France,FRA");
        assertThat(rec.summary().get("energy/kwh")).isPositive();
        assertThat(rec.summary().get("co2e/kg")).isPositive();
        assertThat(rec.summary()).containsKeys("water/l", "energy/train_kwh", "energy/eval_kwh", "energy/estimated_share");
        JsonNode energy = Json.mapper().readTree(Files.readString(dir.resolve("run.json"))).at("/reports/energy");
        assertThat(energy.get("pue").asDouble()).isEqualTo(1.5);
        assertThat(energy.at("/carbon_intensity/iso3").asText()).isEqualTo("FRA");
        for (JsonNode source : energy.get("sources")) {
            assertThat(source.get("method").asText()).isIn("measured", "estimated");
            assertThat(source.get("description").asText()).isNotBlank();
        }
        // facility energy x intensity: the CO2e is consistent with the table's figure for France
        double gPerKwh = energy.at("/carbon_intensity/gPerKwh").asDouble();
        assertThat(rec.summary().get("co2e/kg")).isCloseTo(rec.summary().get("energy/kwh") * 1.5 * gPerKwh / 1000,
                org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void noEnergyLeavesThePowerFilesOutAndBadFootprintOptionsAreBadInput() {
        Result r = train("--no-energy", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        try (var dirs = Files.list(workspace.resolve("runs"))) {
            Path dir = dirs.findFirst().orElseThrow();
            assertThat(dir.resolve("power.csv")).doesNotExist();
            assertThat(dir.resolve("emissions.csv")).doesNotExist();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Result country = train("--country", "FR");
        assertThat(country.code()).isEqualTo(2);
        assertThat(country.err()).contains("--country");
        Result pue = train("--pue", "0.5");
        assertThat(pue.code()).isEqualTo(2);
        assertThat(pue.err()).contains("--pue");
        Result mode = train("--tracking-mode", "container");
        assertThat(mode.code()).isEqualTo(2);
        assertThat(mode.err()).contains("--tracking-mode");
    }

    @Test
    void energyProbeListsEverySensorWithItsMethod() throws IOException {
        Result probe = cli("energy", "probe", "--json");
        assertThat(probe.code()).as(probe.err()).isZero();
        JsonNode rows = Json.mapper().readTree(probe.out());
        assertThat(rows).isNotEmpty();
        boolean cpuInUse = false;
        for (JsonNode row : rows) {
            assertThat(row.get("detail").asText()).isNotBlank();
            cpuInUse |= row.get("source").asText().equals("cpu") && row.get("used").asBoolean();
        }
        assertThat(cpuInUse).as("some CPU sensor (RAPL or the load model) is always in use").isTrue();
        assertThat(cli("energy", "probe").out()).contains("SENSOR").contains("METHOD");
    }

    @Test
    void energyWatchSamplesForTheGivenTimeAndReportsEnergy() throws IOException {
        Result watch = cli("energy", "watch", "--seconds", "1", "--hz", "20", "--json");
        assertThat(watch.code()).as(watch.err()).isZero();
        JsonNode rows = Json.mapper().readTree(watch.out());
        JsonNode cpu = null;
        for (JsonNode row : rows) {
            if (row.get("source").asText().equals("cpu")) {
                cpu = row;
            }
        }
        assertThat(cpu).isNotNull();
        assertThat(cpu.get("samples").asLong()).isBetween(10L, 40L);
        assertThat(cpu.get("joules").asDouble()).isPositive();
    }

    @Test
    void spectraOfARunPrintsEveryLayerAndRefreshesItsSpectraFile() throws IOException {
        Result t = train("--json");
        assertThat(t.code()).as(t.err()).isZero();
        RunRecord rec = Json.mapper().readValue(t.out(), RunRecord.class);
        Path weights = workspace.resolve("runs").resolve(rec.id()).resolve("spectra/weights.json");
        assertThat(weights).exists();
        Files.delete(weights);
        Result table = cli("spectra", "--model", rec.id());
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out()).contains("LAYER").contains("01Linear_weight").contains("784x32")
                .contains("03Linear_weight").contains("ALPHA");
        assertThat(weights).exists();
        Result json = cli("spectra", "--model", rec.id(), "--layer", "03", "--json");
        JsonNode rows = Json.mapper().readTree(json.out());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("n").asInt()).isEqualTo(32);
        assertThat(rows.get(0).get("m").asInt()).isEqualTo(10);
        assertThat(rows.get(0).at("/mp/lambdaPlus").asDouble()).isPositive();
        Result none = cli("spectra", "--model", rec.id(), "--layer", "nope");
        assertThat(none.code()).isEqualTo(2);
    }

    @Test
    void compareRunsEachMethodAsItsOwnRunUnderOneComparisonId() throws IOException {
        Result r = cli("compare", "--methods", "bp", "--dataset", "samples", "--model", "mlp:784-32", "--epochs", "1",
                "--limit-train", "600", "--device", "cpu", "--threads", "2", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = Json.mapper().readTree(r.out());
        String id = doc.get("id").asText();
        assertThat(id).matches("cmp-\\d{8}-\\d{6}-[0-9a-f]{4}");
        assertThat(doc.get("table")).hasSize(1);
        JsonNode bp = doc.get("table").get(0);
        // each run as its record, the shape `train --json` prints
        RunRecord printed = Json.mapper().treeToValue(doc.get("runs").get(0), RunRecord.class);
        assertThat(printed.id()).isEqualTo(bp.get("run").asText());
        assertThat(printed.summary()).containsKey("test/accuracy");
        assertThat(bp.get("method").asText()).isEqualTo("bp");
        assertThat(bp.get("test_accuracy").asDouble()).isGreaterThan(0.3);
        assertThat(bp.get("params").asDouble()).isEqualTo(784 * 32 + 32 + 32 * 10 + 10.0); // class layer added
        RunRecord run = Json.mapper().readValue(Files.readString(workspace.resolve("runs")
                .resolve(bp.get("run").asText()).resolve("run.json")), RunRecord.class);
        assertThat(run.provenance().settings()).containsEntry("comparison", id);
        assertThat(workspace.resolve("comparisons").resolve(id + ".json")).exists();

        Result unknown = cli("compare", "--methods", "bp,xx", "--dataset", "samples", "--model", "mlp:784-32");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown method 'xx'");
    }

    @Test
    void layerLocalMethodsTrainCompareAndEvaluateThroughTheCommandLine() throws IOException {
        Result r = cli("compare", "--methods", "bp,mf,ff", "--dataset", "samples", "--model", "mlp:784-64",
                "--epochs", "1", "--limit-train", "800", "--device", "cpu", "--threads", "2", "--no-energy", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode runs = Json.mapper().readTree(r.out()).get("table");
        assertThat(runs).hasSize(3);
        for (JsonNode run : runs) {
            assertThat(run.get("status").asText()).as(run.get("method").asText()).isEqualTo("finished");
            // learning itself is tested per method; FF needs more than one epoch on 640 images to leave chance
            double floor = run.get("method").asText().equals("ff") ? 0.0 : 0.15;
            assertThat(run.get("test_accuracy").asDouble()).as(run.get("method").asText()).isGreaterThan(floor);
        }
        String mfRun = runs.get(1).get("run").asText();
        Result eval = cli("eval", "--model", mfRun, "--dataset", "samples", "--device", "cpu", "--no-energy", "--json");
        assertThat(eval.code()).as(eval.err()).isZero();
        RunRecord evalRun = Json.mapper().readValue(eval.out(), RunRecord.class);
        assertThat(evalRun.summary().get("test/accuracy")).isEqualTo(runs.get(1).get("test_accuracy").asDouble());

        Result badOption = cli("train", "--method", "ff", "--opt", "threshold=abc", "--dataset", "samples",
                "--model", "mlp:784-64");
        assertThat(badOption.code()).isEqualTo(2);
        assertThat(badOption.err()).contains("threshold");
        Result unknownOption = cli("train", "--method", "mf", "--opt", "nope=1", "--dataset", "samples",
                "--model", "mlp:784-64");
        assertThat(unknownOption.code()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("schedule");
    }

    @Test
    void helpReadsWell() {
        Result help = cli("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("train").contains("eval").contains("runs").contains("Exit codes");
        Result trainHelp = cli("train", "--help");
        assertThat(trainHelp.out()).contains("--model").contains("mlp:IN-H1-...-OUT").contains("--patience")
                .contains("--workspace").contains("--device");
    }
}
