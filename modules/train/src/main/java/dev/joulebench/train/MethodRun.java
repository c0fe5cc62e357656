package dev.joulebench.train;

import dev.joulebench.core.JobContext;
import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.SplitRecord;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.nn.Checkpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One method's training run on prepared data: builds the network, runs the shared {@link TrainingLoop} with
 * the standard listeners (metrics, progress, checkpoints with early stopping, activation spectra), then
 * evaluates the kept weights on the test set. Every method reports the same summary keys.
 */
public final class MethodRun {
    private MethodRun() {}

    /**
     * @param split the split {@code input.train()} and {@code validation} come from, written into every checkpoint
     * @return the run's summary: test accuracy and loss (and the method's test parts), best validation epoch,
     *         epochs, steps, train time and throughput, parameters, spectra cost
     */
    public static Map<String, Double> run(MethodTrainer trainer, MethodTrainer.Input input, ImageDataset validation,
                                          ImageDataset test, SplitRecord split, JobContext ctx) throws Exception {
        TrainSpec spec = input.spec();
        try (TrainableNetwork net = trainer.build(input, ctx)) {
            Path checkpoints = ctx.runDir().resolve("model");
            CheckpointListener checkpoint = new CheckpointListener(checkpoints, spec.patience(),
                    (epoch, accuracy) -> Checkpoint.of(spec.method(), input.model().text(), input.classNames(),
                            input.train().name(), split, epoch, accuracy, net.checkpointPayload()));
            List<TrainingListener> listeners = new ArrayList<>(List.of(new MetricsListener(),
                    new ProgressListener("epoch"), checkpoint));
            ActivationSpectraListener spectra = spec.spectraEvery() > 0 ? new ActivationSpectraListener(
                    validation.count() > 0 ? validation : input.train(), spec.spectraWindow(),
                    spec.spectraEvery()) : null;
            if (spectra != null) {
                listeners.add(spectra);
            }
            TrainingLoop.Outcome outcome;
            try {
                outcome = new TrainingLoop(TrainingLoop.Config.training(spec.epochs(), spec.batchSize(), spec.seed()),
                        listeners).run(net, input.train(), validation, ctx);
            } finally {
                if (spectra != null) {
                    spectra.close();
                }
            }

            ctx.phase("eval");
            TrainableNetwork.Scores tested = net.evaluate(test, ctx.cancellation());
            int last = Math.max(0, outcome.epochsRun() - 1);
            Map<String, Double> summary = new LinkedHashMap<>();
            ctx.metric(outcome.steps(), last, MetricKeys.TEST_ACCURACY, tested.accuracy());
            ctx.metric(outcome.steps(), last, MetricKeys.TEST_LOSS, tested.loss());
            summary.put(MetricKeys.TEST_ACCURACY, tested.accuracy());
            summary.put(MetricKeys.TEST_LOSS, tested.loss());
            tested.parts().forEach((k, v) -> summary.put(MetricKeys.of("test", k), v));
            net.report(ctx, outcome.steps(), last);
            if (outcome.bestEpoch() >= 0) {
                summary.put(MetricKeys.VAL_BEST_ACCURACY, outcome.bestValidationAccuracy());
                summary.put(MetricKeys.BEST_EPOCH, (double) outcome.bestEpoch() + 1);
            }
            summary.put(MetricKeys.EPOCHS, (double) outcome.epochsRun());
            summary.put(MetricKeys.STEPS, (double) outcome.steps());
            summary.put(MetricKeys.TRAIN_SECONDS, outcome.trainSeconds());
            summary.put(MetricKeys.TRAIN_SAMPLES_PER_SECOND, outcome.samplesPerSecond());
            summary.put(MetricKeys.PARAMS, (double) net.parameterCount());
            if (spectra != null && spectra.snapshots() > 0) {
                summary.put(MetricKeys.SPECTRA_SNAPSHOTS, (double) spectra.snapshots());
                summary.put(MetricKeys.SPECTRA_SHARE_OF_TRAIN_TIME, spectra.seconds() / outcome.trainSeconds());
            }
            summary.putAll(net.summary());
            return summary;
        }
    }
}
