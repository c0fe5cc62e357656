package dev.joulebench.compress;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.Trainer;
import dev.joulebench.core.CancellationToken;
import dev.joulebench.core.CancelledException;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.train.BackpropStep;
import dev.joulebench.train.MetricsListener;
import dev.joulebench.train.ProgressListener;
import dev.joulebench.train.TrainableNetwork;
import dev.joulebench.train.TrainingListener;
import dev.joulebench.train.TrainingLoop;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * "Heals" a compressed network on the shared training loop: fine-tunes every trainable value (MPO cores,
 * low-rank factors, kept dense layers) by backprop with softmax cross-entropy and Adam. Pruned weights
 * stay zero (the mask is re-applied after each step). Metrics are the loop's under {@code heal/}
 * ({@code heal/loss}, {@code heal/epoch_loss}, {@code heal/val_accuracy}, ...). A cancelled run stops after
 * the current step and keeps what healing reached.
 */
final class Healer {
    /** @param cancelled healing stopped early because the run was cancelled */
    record Outcome(int epochsRun, long steps, double seconds, double lastValidationAccuracy, boolean cancelled) {}

    private Healer() {}

    static Outcome heal(CompressedNetwork net, ImageDataset train, ImageDataset validation, int epochs, int batch,
                        double learningRate, long seed, JobContext ctx) throws Exception {
        batch = Math.max(1, Math.min(batch, train.count())); // a batch beyond the training set is the training set
        TrainSpec optimizer = TrainSpec.builder().method("bp").dataset(train.name()).model(net.spec().text())
                .epochs(epochs).batchSize(batch).optimizer("adam").learningRate(learningRate).seed(seed).build();
        LastValidation last = new LastValidation();
        TrainingLoop loop = new TrainingLoop(TrainingLoop.Config.healing(epochs, batch, seed),
                List.of(new MetricsListener(), new ProgressListener("healing epoch"), last));
        long t0 = System.nanoTime();
        try (Healing healing = new Healing(net, optimizer)) {
            TrainingLoop.Outcome o = loop.run(healing, train, validation, ctx);
            return new Outcome(o.epochsRun(), o.steps(), (System.nanoTime() - t0) / 1e9, last.accuracy, false);
        } catch (CancelledException e) {
            return new Outcome(last.epochs, last.steps, (System.nanoTime() - t0) / 1e9, last.accuracy, true);
        }
    }

    /** Remembers the last validation accuracy and how far healing got. */
    private static final class LastValidation implements TrainingListener {
        double accuracy = Double.NaN;
        int epochs;
        long steps;

        @Override
        public void onStep(TrainingLoop.State state, TrainableNetwork.Step step) {
            steps = state.step();
        }

        @Override
        public void onEpoch(TrainingLoop.State state, TrainingLoop.Epoch e) {
            epochs = state.epochsRun();
            if (e.validation() != null) {
                accuracy = e.validation().accuracy();
            }
        }
    }

    /** The compressed network as the loop trains it; the network itself stays the caller's. */
    private static final class Healing implements TrainableNetwork {
        private final CompressedNetwork net;
        private final Trainer trainer;
        private final float[] features;
        private final int[] labels;
        private final int evalBatch;

        Healing(CompressedNetwork net, TrainSpec spec) {
            this.net = net;
            this.trainer = BackpropStep.trainer(net.model(), spec, net.device(), net.batchShape(spec.batchSize()));
            this.features = new float[Math.multiplyExact(spec.batchSize(), net.spec().inputFeatures())];
            this.labels = new int[spec.batchSize()];
            this.evalBatch = Math.max(spec.batchSize(), 256);
        }

        @Override
        public Step step(ImageDataset train, int[] rows, int epoch) {
            float loss;
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDList xy = net.batch(m, train, rows, features, labels);
                loss = BackpropStep.run(trainer, xy.get(0), xy.get(1));
            }
            net.applyMasks();
            return new Step(loss, Map.of());
        }

        @Override
        public Scores evaluate(ImageDataset data, CancellationToken cancellation) {
            CompressedNetwork.Evaluation e = net.evaluate(data, evalBatch, cancellation);
            return new Scores(e.count(), e.accuracy(), e.meanLoss(), Map.of(), e.seconds());
        }

        @Override
        public long parameterCount() {
            return net.storedParameterCount();
        }

        @Override
        public void saveWeights(DataOutputStream out) throws IOException {
            net.model().getBlock().saveParameters(out);
        }

        @Override
        public void loadWeights(DataInputStream in) throws IOException, MalformedModelException {
            net.model().getBlock().loadParameters(net.model().getNDManager(), in);
        }

        /** Closes the trainer (optimizer state) only: the compressed network goes on to be measured and saved. */
        @Override
        public void close() {
            trainer.close();
        }
    }
}
