package dev.joulebench.train;

/**
 * Watches the {@link TrainingLoop} (DJL's {@code TrainingListener} is the model): metrics, progress,
 * checkpoints, early stopping and spectra are listeners, so every method gets all of them the same way.
 * Called on the job's thread, in the order the listeners were given.
 */
public interface TrainingListener {
    /** Before the first epoch, after the network's own preparation. */
    default void onTrainingStart(TrainingLoop.State state) throws Exception {}

    /** After each optimizer step. */
    default void onStep(TrainingLoop.State state, TrainableNetwork.Step step) throws Exception {}

    /** After an epoch's batches and its validation pass. */
    default void onEpoch(TrainingLoop.State state, TrainingLoop.Epoch epoch) throws Exception {}

    /** Whether training should stop after the epoch just reported (early stopping). */
    default boolean stopRequested() {
        return false;
    }

    /** After the last epoch (or an early stop), before the loop returns. */
    default void onTrainingEnd(TrainingLoop.State state) throws Exception {}

    /** The run was cancelled during training; the loop rethrows after every listener saw this. */
    default void onCancelled(TrainingLoop.State state) throws Exception {}
}
