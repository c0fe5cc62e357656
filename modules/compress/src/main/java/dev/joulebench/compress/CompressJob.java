package dev.joulebench.compress;

import dev.joulebench.core.metric.MetricKeys;
import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Job;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.JobResult;
import dev.joulebench.core.JobRunner;
import dev.joulebench.core.Json;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.store.SplitRecord;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.data.DatasetFiles;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.TrainValidationSplit;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.Devices;
import dev.joulebench.nn.TorchEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compresses the selected dense layers of a backprop checkpoint and measures the network before and after
 * on the test split: parameters, bytes, MACs, accuracy, batch latency (p50), throughput and, through the
 * phases eval-before / eval-after and their inference counts, energy per 1,000 inferences. Optional healing
 * fine-tunes the compressed network on the training split. Writes {@code compress/summary.json} and the
 * compressed model into {@code model/}.
 */
final class CompressJob implements Job {
    static final String SUMMARY_FILE = "compress/summary.json";
    /** Untimed batches before each timed pass, so one-off allocations do not count as latency. */
    static final int WARMUP_BATCHES = 2;

    private final CompressSpec spec;
    private final CompressTarget target;
    private final DatasetCatalog catalog;

    CompressJob(CompressSpec spec, CompressTarget target, DatasetCatalog catalog) {
        this.spec = spec;
        this.target = target;
        this.catalog = catalog;
    }

    /** One network's measured figures; {@code stage} is before, compressed (before healing) or after. */
    record Measurement(String stage, long params, long bytes, long macs, double testAccuracy, double testLoss,
                       double latencyP50Millis, double samplesPerSecond, long inferences) {}

    @Override
    public JobResult run(JobContext ctx) throws Exception {
        DatasetFiles files = catalog.load(spec.dataset());
        if (target.split() == null && (spec.isSensitivity() || spec.healEpochs() > 0)) {
            throw new BadInputException("The checkpoint records no training split, so its validation rows are unknown: "
                    + "sensitivity and healing need them (train the model again, or compress without healing)");
        }
        TrainValidationSplit split = target.split() == null ? null
                : TrainValidationSplit.replay(files.train(), target.split());
        if (split != null) {
            ctx.section(SplitRecord.SECTION, split.record());
        }
        ctx.setting("dataset.location", files.location().toString());
        ctx.setting("checkpoint", target.checkpointDir().toString());
        Engine engine = ctx.closeAtEnd(TorchEngine.configure(spec.seed(), spec.threads())).engine();
        Device device = Devices.resolve(spec.device(), engine);
        ctx.setting("device", Devices.name(device));
        ctx.setting("threads", String.valueOf(TorchEngine.threads()));
        ctx.setting("compress.layers", String.join(",", target.layers()));
        try (Classifier original = Classifier.load(target.checkpointDir(), device)) {
            original.checkCompatible(files.test());
            if (spec.isSensitivity()) {
                return new SensitivityProfile(spec, target).run(original, split.validation(), ctx);
            }
            return compress(original, files, split, ctx);
        }
    }

