package dev.joulebench.cli;

import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.Json;
import dev.joulebench.core.RunInstrument;
import dev.joulebench.core.RunInstrumentFactory;
import dev.joulebench.core.JobEnvironment;
import dev.joulebench.core.JobFactory;
import dev.joulebench.core.spec.InvalidSpecException;
import dev.joulebench.core.spec.SpecProblem;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.nn.ModelSpec;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "compare", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Train the same architecture with several methods under the same budget, seed, split and",
            "early-stopping rule, as separate runs grouped under one comparison id, and print one table.",
            "Give the model without its class layer (e.g. mlp:784-1000-1000): bp adds a linear output layer",
            "for the dataset's classes, layer-local methods use their own heads."})
final class CompareCommand implements Callable<Integer> {
    @Option(names = "--methods", required = true, split = ",", paramLabel = "M,M,...", description = "e.g. bp,ff,mf")
    List<String> methods;

    @Option(names = "--dataset", required = true, paramLabel = "NAME|PATH")
    String dataset;

    @Option(names = "--model", required = true, paramLabel = "SPEC")
    String model;

    @Option(names = "--epochs", paramLabel = "N", description = "Epoch budget for every method (default 10).")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N", description = "Batch size for every method (default 128).")
    Integer batch;

    @Option(names = "--patience", paramLabel = "N", description = "Early stopping patience for every method (0 = off).")
    Integer patience;

    @Option(names = "--limit-train", paramLabel = "N", description = "Use only the first N training images.")
    Integer limitTrain;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads for PyTorch.")
    Integer threads;

    @Option(names = "--lr", paramLabel = "M=X", split = ",", description = "Learning rate per method, e.g. --lr bp=1e-3,ff=3e-4.")
    Map<String, Double> learningRates;

    @Mixin
    CommonOptions common;

    @Mixin
    FootprintOptions footprint;

    @Mixin
    SensorOptions sensors;

    @Override
    public Integer call() throws Exception {
        for (String m : methods) {
            if (!TrainSpec.METHODS.contains(m)) {
                throw new BadInputException("--methods: unknown method '" + m + "'; methods are " + TrainSpec.METHODS);
            }
        }
        int classes = DatasetCatalog.system().shape(dataset).classes();
        var resources = common.resources();
        // every method's spec is checked before any trains: a refused cafo must not cost a full bp run first
        List<TrainSpec> specs = new ArrayList<>();
        List<SpecProblem> problems = new ArrayList<>();
        JobEnvironment env = JobEnvironment.of(new RunStore(common.workspace())).with(resources);
        for (String m : methods) {
            String modelFor = m.equals("bp") ? withClassLayer(model, classes) : model;
            TrainSpec spec = TrainSpec.builder().method(m).dataset(dataset).model(modelFor).epochs(epochs).batchSize(batch).learningRate(learningRates == null ? null : learningRates.get(m)).patience(patience).limitTrain(limitTrain).seed(common.seed).device(common.device).threads(threads).build();
            for (SpecProblem p : JobFactory.problemsOf(spec, env)) {
                problems.add(new SpecProblem(m + ": " + p.field(), p.message(), p.hint()));
            }
            specs.add(spec);
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpecException("compare", problems);
        }
        String id = "cmp-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC)
                .format(java.time.Instant.now()) + "-" + HexFormat.of().toHexDigits((short) new java.util.Random().nextInt(1 << 16));
        Console console = Console.of(System.out, System.err, common.json);
        var energy = footprint.settings(sensors);
        RunInstrumentFactory tag = spec -> new RunInstrument() {
            @Override
            public void start(JobContext ctx) {
                ctx.setting("comparison", id);
            }

            @Override
            public Report stop(JobContext ctx) {
                return null;
            }
        };
        List<RunRecord> runs = new ArrayList<>();
        for (TrainSpec spec : specs) {
            console.info().println("== " + id + ": " + spec.method() + " on " + spec.model());
            runs.add(new RunLauncher(console, resources).run(common.workspace(), spec, energy, List.of(tag)));
        }
        List<Map<String, Object>> table = table(runs);
        Path dir = common.workspace().resolve("comparisons");
        Files.createDirectories(dir);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", id);
        doc.put("dataset", dataset);
        doc.put("model", model);
        doc.put("table", table);
        Files.writeString(dir.resolve(id + ".json"), Json.write(doc));
        if (console.json()) {
            // the comparison, and each run's record as every job command prints it
            doc.put("runs", runs);
        }
        print(console.out(), id, table, console.json() ? doc : null);
        return runs.stream().allMatch(r -> r.status() == RunStatus.FINISHED) ? ExitCodes.OK : ExitCodes.JOB_FAILED;
    }

