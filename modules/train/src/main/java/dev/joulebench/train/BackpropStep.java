package dev.joulebench.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.joulebench.core.spec.TrainSpec;

/** The backprop step of a whole network (training and healing): softmax cross-entropy, one optimizer step. */
public final class BackpropStep {
    private BackpropStep() {}

    /** A DJL trainer for {@code model} with the spec's optimizer, parameters initialised for {@code batchShape}. */
    public static Trainer trainer(Model model, TrainSpec spec, Device device, Shape batchShape) {
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizers.of(spec))
                .optDevices(new Device[] {device});
        Trainer trainer = model.newTrainer(config);
        trainer.initialize(batchShape);
        return trainer;
    }

    /** Forward, loss, backward and one optimizer step on a batch; returns the batch's mean loss. */
    public static float run(Trainer trainer, NDArray x, NDArray labels) {
        float loss;
        try (GradientCollector gc = trainer.newGradientCollector()) {
            NDList logits = trainer.forward(new NDList(x));
            NDArray l = trainer.getLoss().evaluate(new NDList(labels), logits);
            gc.backward(l);
            loss = l.getFloat();
        }
        trainer.step();
        return loss;
    }
}