    private JobResult compress(Classifier original, DatasetFiles files, TrainValidationSplit split, JobContext ctx)
            throws Exception {
        String method = spec.compressionMethod();
        ImageDataset test = files.test();
        Map<String, Double> summary = new LinkedHashMap<>();
        Measurement before;
        try (CompressedNetwork dense = CompressedNetwork.of(original, Map.of())) {
            before = measure("before", dense, test, ModelCost.multiplyAccumulates(original.spec()),
                    original.spec().parameterCount(), ModelCost.bytes(original.spec()), "eval-before", ctx);
        }
        put(summary, before);
        summary.put(JobRunner.INFERENCES + "eval-before", (double) before.inferences());

        List<LayerReport> reports = new ArrayList<>();
        Map<String, Replacement> replacements = new LinkedHashMap<>();
        ctx.phase("compress");
        long selectedWeights = 0;
        List<DenseLayer> layers = DenseLayer.of(original).stream()
                .filter(l -> target.layers().contains(l.name())).toList();
        for (DenseLayer l : layers) {
            selectedWeights += (long) l.weight().rows() * l.weight().cols();
        }
        double keepShare = spec.targetParams() == null ? Double.NaN
                : spec.targetParams() <= 1 ? spec.targetParams() : spec.targetParams() / selectedWeights;
        int done = 0;
        long t0 = System.nanoTime();
        for (DenseLayer l : layers) {
            ctx.cancellation().throwIfCancelled();
            ctx.progress("compressing", done, layers.size(), l.name());
            long weights = (long) l.weight().rows() * l.weight().cols();
            Integer chi = spec.layerChis().getOrDefault(l.name(), spec.chi());
            Long budget = Double.isNaN(keepShare) ? null : Math.max(1L, Math.round(keepShare * weights));
            LayerCompressor.Result r = LayerCompressor.compress(l.name(), l.weight(), method,
                    new LayerCompressor.Setting(chi, spec.layerChis().containsKey(l.name()) ? null : spec.eps(),
                            budget, spec.sites()));
            replacements.put(l.name(), r.replacement());
            reports.add(r.report());
            LayerReport lr = r.report();
            ctx.metric(done, -1, "compress/" + l.name() + "/relative_error", lr.relativeError());
            ctx.metric(done, -1, "compress/" + l.name() + "/params_ratio",
                    (double) lr.weightParamsAfter() / lr.weightParamsBefore());
            ctx.log("INFO", String.format(java.util.Locale.ROOT, "%s %dx%d %s %s: %d -> %d weights, error %.4f",
                    l.name(), lr.inputs(), lr.outputs(), method, lr.setting(), lr.weightParamsBefore(),
                    lr.weightParamsAfter(), lr.relativeError()));
            done++;
        }
        ctx.progress("compressing", done, layers.size(), null);
        summary.put("compress/seconds", (System.nanoTime() - t0) / 1e9);

        long paramsAfter = before.params();
        long bytesAfter = before.bytes();
        long macsAfter = before.macs();
        for (LayerReport r : reports) {
            paramsAfter += r.weightParamsAfter() - r.weightParamsBefore();
            bytesAfter += r.bytesAfter() - r.bytesBefore();
            macsAfter += r.macsAfter() - r.macsBefore();
        }
        long denseWeightsBefore = DenseLayer.of(original).stream()
                .mapToLong(l -> (long) l.weight().rows() * l.weight().cols()).sum();
        long denseWeightsAfter = denseWeightsBefore + reports.stream()
                .mapToLong(r -> r.weightParamsAfter() - r.weightParamsBefore()).sum();

        Path modelDir = ctx.runDir().resolve("model");
        Path summaryFile = ctx.runDir().resolve(SUMMARY_FILE);
        try (CompressedNetwork net = CompressedNetwork.of(original, replacements)) {
            Measurement compressed = null;
            Healer.Outcome heal = null;
            Measurement after;
            if (spec.healEpochs() > 0) {
                compressed = measure("compressed", net, test, macsAfter, paramsAfter, bytesAfter, "eval-compressed",
                        ctx);
                summary.put(JobRunner.INFERENCES + "eval-compressed", (double) compressed.inferences());
                summary.put("compressed/test_accuracy", compressed.testAccuracy());
                // Partial results first: a run cancelled while healing still has the compressed model and table.
                net.save(modelDir, method, spec.dataset());
                writeSummary(summaryFile, reports, before, compressed, null, null, denseWeightsBefore,
                        denseWeightsAfter);
                ctx.phase("heal");
                heal = Healer.heal(net, split.train(), split.validation(), spec.healEpochs(), spec.batchSize(),
                        spec.healLearningRate(), spec.seed(), ctx);
                net.requantize(method);
                summary.put("heal/epochs", (double) heal.epochsRun());
                summary.put("heal/steps", (double) heal.steps());
                summary.put("heal/seconds", heal.seconds());
                if (!Double.isNaN(heal.lastValidationAccuracy())) {
                    summary.put(MetricKeys.HEAL_VAL_ACCURACY, heal.lastValidationAccuracy());
                }
                if (heal.cancelled()) {
                    ctx.log("WARN", "cancelled while healing after " + heal.steps() + " steps; keeping the results "
                            + "measured so far and the unhealed compressed model");
                    putRatios(summary, before, compressed, denseWeightsBefore, denseWeightsAfter);
                    ctx.artifact(summaryFile, "compression summary (cancelled while healing)");
                    return new JobResult(summary);
                }
            }
            after = measure("after", net, test, macsAfter, paramsAfter, bytesAfter, "eval-after", ctx);
            put(summary, after);
            summary.put(JobRunner.INFERENCES + "eval-after", (double) after.inferences());
            if (compressed == null) {
                summary.put("compressed/test_accuracy", after.testAccuracy());
            }
            putRatios(summary, before, after, denseWeightsBefore, denseWeightsAfter);
            summary.put("test/accuracy_drop", before.testAccuracy() - after.testAccuracy());
            Path saved = net.save(modelDir, method, spec.dataset());
            ctx.artifact(saved, "compressed model (" + method + ")");
            if (OnnxExport.supports(original.spec(), method)) {
                Path onnx = OnnxExport.write(original, net, spec.dataset(), modelDir.resolve("compressed.onnx"));
                ctx.artifact(onnx, "compressed model as ONNX (MPO cores + Reshape/Transpose/MatMul chains)");
                summary.put("after/onnx_file_bytes", (double) Files.size(onnx));
            }
            writeSummary(summaryFile, reports, before, compressed, after, heal, denseWeightsBefore, denseWeightsAfter);
            ctx.artifact(summaryFile, "compression summary: per-layer table, before/after");
        }
        return new JobResult(summary);
    }