    /** The MLP with a linear output layer for the classes, unless it already ends with one. */
    static String withClassLayer(String model, int classes) {
        ModelSpec spec = ModelSpec.parse(model);
        if (spec instanceof ModelSpec.Mlp mlp && mlp.classes() != classes) {
            return spec.text() + "-" + classes;
        }
        return spec.text();
    }

    private static List<Map<String, Object>> table(List<RunRecord> runs) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RunRecord r : runs) {
            Map<String, Double> s = r.summary();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("method", r.method());
            row.put("run", r.id());
            row.put("status", r.status().json());
            row.put("test_accuracy", s.get(MetricKeys.TEST_ACCURACY));
            row.put("epochs", s.get(MetricKeys.EPOCHS));
            row.put("wall_seconds", r.durationSeconds());
            row.put("samples_per_second", s.get(MetricKeys.TRAIN_SAMPLES_PER_SECOND));
            row.put("energy_kwh", s.get(MetricKeys.ENERGY_KWH));
            row.put("energy_estimated_share", s.get(MetricKeys.ENERGY_ESTIMATED_SHARE));
            row.put("co2e_kg", s.get(MetricKeys.CO2E_KG));
            row.put("params", s.get(MetricKeys.PARAMS));
            row.put("peak_rss_mib", s.get(MetricKeys.MEMORY_PEAK_RSS_MIB));
            rows.add(row);
        }
        return rows;
    }

    private static void print(PrintStream out, String id, List<Map<String, Object>> rows, Map<String, Object> json) {
        if (json != null) {
            out.println(Json.write(json));
            return;
        }
        out.println();
        out.println("comparison " + id);
        String fmt = "%-6s %-10s %9s %7s %9s %11s %12s %10s %11s %9s  %s%n";
        out.printf(Locale.ROOT, fmt, "METHOD", "STATUS", "TEST ACC", "EPOCHS", "WALL s", "SAMPLES/s", "ENERGY kWh",
                "CO2e g", "PARAMS", "PEAK MiB", "RUN");
        for (Map<String, Object> r : rows) {
            Double kwh = (Double) r.get("energy_kwh");
            Double est = (Double) r.get("energy_estimated_share");
            Double co2 = (Double) r.get("co2e_kg");
            out.printf(Locale.ROOT, fmt, r.get("method"), r.get("status"), f((Double) r.get("test_accuracy"), "%.4f"),
                    f((Double) r.get(MetricKeys.EPOCHS), "%.0f"), f((Double) r.get("wall_seconds"), "%.1f"),
                    f((Double) r.get("samples_per_second"), "%.0f"),
                    kwh == null ? "-" : String.format(Locale.ROOT, "%.3e%s", kwh, est != null && est > 0.5 ? "*" : ""),
                    co2 == null ? "-" : String.format(Locale.ROOT, "%.3f", co2 * 1000), f((Double) r.get(MetricKeys.PARAMS), "%.0f"),
                    f((Double) r.get("peak_rss_mib"), "%.0f"), r.get("run"));
        }
        out.println("Same seed, split, batch, epoch budget and early-stopping rule for every method."
                + " Energy: * = mostly estimated (a model, not a meter).");
    }

    private static String f(Double v, String fmt) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, fmt, v);
    }
}
