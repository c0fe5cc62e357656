package dev.joulebench.compress.rmtkd;

import static dev.joulebench.compress.rmtkd.RmtKdJob.WARMUP_BATCHES;

import dev.joulebench.compress.CompressedNetwork;
import dev.joulebench.compress.ModelCost;
import dev.joulebench.compress.rmtkd.RmtKdJob.Measurement;
import dev.joulebench.core.JobContext;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.ModelSpec;
import java.util.Map;

/** The before/after measurement of an {@link RmtKdJob} run and its summary numbers. */
final class RmtKdMeasure {
    private RmtKdMeasure() {}

    /** Test accuracy, loss, latency and throughput as the other compress jobs measure them; validation accuracy too. */
    static Measurement measure(RmtKdSchedule run, String stage, Classifier net, String phase) {
        JobContext ctx = run.ctx;
        ImageDataset test = run.test;
        ctx.phase(phase);
        ctx.progress("evaluating " + stage, 0, test.count(), null);
        int batch = Math.max(1, Math.min(run.spec.batchSize(), test.count()));
        try (CompressedNetwork dense = CompressedNetwork.of(net, Map.of())) {
            ImageDataset warmup = test.head(Math.min(test.count(), WARMUP_BATCHES * batch));
            dense.evaluate(warmup, batch, ctx.cancellation());
            CompressedNetwork.Evaluation e = dense.evaluate(test, batch, ctx.cancellation());
            ctx.progress("evaluating " + stage, test.count(), test.count(), null);
            ctx.metric(0, -1, stage + "/test_accuracy", e.accuracy());
            ctx.phase("eval");
            double validation = net.evaluate(run.split.validation(), run.evalBatch, ctx.cancellation()).accuracy();
            ModelSpec s = net.spec();
            return new Measurement(stage, s.text(), s.parameterCount(), ModelCost.bytes(s),
                    ModelCost.multiplyAccumulates(s), e.accuracy(), e.meanLoss(), validation, e.p50BatchMillis(),
                    e.samplesPerSecond(), e.count() + warmup.count());
        }
    }

    static void put(Map<String, Double> summary, Measurement m) {
        String p = m.stage() + "/";
        summary.put(p + "params", (double) m.params());
        summary.put(p + "bytes", (double) m.bytes());
        summary.put(p + "macs", (double) m.macs());
        summary.put(p + "test_accuracy", m.testAccuracy());
        summary.put(p + "test_loss", m.testLoss());
        summary.put(p + "val_accuracy", m.validationAccuracy());
        summary.put(p + "latency_p50_ms", m.latencyP50Millis());
        summary.put(p + "samples_per_second", m.samplesPerSecond());
    }
}