    private static void putRatios(Map<String, Double> summary, Measurement before, Measurement after,
                                  long denseWeightsBefore, long denseWeightsAfter) {
        summary.put("compression/params_ratio", (double) after.params() / before.params());
        summary.put("compression/bytes_ratio", (double) after.bytes() / before.bytes());
        summary.put("compression/dense_weights_ratio", (double) denseWeightsAfter / denseWeightsBefore);
    }

    private Measurement measure(String stage, CompressedNetwork net, ImageDataset test, long macs, long params,
                                long bytes, String phase, JobContext ctx) {
        ctx.phase(phase);
        ctx.progress("evaluating " + stage, 0, test.count(), null);
        int batch = Math.max(1, Math.min(spec.batchSize(), test.count()));
        ImageDataset warmup = test.head(Math.min(test.count(), WARMUP_BATCHES * batch));
        net.evaluate(warmup, batch, ctx.cancellation());
        CompressedNetwork.Evaluation e = net.evaluate(test, batch, ctx.cancellation());
        ctx.progress("evaluating " + stage, test.count(), test.count(), null);
        ctx.metric(0, -1, stage + "/test_accuracy", e.accuracy());
        return new Measurement(stage, params, bytes, macs, e.accuracy(), e.meanLoss(), e.p50BatchMillis(),
                e.samplesPerSecond(), e.count() + warmup.count());
    }

    private static void put(Map<String, Double> summary, Measurement m) {
        String p = m.stage() + "/";
        summary.put(p + "params", (double) m.params());
        summary.put(p + "bytes", (double) m.bytes());
        summary.put(p + "macs", (double) m.macs());
        summary.put(p + "test_accuracy", m.testAccuracy());
        summary.put(p + "test_loss", m.testLoss());
        summary.put(p + "latency_p50_ms", m.latencyP50Millis());
        summary.put(p + "samples_per_second", m.samplesPerSecond());
    }

    private void writeSummary(Path file, List<LayerReport> layers, Measurement before, Measurement compressed,
                              Measurement after, Healer.Outcome heal, long denseWeightsBefore, long denseWeightsAfter)
            throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("method", spec.compressionMethod());
        doc.put("model", target.checkpointDir().toString());
        doc.put("modelSpec", target.modelSpec().text());
        doc.put("dataset", spec.dataset());
        doc.put("batchSize", spec.batchSize());
        doc.put("sites", spec.sites());
        doc.put("layers", layers);
        doc.put("denseWeightsBefore", denseWeightsBefore);
        doc.put("denseWeightsAfter", denseWeightsAfter);
        doc.put("before", before);
        doc.put("compressed", compressed);
        doc.put("after", after);
        doc.put("heal", heal);
        doc.put("notes", List.of(
                "params/bytes/MACs of the model: weights and biases; the per-layer table counts weights only",
                "prune: bytes are the CSR storage (values + column indices + row pointers); inference runs dense",
                "int8 / mpo+int8: bytes are int8 values + float32 per-column scales; inference uses dequantised "
                        + "float32 weights",
                "conv layers are never compressed"));
        Files.createDirectories(file.getParent());
        dev.joulebench.core.store.AtomicFiles.writeString(file, Json.write(doc));
    }
}
