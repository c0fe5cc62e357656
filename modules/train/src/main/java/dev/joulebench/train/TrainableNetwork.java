package dev.joulebench.train;

import ai.djl.MalformedModelException;
import dev.joulebench.core.CancellationToken;
import dev.joulebench.core.JobContext;
import dev.joulebench.data.ImageDataset;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A network as the shared {@link TrainingLoop} drives it: one optimizer step per batch, evaluation of a
 * whole dataset, and its state for checkpoints. Each {@link MethodTrainer} builds one; the loop owns the
 * epochs, the batches, the metrics, early stopping, checkpoints, cancellation and progress, so a method
 * only says how it learns from a batch and how it predicts. Holds native memory: close it.
 */
public interface TrainableNetwork extends AutoCloseable {

    /** The loss of one optimizer step and per-part figures of this batch (mean per sample), e.g. {@code layer1_loss}. */
    record Step(double loss, Map<String, Double> parts) {
        public Step {
            parts = parts == null ? Map.of() : parts;
        }
    }

    /**
     * A pass over a dataset: accuracy and mean cross-entropy of the prediction, and per-part figures
     * (e.g. {@code block2_accuracy}).
     */
    record Scores(long count, double accuracy, double loss, Map<String, Double> parts, double seconds) {
        public Scores {
            parts = parts == null ? Map.of() : parts;
        }
    }

    /** A hidden layer's activations over a window of samples: {@code rows × features}, row-major. */
    record Activations(String layer, float[] values, int rows, int features) {}

    /** Epochs this network trains for under the spec's budget (Mono-Forward's greedy schedule differs). */
    default int epochs(int budget) {
        return budget;
    }

    /** Work before the first epoch (e.g. Cascaded-Forward's BatchNorm calibration); not counted as train time. */
    default void prepare(ImageDataset train, JobContext ctx) throws Exception {}

    /** One optimizer step on {@code rows} of {@code train} in epoch {@code epoch} (0-based). */
    Step step(ImageDataset train, int[] rows, int epoch) throws Exception;

    /** After an epoch's batches, before validation (e.g. a closed-form least-squares solve). */
    default void endEpoch(int epoch, ImageDataset train, JobContext ctx) throws Exception {}

    /** Whether early stopping watches this epoch (a greedy schedule's early layers do not predict yet). */
    default boolean watched(int epoch) {
        return true;
    }

    /** Predicts every row of {@code data} without learning. */
    Scores evaluate(ImageDataset data, CancellationToken cancellation);

    /** Parameters of the model as saved (what {@code params} reports). */
    long parameterCount();

    /** Further summary numbers of a finished run (e.g. {@code params/trainable}). */
    default Map<String, Double> summary() {
        return Map.of();
    }

    /** Hidden activations of a window for activation spectra; empty when the method exposes none. */
    default List<Activations> hiddenActivations(ImageDataset window) {
        return List.of();
    }

    /**
     * After training, with the kept (best) weights: the method's final reports, such as backprop's weight
     * spectra; {@code step} and {@code epoch} are the last ones trained.
     */
    default void report(JobContext ctx, long step, int epoch) throws Exception {}

    /** The method's own checkpoint fields (any Jackson-serialisable value); null for none. */
    default Object checkpointPayload() {
        return null;
    }

    void saveWeights(DataOutputStream out) throws IOException;

    void loadWeights(DataInputStream in) throws IOException, MalformedModelException;

    @Override
    void close();
}
