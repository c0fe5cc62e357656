package dev.joulebench.compress;

import dev.joulebench.core.Job;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.JobResult;
import dev.joulebench.core.JobRunner;
import dev.joulebench.core.Json;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.ShuffledBatches;
import dev.joulebench.onnx.FloatTensor;
import dev.joulebench.onnx.ImageInput;
import dev.joulebench.onnx.OnnxModel;
import dev.joulebench.onnx.OnnxRunner;
import dev.joulebench.onnx.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MPO compression of an ONNX model's Gemm/MatMul weights (see {@link OnnxCompressor}): writes
 * {@code model/compressed.onnx} and measures both files in ONNX Runtime on the test split (accuracy,
 * batch latency p50, throughput, energy per 1,000 inferences via the eval-before / eval-after phases).
 * No healing: an ONNX file carries no training graph. {@code layers} name initializers.
 */
final class OnnxCompressJob implements Job {
    private final CompressSpec spec;
    private final Path file;
    private final DatasetCatalog catalog;

    OnnxCompressJob(CompressSpec spec, Path file, DatasetCatalog catalog) {
        this.spec = spec;
        this.file = file;
        this.catalog = catalog;
    }

    @Override
    public JobResult run(JobContext ctx) throws Exception {
        ImageDataset test = catalog.load(spec.dataset()).test();
        OnnxModel dense = OnnxModel.read(file);
        ImageInput input = ImageInput.plan(dense, test, null, null);
        ctx.setting("onnx.input", input.describe());
        Map<String, Double> summary = new LinkedHashMap<>();
        Map<String, Double> before = measure(file, input, test, "eval-before", ctx);
        ctx.phase("compress");
        OnnxCompressor.Result r = OnnxCompressor.compress(dense, spec.layers(), spec.chi(), spec.sites());
        Path out = ctx.runDir().resolve("model").resolve("compressed.onnx");
        Files.createDirectories(out.getParent());
        r.model().write(out);
        ctx.artifact(out, "compressed ONNX model (MPO cores + rebuild chains)");
        for (OnnxCompressor.Replaced l : r.layers()) {
            ctx.metric(0, -1, "compress/" + l.initializer() + "/relative_error", l.relativeError());
        }
        Map<String, Double> after = measure(out, input, test, "eval-after", ctx);
        long paramsBefore = parameters(dense);
        long paramsAfter = parameters(r.model());
        putAll(summary, "before/", before);
        putAll(summary, "after/", after);
        summary.put("before/params", (double) paramsBefore);
        summary.put("after/params", (double) paramsAfter);
        summary.put("before/file_bytes", (double) Files.size(file));
        summary.put("after/file_bytes", (double) Files.size(out));
        summary.put("compression/params_ratio", (double) paramsAfter / paramsBefore);
        summary.put(JobRunner.INFERENCES + "eval-before", before.get("inferences"));
        summary.put(JobRunner.INFERENCES + "eval-after", after.get("inferences"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("method", "mpo");
        doc.put("model", file.toString());
        doc.put("compressedModel", out.toString());
        doc.put("chi", spec.chi());
        doc.put("sites", spec.sites());
        doc.put("layers", r.layers());
        doc.put("before", before);
        doc.put("after", after);
        Path summaryFile = ctx.runDir().resolve(CompressJob.SUMMARY_FILE);
        Files.createDirectories(summaryFile.getParent());
        dev.joulebench.core.store.AtomicFiles.writeString(summaryFile, Json.write(doc));
        ctx.artifact(summaryFile, "ONNX compression summary");
        return new JobResult(summary);
    }

    private static void putAll(Map<String, Double> summary, String prefix, Map<String, Double> m) {
        m.forEach((k, v) -> {
            if (!k.equals("inferences")) {
                summary.put(prefix + k, v);
            }
        });
    }

    static long parameters(OnnxModel m) {
        return m.initializers().values().stream().filter(t -> t.getDataType() == 1).mapToLong(Tensors::count).sum();
    }

    private Map<String, Double> measure(Path model, ImageInput input, ImageDataset test, String phase, JobContext ctx) {
        ctx.phase(phase);
        int batch = input.fixedBatch() > 0 ? (int) input.fixedBatch() : spec.batchSize();
        List<int[]> batches = ShuffledBatches.sequential(test.count(), batch);
        if (input.fixedBatch() > 0) {
            batches = batches.subList(0, test.count() / batch);
        }
        float[] buffer = new float[batch * input.sampleSize()];
        long correct = 0;
        long samples = 0;
        long inferences = 0;
        List<Double> millis = new ArrayList<>();
        double seconds = 0;
        try (OnnxRunner runner = OnnxRunner.open(model, spec.threads())) {
            for (int b = -CompressJob.WARMUP_BATCHES; b < batches.size(); b++) {
                ctx.cancellation().throwIfCancelled();
                int[] rows = batches.get(Math.max(0, b) % batches.size());
                input.fill(test, rows, buffer);
                float[] x = buffer.length == rows.length * input.sampleSize() ? buffer
                        : Arrays.copyOf(buffer, rows.length * input.sampleSize());
                long t0 = System.nanoTime();
                FloatTensor y = runner.run(new FloatTensor(input.batchShape(rows.length), x));
                long t = System.nanoTime() - t0;
                inferences += rows.length;
                if (b < 0) {
                    continue;
                }
                seconds += t / 1e9;
                if (rows.length == batch) {
                    millis.add(t / 1e6);
                }
                int k = y.data().length / rows.length;
                for (int r = 0; r < rows.length; r++) {
                    int best = 0;
                    for (int c = 1; c < k; c++) {
                        if (y.data()[r * k + c] > y.data()[r * k + best]) {
                            best = c;
                        }
                    }
                    correct += best == test.label(rows[r]) ? 1 : 0;
                }
                samples += rows.length;
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("test_accuracy", samples == 0 ? Double.NaN : (double) correct / samples);
        m.put("latency_p50_ms", millis.isEmpty() ? Double.NaN : millis.stream().sorted().toList().get(millis.size() / 2));
        m.put("samples_per_second", samples / seconds);
        m.put("inferences", (double) inferences);
        ctx.metric(0, -1, phase.replace("eval-", "") + "/test_accuracy", m.get("test_accuracy"));
        return m;
    }
}
