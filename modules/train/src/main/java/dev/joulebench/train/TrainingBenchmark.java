package dev.joulebench.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.Trainer;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.ShuffledBatches;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.Devices;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.nn.TorchEngine;

/**
 * Training throughput of the backprop step exactly as the training loop runs it ({@link BackpropStep}:
 * batch assembly from the dataset, forward, loss, backward, optimizer step), after warm-up steps, so it
 * can be set beside the same loop in PyTorch. No events, no validation: only the step.
 */
public final class TrainingBenchmark {
    public record Result(String model, String device, int threads, int batch, int steps, double seconds,
                         String pytorchVersion) {
        public double samplesPerSecond() {
            return (double) steps * batch / seconds;
        }

        public double millisPerStep() {
            return seconds * 1000 / steps;
        }
    }

    public Result run(ModelSpec model, ImageDataset data, TrainSpec spec, int warmupSteps, int steps, String device) {
        try (TorchEngine.Scope torch = TorchEngine.configure(spec.seed(), spec.threads())) {
            return run(torch.engine(), model, data, spec, warmupSteps, steps, device);
        }
    }

    private Result run(Engine engine, ModelSpec model, ImageDataset data, TrainSpec spec, int warmupSteps,
                       int steps, String device) {
        Device dev = Devices.resolve(device, engine);
        int batch = spec.batchSize();
        try (Classifier net = new Classifier(model, data.classNames(), dev);
             Trainer trainer = BackpropStep.trainer(net.model(), spec, dev, net.batchShape(batch))) {
            net.checkCompatible(data);
            ShuffledBatches batches = new ShuffledBatches(data.count(), batch, spec.seed(), true);
            float[] features = new float[batch * data.featureCount()];
            int[] labels = new int[batch];
            long t0 = 0;
            int done = 0;
            for (int epoch = 0; done < warmupSteps + steps; epoch++) {
                for (int[] rows : batches.epoch(epoch)) {
                    if (done == warmupSteps) {
                        t0 = System.nanoTime();
                    }
                    if (done == warmupSteps + steps) {
                        break;
                    }
                    try (NDManager m = trainer.getManager().newSubManager()) {
                        NDList xy = net.batch(m, data, rows, features, labels);
                        BackpropStep.run(trainer, xy.get(0), xy.get(1));
                    }
                    done++;
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Result(model.text(), Devices.name(dev), TorchEngine.threads(), batch, steps, seconds,
                    engine.getVersion());
        }
    }
}
