package dev.joulebench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.ShuffledBatches;
import dev.joulebench.nn.Classifier;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Backpropagation with softmax cross-entropy on a {@link Classifier}. Per epoch it reports the mean
 * train loss, validation accuracy and loss; it checkpoints the best validation epoch into
 * {@code model/}, stops early after {@code patience} epochs without improvement, and restores
 * the best weights at the end. Shuffling is seeded per epoch, so a CPU run is repeatable.
 */
public final class BackpropTrainer {
    /** @param spectraSeconds part of {@code trainSeconds} spent on activation spectra */
    public record Outcome(int epochsRun, int bestEpoch, double bestValidationAccuracy, long steps,
                          double trainSeconds, long samplesSeen, double spectraSeconds, long spectraSnapshots) {
        public double samplesPerSecond() {
            return trainSeconds > 0 ? samplesSeen / trainSeconds : Double.NaN;
        }
    }

    public Outcome train(Classifier net, ImageDataset train, ImageDataset validation, TrainSpec spec, JobContext ctx,
                         Path checkpointDir) throws IOException {
        net.checkCompatible(train);
        int batch = spec.batchSize();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizers.of(spec))
                .optDevices(new ai.djl.Device[] {net.device()});
        ShuffledBatches batches = new ShuffledBatches(train.count(), batch, spec.seed(), false);
        EarlyStopping stopping = new EarlyStopping(spec.patience());
        boolean hasValidation = validation != null && validation.count() > 0;
        float[] features = new float[batch * train.featureCount()];
        int[] labels = new int[batch];
        long step = 0;
        long seen = 0;
        double trainSeconds = 0;
        int epochsRun = 0;
        double spectraSeconds;
        long spectraSnapshots;
        ImageDataset spectraSource = hasValidation ? validation : train;
        try (Trainer trainer = net.model().newTrainer(config);
             ActivationSpectra spectra = new ActivationSpectra(net, spectraSource, spec.spectraWindow(),
                     spec.spectraEvery(), ctx)) {
            trainer.initialize(net.batchShape(batch));
            for (int epoch = 0; epoch < spec.epochs(); epoch++) {
                ctx.cancellation().throwIfCancelled();
                ctx.phase("train");
                long t0 = System.nanoTime();
                double lossSum = 0;
                LossWindow window = new LossWindow();
                int b = 0;
                var order = batches.epoch(epoch);
                for (int[] rows : order) {
                    ctx.cancellation().throwIfCancelled();
                    float loss;
                    try (NDManager m = trainer.getManager().newSubManager()) {
                        NDList xy = net.batch(m, train, rows, features, labels);
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDList logits = trainer.forward(new NDList(xy.get(0)));
                            NDArray l = trainer.getLoss().evaluate(new NDList(xy.get(1)), logits);
                            gc.backward(l);
                            loss = l.getFloat();
                        }
                        trainer.step();
                    }
                    step++;
                    b++;
                    spectra.afterStep(step, epoch);
                    seen += rows.length;
                    lossSum += loss * rows.length;
                    window.add(ctx, step, epoch, loss);
                    ctx.progress("epoch " + (epoch + 1) + "/" + spec.epochs(), b, order.size(), null);
                }
                double epochSeconds = (System.nanoTime() - t0) / 1e9;
                trainSeconds += epochSeconds;
                epochsRun++;
                ctx.metric(step, epoch, "train/epoch_loss", lossSum / train.count());
                ctx.metric(step, epoch, "train/samples_per_second", train.count() / epochSeconds);
                if (hasValidation) {
                    ctx.phase("eval");
                    Classifier.Evaluation val = net.evaluate(validation, Math.max(batch, 256), ctx.cancellation());
                    ctx.metric(step, epoch, "val/accuracy", val.accuracy());
                    ctx.metric(step, epoch, "val/loss", val.meanLoss());
                    if (stopping.update(epoch, val.accuracy())) {
                        Path saved = net.save(checkpointDir, train.name(), epoch, val.accuracy());
                        ctx.artifact(saved, "best checkpoint (epoch " + (epoch + 1) + ")");
                    }
                    ctx.log("INFO", String.format("epoch %d/%d: train loss %.4f, val accuracy %.4f, %.1f s",
                            epoch + 1, spec.epochs(), lossSum / train.count(), val.accuracy(), epochSeconds));
                    if (stopping.shouldStop()) {
                        ctx.log("INFO", "early stop: no better validation accuracy for " + spec.patience()
                                + " epochs; best epoch " + (stopping.bestEpoch() + 1));
                        break;
                    }
                } else {
                    stopping.update(epoch, epoch);
                    ctx.artifact(net.save(checkpointDir, train.name(), epoch, null), "checkpoint (epoch " + (epoch + 1) + ")");
                }
            }
            spectraSeconds = spectra.seconds();
            spectraSnapshots = spectra.snapshots();
        }
        if (hasValidation && stopping.bestEpoch() >= 0 && stopping.bestEpoch() != epochsRun - 1) {
            net.loadParameters(checkpointDir);
            ctx.log("INFO", "restored the best epoch " + (stopping.bestEpoch() + 1));
        }
        return new Outcome(epochsRun, stopping.bestEpoch(), hasValidation ? stopping.best() : Double.NaN, step,
                trainSeconds, seen, spectraSeconds, spectraSnapshots);
    }
}
