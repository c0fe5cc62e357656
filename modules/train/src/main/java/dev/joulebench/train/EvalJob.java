package dev.joulebench.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.joulebench.core.Job;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.JobResult;
import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.core.spec.EvalSpec;
import dev.joulebench.core.store.SplitRecord;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.data.DatasetFiles;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.TrainValidationSplit;
import dev.joulebench.nn.Checkpoint;
import dev.joulebench.nn.Devices;
import dev.joulebench.nn.TorchEngine;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Evaluates a saved checkpoint of any method on a dataset split: accuracy, loss, the method's per-part
 * figures and throughput. {@code validation} and {@code train} are the rows of the split recorded in the
 * checkpoint, rebuilt exactly (its record is copied into this run's run.json).
 */
final class EvalJob implements Job {
    private final EvalSpec spec;
    private final Path checkpointDir;
    private final DatasetCatalog catalog;

    EvalJob(EvalSpec spec, Path checkpointDir, DatasetCatalog catalog) {
        this.spec = spec;
        this.checkpointDir = checkpointDir;
        this.catalog = catalog;
    }

    @Override
    public JobResult run(JobContext ctx) throws Exception {
        Checkpoint cp = Checkpoint.read(checkpointDir);
        DatasetFiles files = catalog.load(spec.dataset());
        ImageDataset data = files.test();
        if (!spec.split().equals("test")) {
            SplitRecord record = cp.split();
            TrainValidationSplit split = TrainValidationSplit.replay(files.train(), record);
            ctx.section(SplitRecord.SECTION, split.record());
            data = spec.split().equals("validation") ? split.validation() : split.train();
        }
        Engine engine = ctx.closeAtEnd(TorchEngine.configure(spec.seed(), spec.threads())).engine();
        Device device = Devices.resolve(spec.device(), engine);
        ctx.setting("device", Devices.name(device));
        ctx.setting("threads", String.valueOf(TorchEngine.threads()));
        ctx.setting("checkpoint", checkpointDir.toString());
        ctx.setting("method", cp.method());
        ctx.setting("model", cp.model());
        ctx.setting("dataset.location", files.location().toString());
        MethodTrainer trainer = MethodTrainer.forMethod(cp.method());
        try (TrainableNetwork net = trainer.restore(cp, checkpointDir, device)) {
            ctx.phase("eval");
            ctx.progress("evaluating " + spec.split(), 0, data.count(), null);
            TrainableNetwork.Scores s = net.evaluate(data, ctx.cancellation());
            ctx.progress("evaluating " + spec.split(), data.count(), data.count(), null);
            Map<String, Double> summary = new LinkedHashMap<>();
            summary.put(MetricKeys.of(spec.split(), "accuracy"), s.accuracy());
            summary.put(MetricKeys.of(spec.split(), "loss"), s.loss());
            s.parts().forEach((k, v) -> summary.put(MetricKeys.of(spec.split(), k), v));
            summary.forEach((k, v) -> ctx.metric(0, -1, k, v));
            summary.put(MetricKeys.SAMPLES, (double) s.count());
            summary.put(MetricKeys.SAMPLES_PER_SECOND, s.count() / s.seconds());
            summary.put(MetricKeys.PARAMS, (double) net.parameterCount());
            return new JobResult(summary);
        }
    }
}
