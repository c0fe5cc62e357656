package dev.joulebench.train;

/** Batches done of the current epoch, for progress bars; {@code label} names the work (e.g. "healing epoch"). */
public final class ProgressListener implements TrainingListener {
    private final String label;

    public ProgressListener(String label) {
        this.label = label;
    }

    @Override
    public void onStep(TrainingLoop.State state, TrainableNetwork.Step step) {
        state.ctx().progress(label + " " + (state.epoch() + 1) + "/" + state.epochs(), state.batch(), state.batches(),
                null);
    }
}
