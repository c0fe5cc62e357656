package dev.joulebench.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.joulebench.core.Job;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.JobResult;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.data.DatasetFiles;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.TrainValidationSplit;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.Devices;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.nn.TorchEngine;
import java.util.LinkedHashMap;
import java.util.Map;

/** Trains a classifier on a dataset's train split and reports its test accuracy with the best weights. */
final class TrainJob implements Job {
    private final TrainSpec spec;
    private final ModelSpec model;
    private final DatasetCatalog catalog;

    TrainJob(TrainSpec spec, ModelSpec model, DatasetCatalog catalog) {
        this.spec = spec;
        this.model = model;
        this.catalog = catalog;
    }

    @Override
    public JobResult run(JobContext ctx) throws Exception {
        ctx.log("INFO", "loading dataset " + spec.dataset());
        DatasetFiles files = catalog.load(spec.dataset());
        ImageDataset full = spec.limitTrain() > 0 ? files.train().head(spec.limitTrain()) : files.train();
        TrainValidationSplit split = TrainValidationSplit.of(full, spec.validationFraction(), spec.seed());
        ctx.setting("dataset.location", files.location().toString());
        ctx.setting("dataset.split", split.train().count() + " train / " + split.validation().count()
                + " validation / " + files.test().count() + " test");

        Engine engine = TorchEngine.configure(spec.seed(), spec.threads());
        Device device = Devices.resolve(spec.device(), engine);
        ctx.setting("device", Devices.name(device));
        ctx.setting("threads", String.valueOf(TorchEngine.threads()));

        try (Classifier net = new Classifier(model, files.train().classNames(), device)) {
            net.checkCompatible(full);
            BackpropTrainer.Outcome outcome = new BackpropTrainer().train(net, split.train(), split.validation(), spec,
                    ctx, ctx.runDir().resolve("model"));
            ctx.phase("eval");
            Classifier.Evaluation test = net.evaluate(files.test(), 256, ctx.cancellation());
            int last = outcome.epochsRun() - 1;
            ctx.metric(outcome.steps(), last, "test/accuracy", test.accuracy());
            ctx.metric(outcome.steps(), last, "test/loss", test.meanLoss());

            Map<String, Double> summary = new LinkedHashMap<>();
            summary.put("test/accuracy", test.accuracy());
            summary.put("test/loss", test.meanLoss());
            if (!Double.isNaN(outcome.bestValidationAccuracy())) {
                summary.put("val/best_accuracy", outcome.bestValidationAccuracy());
                summary.put("best_epoch", (double) outcome.bestEpoch() + 1);
            }
            summary.put("epochs", (double) outcome.epochsRun());
            summary.put("steps", (double) outcome.steps());
            summary.put("train/seconds", outcome.trainSeconds());
            summary.put("train/samples_per_second", outcome.samplesPerSecond());
            summary.put("params", (double) model.parameterCount());
            return new JobResult(summary);
        }
    }
}
