package dev.joulebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.Json;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.core.store.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "compress", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        subcommands = CompressCommand.Sensitivity.class,
        description = {"Compress the dense layers of a trained backprop model and measure it before and after",
            "(params, bytes, MACs, test accuracy, batch latency p50, throughput, energy per 1,000 inferences).",
            "Dense layers are fc1..fcN in network order; by default every hidden one is compressed (the output",
            "layer stays dense: small, and the most sensitive). Conv layers are never compressed.",
            "The compressed model is saved in the run's model/ (compressed.json + compressed.params), the",
            "per-layer table in compress/summary.json.",
            "rmtkd (RMT-KD) instead narrows each hidden layer of an mlp: model to the outlier directions of its",
            "activation spectrum (above the fitted Marchenko-Pastur bulk) and heals each cut by self-distillation;",
            "the result is a plain mlp: checkpoint in model/ that eval, export and compare take like a trained run."},
        footerHeading = "%nExamples:%n",
        footer = {"  joulebench compress --method mpo --model <run> --dataset fashion-mnist --target-params 0.18 --heal-epochs 1",
            "  joulebench compress --method lowrank --model <run> --dataset fashion-mnist --chi 64",
            "  joulebench compress --method mpo --model model.onnx --dataset fashion-mnist --chi 16",
            "  joulebench compress --method rmtkd --model <run> --dataset fashion-mnist --target-params 0.3 --distill-epochs 2",
            "  joulebench compress sensitivity --model <run> --dataset fashion-mnist --chis 4,8,16,32,64 --target-params 0.2"})
