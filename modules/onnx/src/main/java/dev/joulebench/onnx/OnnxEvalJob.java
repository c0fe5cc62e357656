package dev.joulebench.onnx;

import dev.joulebench.core.JobContext;
import dev.joulebench.core.JobResult;
import dev.joulebench.core.JobRunner;
import dev.joulebench.core.Job;
import dev.joulebench.core.spec.EvalSpec;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.ShuffledBatches;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates an ONNX classifier on a dataset split with ONNX Runtime: accuracy, latency percentiles per batch
 * and per sample, throughput, and the number of inferences of the eval phase (from which the run's energy
 * meter derives energy per 1,000 inferences). A few warm-up batches run before the eval phase starts, so
 * session initialisation and first-call allocations are not measured.
 */
final class OnnxEvalJob implements Job {
    static final int WARM_UP_BATCHES = 3;

    private final EvalSpec spec;
    private final Path file;
    private final OnnxModel model;
    private final ImageDataset data;
    private final Path dataLocation;
    private final ImageInput input;

    OnnxEvalJob(EvalSpec spec, Path file, OnnxModel model, ImageDataset data, Path dataLocation, ImageInput input) {
        this.spec = spec;
        this.file = file;
        this.model = model;
        this.data = data;
        this.dataLocation = dataLocation;
        this.input = input;
    }

    @Override
    public JobResult run(JobContext ctx) throws Exception {
        int batch = input.fixedBatch() > 0 ? (int) input.fixedBatch() : spec.batchSize();
        ctx.setting("device", "cpu");
        ctx.setting("engine", "OnnxRuntime " + ortVersion());
        ctx.setting("threads", spec.threads() > 0 ? String.valueOf(spec.threads()) : "onnxruntime default");
        ctx.setting("model", file.toAbsolutePath().toString());
        ctx.setting("dataset.location", dataLocation.toString());
        ctx.setting("input", input.inputName() + " " + input.describe());
        ctx.setting("batch", String.valueOf(batch));
        GraphSummary summary = GraphSummary.of(model);
        try (OnnxRunner runner = OnnxRunner.open(model, spec.threads())) {
            List<int[]> batches = ShuffledBatches.sequential(data.count(), batch);
            if (input.fixedBatch() > 0 && data.count() % batch != 0) {
                // A model with a fixed batch size cannot take a short last batch; its rows are left out.
                batches = batches.subList(0, data.count() / batch);
                ctx.log("info", "model fixes the batch at " + batch + "; the last " + (data.count() % batch)
                        + " rows are not evaluated");
            }
            float[] x = new float[batch * input.sampleSize()];
            String phaseLabel = "evaluating " + spec.split();
            ctx.phase("warmup");
            for (int i = 0; i < Math.min(WARM_UP_BATCHES, batches.size()); i++) {
                ctx.cancellation().throwIfCancelled();
                infer(runner, batches.get(i), x);
            }
            ctx.phase("eval");
            long samples = 0;
            long correct = 0;
            double[] batchMs = new double[batches.size()];
            double[] sampleMs = new double[batches.size()];
            long start = System.nanoTime();
            for (int b = 0; b < batches.size(); b++) {
                ctx.cancellation().throwIfCancelled();
                int[] rows = batches.get(b);
                long t0 = System.nanoTime();
                FloatTensor y = infer(runner, rows, x);
                double ms = (System.nanoTime() - t0) / 1e6;
                batchMs[b] = ms;
                sampleMs[b] = ms / rows.length;
                int k = y.data().length / rows.length;
                for (int r = 0; r < rows.length; r++) {
                    if (ClassOutput.argmax(y.data(), r, k) == data.label(rows[r])) {
                        correct++;
                    }
                }
                samples += rows.length;
                if (b % 10 == 9 || b == batches.size() - 1) {
                    ctx.progress(phaseLabel, samples, data.count(), null);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            String prefix = spec.split() + "/";
            Map<String, Double> out = new LinkedHashMap<>();
            out.put(prefix + "accuracy", samples == 0 ? Double.NaN : (double) correct / samples);
            out.put("samples", (double) samples);
            out.put("samples_per_second", samples / seconds);
            for (double p : new double[] {50, 90, 99}) {
                out.put(String.format(java.util.Locale.ROOT, "latency/batch_p%.0f_ms", p), percentile(batchMs, p));
            }
            for (double p : new double[] {50, 90, 99}) {
                out.put(String.format(java.util.Locale.ROOT, "latency/sample_p%.0f_ms", p), percentile(sampleMs, p));
            }
            out.put("batch_size", (double) batch);
            out.put("params", (double) summary.parameterCount());
            out.put("macs_per_sample", (double) summary.totalMacs());
            out.put(JobRunner.INFERENCES + "eval", (double) samples);
            for (Map.Entry<String, Double> e : out.entrySet()) {
                ctx.metric(0, -1, e.getKey(), e.getValue());
            }
            return new JobResult(out);
        }
    }

    private FloatTensor infer(OnnxRunner runner, int[] rows, float[] buffer) {
        input.fill(data, rows, buffer);
        float[] x = buffer.length == rows.length * input.sampleSize() ? buffer
                : Arrays.copyOf(buffer, rows.length * input.sampleSize());
        return runner.run(new FloatTensor(input.batchShape(rows.length), x));
    }

    /** Linear interpolation between closest ranks (numpy's default), p in [0, 100]. */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        double rank = p / 100 * (v.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return v[lo] + (v[hi] - v[lo]) * (rank - lo);
    }

    private static String ortVersion() {
        Package p = ai.onnxruntime.OrtEnvironment.class.getPackage();
        return p != null && p.getImplementationVersion() != null ? p.getImplementationVersion() : "";
    }
}
