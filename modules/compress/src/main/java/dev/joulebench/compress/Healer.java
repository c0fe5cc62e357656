package dev.joulebench.compress;

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
import dev.joulebench.train.Optimizers;

/**
 * "Heals" a compressed network: fine-tunes every trainable value (MPO cores, low-rank factors, kept
 * dense layers) by backprop with softmax cross-entropy and Adam, the same loop as backprop training.
 * Pruned weights stay zero (the mask is re-applied after each step). Cancellation stops after the
 * current step.
 */
final class Healer {
    /** @param cancelled healing stopped early because the run was cancelled */
    record Outcome(int epochsRun, long steps, double seconds, double lastValidationAccuracy, boolean cancelled) {}

    private Healer() {}

    static Outcome heal(CompressedNetwork net, ImageDataset train, ImageDataset validation, int epochs, int batch,
                        double learningRate, long seed, JobContext ctx) {
        TrainSpec optimizer = TrainSpec.builder().method("bp").dataset(train.name()).model(net.spec().text()).epochs(epochs).batchSize(batch).optimizer("adam").learningRate(learningRate).seed(seed).build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizers.of(optimizer))
                .optDevices(new ai.djl.Device[] {net.device()});
        ShuffledBatches batches = new ShuffledBatches(train.count(), batch, seed, false);
        float[] features = new float[batch * train.featureCount()];
        int[] labels = new int[batch];
        long step = 0;
        int epochsRun = 0;
        double validationAccuracy = Double.NaN;
        long t0 = System.nanoTime();
        try (Trainer trainer = net.model().newTrainer(config)) {
            trainer.initialize(net.batchShape(batch));
            for (int epoch = 0; epoch < epochs; epoch++) {
                var order = batches.epoch(epoch);
                double lossSum = 0;
                double windowSum = 0;
                int windowCount = 0;
                int b = 0;
                for (int[] rows : order) {
                    if (ctx.cancellation().isCancelled()) {
                        return new Outcome(epochsRun, step, (System.nanoTime() - t0) / 1e9, validationAccuracy, true);
                    }
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
                    net.applyMasks();
                    step++;
                    b++;
                    lossSum += loss * rows.length;
                    windowSum += loss;
                    windowCount++;
                    if (step % 10 == 0) {
                        ctx.metric(step, epoch, "heal/loss", windowSum / windowCount);
                        windowSum = 0;
                        windowCount = 0;
                    }
                    ctx.progress("healing epoch " + (epoch + 1) + "/" + epochs, b, order.size(), null);
                }
                epochsRun++;
                ctx.metric(step, epoch, "heal/epoch_loss", lossSum / train.count());
                if (validation != null && validation.count() > 0) {
                    CompressedNetwork.Evaluation val = net.evaluate(validation, Math.max(batch, 256), null);
                    validationAccuracy = val.accuracy();
                    ctx.metric(step, epoch, "heal/val_accuracy", validationAccuracy);
                    ctx.log("INFO", String.format(java.util.Locale.ROOT,
                            "healing epoch %d/%d: loss %.4f, validation accuracy %.4f", epoch + 1, epochs,
                            lossSum / train.count(), validationAccuracy));
                }
            }
        }
        return new Outcome(epochsRun, step, (System.nanoTime() - t0) / 1e9, validationAccuracy, false);
    }
}