final class CompressCommand implements Callable<Integer> {
    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "mpo",
            description = "mpo, lowrank, prune, int8, mpo+int8 or rmtkd (default ${DEFAULT-VALUE}).")
    String method;

    // Not picocli-required, so that `compress sensitivity` runs without them; the spec checks them.
    @Option(names = "--model", paramLabel = "RUN|DIR|FILE.onnx",
            description = {"(Required.) Training run id (or unique part of it), run directory or model/ checkpoint directory;",
                "or an .onnx file (mpo with --chi only, no healing): its Gemm/MatMul weights become MPO cores and",
                "Reshape/Transpose/MatMul chains in model/compressed.onnx, measured in ONNX Runtime."})
    String model;

    @Option(names = "--dataset", paramLabel = "NAME|PATH", description = "Dataset name or path (required).")
    String dataset;

    @Option(names = "--chi", paramLabel = "N", description = "Maximum MPO bond dimension χ (mpo), or the rank (lowrank).")
    Integer chi;

    @Option(names = "--eps", paramLabel = "E", description = "Relative Frobenius error per layer (mpo, lowrank). With --chi both apply: each bond (rank) is at most χ and otherwise as small as ε allows, so ε holds only where χ did not bind.")
    Double eps;

    @Option(names = "--target-params", paramLabel = "P",
            description = {"Weights each compressed layer keeps: a fraction (<= 1) or a count over the layers (prune: required).",
                "rmtkd: the whole model's parameters at which the cuts stop (a fraction of the original or a count)."})
    Double targetParams;

    @Option(names = "--layers", split = ",", paramLabel = "fc1,fc2", description = "Dense layers to compress (default: every hidden one); initializer names for ONNX.")
    List<String> layers;

    @Option(names = "--layer-chi", split = ",", paramLabel = "LAYER=CHI",
            description = "Per-layer χ, e.g. from `compress sensitivity` (fc1=16,fc2=8).")
    Map<String, Integer> layerChis;

    @Option(names = "--sites", paramLabel = "N", description = "MPO cores per layer (default 4).")
    Integer sites;

    @Option(names = "--heal-epochs", paramLabel = "N", description = "Epochs of backprop fine-tuning after compression (default 0).")
    Integer healEpochs;

    @Option(names = "--heal-lr", paramLabel = "X", description = "Adam learning rate of healing (default 5e-4).")
    Double healLr;

    @Option(names = "--batch", paramLabel = "N", description = "Batch size of evaluation and healing (default 128).")
    Integer batch;

    // ---- rmtkd
    @Option(names = "--quantile", paramLabel = "TAU", description = "rmtkd: the MP noise variance starts at this quantile of a layer's eigenvalues (default 0.5).")
    Double quantile;

    @Option(names = "--max-drop", paramLabel = "X", description = "rmtkd: validation accuracy the cuts may lose, e.g. 0.01 for 1 point (default 0.01); the cut that loses more is undone and the schedule stops.")
    Double maxDrop;

    @Option(names = "--distill-epochs", paramLabel = "N", description = "rmtkd: epochs of self-distillation after each cut (default 2; 0 = none). Learning rate: --heal-lr.")
    Integer distillEpochs;

    @Option(names = "--calibration-fraction", paramLabel = "F", description = "rmtkd: share of the training split whose activations are analysed (default 0.1, seeded).")
    Double calibrationFraction;

    @Option(names = "--alpha", paramLabel = "A", description = "rmtkd: weight of the hard-label loss; the teacher's KL gets 1 - A (default 0.7).")
    Double alpha;

    @Option(names = "--temperature", paramLabel = "T", description = "rmtkd: softmax temperature of the distillation KL (default 1.0).")
    Double temperature;

    @Option(names = "--min-keep", paramLabel = "F", description = "rmtkd: stop when a cut would keep less than this share of a layer (default 0.05).")
    Double minKeep;

    @Option(names = "--no-centre", description = "rmtkd: analyse the raw second moment instead of the centred covariance.")
    Boolean noCentre;

    @Option(names = "--tw-margin", description = "rmtkd: keep only eigenvalues above lambda+ plus the Tracy-Widom margin.")
    Boolean twMargin;

    @Option(names = "--eigen-basis", description = "rmtkd: narrow onto the kept eigenvectors themselves, not onto the basis of their span closest to the layer's units (the default; same subspace, far smaller loss through the ReLU).")
    Boolean eigenBasis;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads for PyTorch (default: engine default).")
    Integer threads;

    @Option(names = "--save-spec", paramLabel = "FILE",
            description = "Write the spec as JSON (for `joulebench run FILE`) and exit without compressing.")
    Path saveSpec;

    @Mixin
    CommonOptions common;

    @Mixin
    FootprintOptions footprint;

    @Mixin
    SensorOptions sensors;

    @Override
    public Integer call() throws Exception {
        CompressSpec spec = CompressSpec.builder().method(method).model(model).dataset(dataset).chi(chi).eps(eps).targetParams(targetParams).layers(layers).healEpochs(healEpochs).batchSize(batch).seed(common.seed).device(common.device).threads(threads).mode("compress").sites(sites).layerChis(layerChis).healLearningRate(healLr)
                .quantile(quantile).targetAccuracyDrop(maxDrop).distillEpochs(distillEpochs)
                .calibrationFraction(calibrationFraction).distillAlpha(alpha).distillTemperature(temperature)
                .minKeepFraction(minKeep).centre(noCentre == null ? null : !noCentre).tracyWidomMargin(twMargin)
                .alignBasis(eigenBasis == null ? null : !eigenBasis).build();
        return launch(spec, common, footprint, sensors, saveSpec);
    }

    static int launch(CompressSpec spec, CommonOptions common, FootprintOptions footprint, SensorOptions sensors,
                      Path saveSpec) throws Exception {
        Console console = Console.of(System.out, System.err, common.json);
        if (saveSpec != null) {
            console.info().println("spec written to " + OutputFiles.saveSpec(saveSpec, spec, CompressSpec.class));
            return ExitCodes.OK;
        }
        RunRecord r = new RunLauncher(console, common.resources()).run(common.workspace(), spec, footprint.settings(sensors), List.of());
        Path dir = new RunStore(common.workspace()).runsDir().resolve(r.id());
        Path file = dir.resolve(spec.isSensitivity() ? "compress/sensitivity.json" : "compress/summary.json");
        JsonNode doc = Files.isRegularFile(file) ? Json.mapper().readTree(Files.readString(file)) : null;
        if (console.json()) {
            // the run record as every job command prints it, the job's result file as one more report section
            console.out().println(Json.write(doc == null ? r : r.withReport(spec.isSensitivity() ? "sensitivity"
                    : "compress", doc)));
        } else {
            console.out().println("run " + r.id() + " " + r.status().json()
                    + (r.durationSeconds() != null ? String.format(Locale.ROOT, " in %.1f s", r.durationSeconds()) : ""));
            if (r.error() != null) {
                console.out().println("error: " + r.error());
            }
            if (doc != null) {
                console.out().print(spec.isSensitivity() ? sensitivityTable(doc) : compressTable(doc, r.summary()));
            }
            console.out().println("  results in " + dir);
        }
        return r.status() == RunStatus.FINISHED ? ExitCodes.OK : ExitCodes.JOB_FAILED;
    }

    /** The per-layer table and the before/after table of a compress run. */
    static String compressTable(JsonNode doc, Map<String, Double> summary) {
        if (doc.has("compressedModel")) {
            return onnxTable(doc, summary);
        }
        if (CompressSpec.RMTKD.equals(doc.path("method").asText())) {
            return rmtkdTable(doc, summary);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%n  %-5s %-10s %-9s %-11s %12s %12s %10s %10s%n", "layer", "shape", "method",
                "setting", "weights", "after", "bytes", "rel.err"));
        for (JsonNode l : doc.path("layers")) {
            String setting = l.hasNonNull("chi") ? "chi=" + l.path("chi").asInt()
                    : l.hasNonNull("rank") ? "rank=" + l.path("rank").asInt()
                    : l.hasNonNull("keepFraction") ? String.format(Locale.ROOT, "keep=%.3f", l.path("keepFraction").asDouble())
                    : "-";
            sb.append(String.format(Locale.ROOT, "  %-5s %-10s %-9s %-11s %12d %12d %10d %10.4f%n", l.path("layer").asText(),
                    l.path("inputs").asInt() + "x" + l.path("outputs").asInt(), l.path("method").asText(), setting,
                    l.path("weightParamsBefore").asLong(), l.path("weightParamsAfter").asLong(),
                    l.path("bytesAfter").asLong(), l.path("relativeError").asDouble()));
        }
        sb.append(String.format(Locale.ROOT, "%n  %-26s %14s %14s %14s%n", "", "before", "compressed", "after"));
        row(sb, "params", doc, "params", "%14.0f");
        row(sb, "bytes", doc, "bytes", "%14.0f");
        row(sb, "MACs per sample", doc, "macs", "%14.0f");
        row(sb, "test accuracy", doc, "testAccuracy", "%14.4f");
        row(sb, "latency p50 per batch (ms)", doc, "latencyP50Millis", "%14.3f");
        row(sb, "samples per second", doc, "samplesPerSecond", "%14.0f");
        Double eb = summary.get("energy/eval-before_kwh_per_1000_inferences");
        Double ea = summary.get("energy/eval-after_kwh_per_1000_inferences");
        if (eb != null || ea != null) {
            sb.append(String.format(Locale.ROOT, "  %-26s %14s %14s %14s%n", "kWh per 1,000 inferences",
                    eb == null ? "-" : String.format(Locale.ROOT, "%.3e", eb), "-",
                    ea == null ? "-" : String.format(Locale.ROOT, "%.3e", ea)));
        }
        Double ratio = summary.get("compression/dense_weights_ratio");
        if (ratio != null) {
            sb.append(String.format(Locale.ROOT, "  dense-layer weights kept: %.1f%%, model parameters kept: %.1f%%%n",
                    100 * ratio, 100 * summary.getOrDefault("compression/params_ratio", Double.NaN)));
        }
        return sb.toString();
    }

    /** An RMT-KD run: each layer's spectrum and cut, then the model before and after, and why the schedule stopped. */
    static String rmtkdTable(JsonNode doc, Map<String, Double> summary) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%n  %-5s %4s %6s %8s %6s %11s %11s %6s %9s %9s  %s%n", "layer", "pass",
                "width", ">lambda+", "cut to", "lambda+", "sigma2", "q", "val.cut", "val.dist", "outcome"));
        for (JsonNode c : doc.path("cuts")) {
            sb.append(String.format(Locale.ROOT, "  %-5s %4d %6d %8d %6d %11.4g %11.4g %6.3f %9s %9s  %s%n",
                    c.path("layer").asText(), c.path("pass").asInt(), c.path("widthBefore").asInt(),
                    c.path("kept").asInt(), c.path("cutWidth").asInt(), c.path("lambdaPlus").asDouble(),
                    c.path("sigma2").asDouble(), c.path("ratio").asDouble(), accuracy(c.path("validationCut")),
                    accuracy(c.path("validationDistilled")), c.path("outcome").asText()));
        }
        sb.append(String.format(Locale.ROOT, "%n  %-26s %22s %22s%n", "", "before", "after"));
        sb.append(String.format(Locale.ROOT, "  %-26s %22s %22s%n", "model", doc.path("before").path("model").asText("-"),
                doc.path("after").path("model").asText("-")));
        for (String[] k : new String[][] {{"params", "params"}, {"MACs per sample", "macs"},
            {"test accuracy", "test_accuracy"}, {"validation accuracy", "val_accuracy"},
            {"latency p50 per batch (ms)", "latency_p50_ms"}, {"samples per second", "samples_per_second"}}) {
            sb.append(String.format(Locale.ROOT, "  %-26s %22s %22s%n", k[0], Format.number(summary.get("before/" + k[1])),
                    Format.number(summary.get("after/" + k[1]))));
        }
        Double eb = summary.get("energy/eval-before_kwh_per_1000_inferences");
        Double ea = summary.get("energy/eval-after_kwh_per_1000_inferences");
        if (eb != null || ea != null) {
            sb.append(String.format(Locale.ROOT, "  %-26s %22s %22s%n", "kWh per 1,000 inferences",
                    eb == null ? "-" : String.format(Locale.ROOT, "%.3e", eb),
                    ea == null ? "-" : String.format(Locale.ROOT, "%.3e", ea)));
        }
        Double ratio = summary.get("compression/params_ratio");
        if (ratio != null) {
            sb.append(String.format(Locale.ROOT, "  parameters kept: %.1f%%%n", 100 * ratio));
        }
        sb.append("  stopped: ").append(doc.path("stop").asText()).append(" (").append(doc.path("stopDetail").asText())
                .append(")").append(System.lineSeparator());
        return sb.toString();
    }

    private static String accuracy(JsonNode v) {
        return v.isNumber() ? String.format(Locale.ROOT, "%.4f", v.asDouble()) : "-";
    }

    /** An ONNX compression: per-weight table, then params, file size, accuracy and latency before/after. */
    static String onnxTable(JsonNode doc, Map<String, Double> summary) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%n  %-24s %-10s %-16s %12s %12s %10s%n", "weight", "shape", "bonds",
                "weights", "cores", "rel.err"));
        for (JsonNode l : doc.path("layers")) {
            sb.append(String.format(Locale.ROOT, "  %-24s %-10s %-16s %12d %12d %10.4f%n", l.path("initializer").asText(),
                    l.path("inputs").asInt() + "x" + l.path("outputs").asInt(), l.path("bonds").toString(),
                    l.path("denseParams").asLong(), l.path("coreParams").asLong(), l.path("relativeError").asDouble()));
        }
        sb.append(String.format(Locale.ROOT, "%n  %-26s %14s %14s%n", "", "before", "after"));
        for (String[] k : new String[][] {{"params", "params"}, {"file bytes", "file_bytes"},
            {"test accuracy", "test_accuracy"}, {"latency p50 per batch (ms)", "latency_p50_ms"},
            {"samples per second", "samples_per_second"}}) {
            sb.append(String.format(Locale.ROOT, "  %-26s %14s %14s%n", k[0], Format.number(summary.get("before/" + k[1])),
                    Format.number(summary.get("after/" + k[1]))));
        }
        sb.append("  compressed model: ").append(doc.path("compressedModel").asText()).append(System.lineSeparator());
        return sb.toString();
    }

    private static void row(StringBuilder sb, String label, JsonNode doc, String field, String format) {
        sb.append(String.format(Locale.ROOT, "  %-26s", label));
        for (String stage : List.of("before", "compressed", "after")) {
            JsonNode m = doc.path(stage);
            sb.append(m.hasNonNull(field) ? String.format(Locale.ROOT, format, m.path(field).asDouble())
                    : String.format(Locale.ROOT, "%14s", "-"));
        }
        sb.append(System.lineSeparator());
    }

    /** Layers × χ accuracy matrix and the policy's choice. */
    static String sensitivityTable(JsonNode doc) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%n  validation accuracy with one layer compressed (uncompressed: %.4f)%n",
                doc.path("baselineAccuracy").asDouble()));
        sb.append(String.format(Locale.ROOT, "  %-6s", "layer"));
        for (JsonNode chi : doc.path("chis")) {
            sb.append(String.format(Locale.ROOT, " %9s", "chi=" + chi.asInt()));
        }
        sb.append(System.lineSeparator());
        for (int i = 0; i < doc.path("layers").size(); i++) {
            sb.append(String.format(Locale.ROOT, "  %-6s", doc.path("layers").get(i).asText()));
            for (JsonNode a : doc.path("accuracy").get(i)) {
                sb.append(String.format(Locale.ROOT, " %9.4f", a.asDouble()));
            }
            sb.append(System.lineSeparator());
        }
        JsonNode policy = doc.path("policy");
        sb.append(String.format(Locale.ROOT, "%n  policy (%s %s): ", doc.path("policyGoal").asText(),
                Format.number(doc.path("policyTarget").asDouble())));
        StringBuilder arg = new StringBuilder();
        policy.path("chi").fields().forEachRemaining(e -> {
            sb.append(e.getKey()).append('=').append(e.getValue().isNull() ? "dense" : e.getValue().asText()).append(' ');
            if (!e.getValue().isNull()) {
                arg.append(arg.length() == 0 ? "" : ",").append(e.getKey()).append('=').append(e.getValue().asInt());
            }
        });
        sb.append(String.format(Locale.ROOT, "%n  weights %d, predicted accuracy drop %.4f%s%n", policy.path("params").asLong(),
                policy.path("predictedDrop").asDouble(), policy.path("reached").asBoolean() ? "" : " (target not reached)"));
        if (arg.length() > 0) {
            List<String> compressed = new java.util.ArrayList<>();
            policy.path("chi").fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    compressed.add(e.getKey());
                }
            });
            sb.append("  apply with: joulebench compress --method mpo --layers ").append(String.join(",", compressed))
                    .append(" --layer-chi ").append(arg).append(" ...").append(System.lineSeparator());
        }
        return sb.toString();
    }

    @Command(name = "sensitivity", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
            description = {"CompactifAI layer sensitivity: each layer alone as an MPO at every χ, accuracy on the",
                "validation split (layers × χ table and compress/sensitivity.json), then a policy that picks a",
                "χ per layer for --target-params or an accuracy budget --max-drop (default 0.01)."})
    static final class Sensitivity implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "RUN|DIR", description = "Training run or checkpoint directory.")
        String model;

        @Option(names = "--dataset", required = true, paramLabel = "NAME|PATH", description = "Dataset name or path.")
        String dataset;

        @Option(names = "--chis", split = ",", paramLabel = "4,8,...", description = "χ values to profile (default 4,8,16,32,64).")
        List<Integer> chis;

        @Option(names = "--layers", split = ",", paramLabel = "fc1,fc2", description = "Dense layers to profile (default: every hidden one).")
        List<String> layers;

        @Option(names = "--target-params", paramLabel = "P", description = "Policy: weights to keep over the profiled layers (fraction <= 1 or count).")
        Double targetParams;

        @Option(names = "--max-drop", paramLabel = "X", description = "Policy: largest summed accuracy drop, e.g. 0.01 (used without --target-params).")
        Double maxDrop;

        @Option(names = "--sites", paramLabel = "N", description = "MPO cores per layer (default 4).")
        Integer sites;

        @Option(names = "--batch", paramLabel = "N", description = "Evaluation batch size (default 128).")
        Integer batch;

        @Option(names = "--threads", paramLabel = "N", description = "CPU threads for PyTorch (default: engine default).")
        Integer threads;

        @Mixin
        CommonOptions common;

        @Mixin
        FootprintOptions footprint;

        @Mixin
        SensorOptions sensors;

        @Override
        public Integer call() throws Exception {
            CompressSpec spec = CompressSpec.builder().method("mpo").model(model).dataset(dataset).targetParams(targetParams).layers(layers).batchSize(batch).seed(common.seed).device(common.device).threads(threads).mode("sensitivity").chis(chis).targetAccuracyDrop(maxDrop).sites(sites).build();
            return launch(spec, common, footprint, sensors, null);
        }
    }
}
