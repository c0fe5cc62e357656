package dev.joulebench.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.joulebench.core.Job;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.JobResult;
import dev.joulebench.core.spec.EvalSpec;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.data.DatasetFiles;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.TrainValidationSplit;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.Devices;
import dev.joulebench.nn.TorchEngine;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Evaluates a saved checkpoint on a dataset split: accuracy, loss and throughput. */
final class EvalJob implements Job {
    private final EvalSpec spec;
    private final Path checkpointDir;
    private final double validationFraction;
    private final DatasetCatalog catalog;

    /** {@code validationFraction} is the training run's, so "validation" means the rows it held out. */
    EvalJob(EvalSpec spec, Path checkpointDir, double validationFraction, DatasetCatalog catalog) {
        this.spec = spec;
        this.checkpointDir = checkpointDir;
        this.validationFraction = validationFraction;
        this.catalog = catalog;
    }

    @Override
    public JobResult run(JobContext ctx) throws Exception {
        DatasetFiles files = catalog.load(spec.dataset());
        ImageDataset data = switch (spec.split()) {
            case "test" -> files.test();
            case "validation" -> TrainValidationSplit.of(files.train(), validationFraction, spec.seed()).validation();
            default -> TrainValidationSplit.of(files.train(), validationFraction, spec.seed()).train();
        };
        Engine engine = ctx.closeAtEnd(TorchEngine.configure(spec.seed(), spec.threads())).engine();
        Device device = Devices.resolve(spec.device(), engine);
        ctx.setting("device", Devices.name(device));
        ctx.setting("threads", String.valueOf(TorchEngine.threads()));
        ctx.setting("checkpoint", checkpointDir.toString());
        ctx.setting("dataset.location", files.location().toString());
        String format = Classifier.readCheckpoint(checkpointDir).format();
        if (format != null && format.startsWith(METHOD_FORMAT)) {
            return evaluateWithMethod(format.substring(METHOD_FORMAT.length()), data, device, ctx);
        }
        try (Classifier net = Classifier.load(checkpointDir, device)) {
            ctx.setting("model", net.spec().text());
            ctx.phase("eval");
            ctx.progress("evaluating " + spec.split(), 0, data.count(), null);
            Classifier.Evaluation e = net.evaluate(data, spec.batchSize(), ctx.cancellation());
            ctx.progress("evaluating " + spec.split(), data.count(), data.count(), null);
            String prefix = spec.split() + "/";
            ctx.metric(0, -1, prefix + "accuracy", e.accuracy());
            ctx.metric(0, -1, prefix + "loss", e.meanLoss());
            Map<String, Double> summary = new LinkedHashMap<>();
            summary.put(prefix + "accuracy", e.accuracy());
            summary.put(prefix + "loss", e.meanLoss());
            summary.put("samples", (double) e.count());
            summary.put("samples_per_second", e.count() / e.seconds());
            summary.put("params", (double) net.spec().parameterCount());
            return new JobResult(summary);
        }
    }

    /** Checkpoints of layer-local methods say {@code joulebench-<method>}; that method evaluates them. */
    static final String METHOD_FORMAT = "joulebench-";

    private JobResult evaluateWithMethod(String method, ImageDataset data, Device device, JobContext ctx)
            throws Exception {
        MethodTrainer trainer = MethodTrainer.forMethod(method);
        if (trainer == null) {
            throw new dev.joulebench.core.BadInputException("Checkpoint in " + checkpointDir + " was made by method '"
                    + method + "', which is not installed in this build");
        }
        ctx.setting("method", method);
        ctx.phase("eval");
        long t0 = System.nanoTime();
        Map<String, Double> r = trainer.evaluate(checkpointDir, data, device);
        double seconds = (System.nanoTime() - t0) / 1e9;
        String prefix = spec.split() + "/";
        Map<String, Double> summary = new LinkedHashMap<>();
        r.forEach((k, v) -> {
            if (!k.equals("samples")) {
                summary.put(prefix + k, v);
                ctx.metric(0, -1, prefix + k, v);
            }
        });
        summary.put("samples", r.getOrDefault("samples", (double) data.count()));
        summary.put("samples_per_second", data.count() / seconds);
        return new JobResult(summary);
    }
}
