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
import java.util.List;
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

        Engine engine = ctx.closeAtEnd(TorchEngine.configure(spec.seed(), spec.threads())).engine();
        Device device = Devices.resolve(spec.device(), engine);
        ctx.setting("device", Devices.name(device));
        ctx.setting("threads", String.valueOf(TorchEngine.threads()));

        if (!spec.method().equals("bp")) {
            MethodTrainer trainer = MethodTrainer.forMethod(spec.method());
            var options = TrainJobFactory.options(spec, trainer);
            options.forEach((k, v) -> ctx.setting(spec.method() + "." + k, v));
            Map<String, Double> summary = new LinkedHashMap<>(trainer.train(new MethodTrainer.Input(spec, model,
                    full.classes(), split.train(), split.validation(), files.test(), device, options), ctx));
            return new JobResult(summary);
        }
        try (Classifier net = new Classifier(model, files.train().classNames(), device)) {
            net.checkCompatible(full);
            BackpropTrainer.Outcome outcome = new BackpropTrainer().train(net, split.train(), split.validation(), spec,
                    ctx, ctx.runDir().resolve("model"));
            ctx.phase("eval");
            Classifier.Evaluation test = net.evaluate(files.test(), 256, ctx.cancellation());
            int last = outcome.epochsRun() - 1;
            ctx.metric(outcome.steps(), last, "test/accuracy", test.accuracy());
            ctx.metric(outcome.steps(), last, "test/loss", test.meanLoss());

            List<String> skipped = new java.util.ArrayList<>();
            var layers = WeightSpectraReport.analyze(net, skipped);
            skipped.forEach(s -> ctx.log("INFO", "weight spectra: skipped " + s));
            java.nio.file.Path spectraFile = WeightSpectraReport.write(ctx.runDir(), layers);
            ctx.artifact(spectraFile, "weight spectra of the final model");
            for (var l : layers) {
                double[] ev = l.esd().eigenvalues();
                double[] top = java.util.Arrays.copyOfRange(ev, Math.max(0, ev.length - 8), ev.length);
                ctx.events().emit(new dev.joulebench.core.event.RunEvent.SpectrumSnapshot(ctx.runId(), ctx.elapsed(),
                        outcome.steps(), last, l.layer(), "weight", reverse(top),
                        Map.of("alpha", l.powerLaw().alpha(), "spikes", (double) l.spikes(),
                                "mp_sigma2", l.mp().sigma2(), "stable_rank", l.stableRank()),
                        WeightSpectraReport.FILE));
            }

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
            if (outcome.spectraSnapshots() > 0) {
                summary.put("spectra/snapshots", (double) outcome.spectraSnapshots());
                summary.put("spectra/share_of_train_time", outcome.spectraSeconds() / outcome.trainSeconds());
            }
            layers.stream().mapToDouble(l -> l.powerLaw().alpha()).filter(Double::isFinite).average()
                    .ifPresent(a -> summary.put("spectra/mean_alpha", a));
            return new JobResult(summary);
        }
    }

    private static double[] reverse(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[a.length - 1 - i];
        }
        return r;
    }
}
