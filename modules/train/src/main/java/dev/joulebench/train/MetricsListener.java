package dev.joulebench.train;

import dev.joulebench.core.JobContext;
import java.util.Locale;

/**
 * The metrics every method reports the same way: the streamed loss every {@link LossWindow#EVERY}
 * steps, and per epoch the mean training loss, throughput, the method's per-part figures, validation
 * accuracy and loss (and parts), plus one log line.
 */
public final class MetricsListener implements TrainingListener {
    private LossWindow window;

    @Override
    public void onTrainingStart(TrainingLoop.State state) {
        window = new LossWindow(state.config().trainPrefix() + "loss");
    }

    @Override
    public void onStep(TrainingLoop.State state, TrainableNetwork.Step step) {
        if (state.batch() == 1) {
            window.reset();
        }
        window.add(state.ctx(), state.step(), state.epoch(), step.loss());
    }

    @Override
    public void onEpoch(TrainingLoop.State state, TrainingLoop.Epoch e) {
        JobContext ctx = state.ctx();
        String train = state.config().trainPrefix();
        String val = state.config().valPrefix();
        long step = state.step();
        e.trainParts().forEach((k, v) -> ctx.metric(step, e.index(), train + k, v));
        ctx.metric(step, e.index(), train + "epoch_loss", e.trainLoss());
        ctx.metric(step, e.index(), train + "samples_per_second", e.seconds() > 0 ? e.samples() / e.seconds() : Double.NaN);
        if (e.validation() != null) {
            e.validation().parts().forEach((k, v) -> ctx.metric(step, e.index(), val + k, v));
            ctx.metric(step, e.index(), val + "accuracy", e.validation().accuracy());
            ctx.metric(step, e.index(), val + "loss", e.validation().loss());
        }
        String what = train.equals("train/") ? "train" : train.replace("/", "");
        ctx.log("INFO", String.format(Locale.ROOT, "epoch %d/%d: %s loss %.4f%s, %.1f s", e.index() + 1, e.of(), what,
                e.trainLoss(), e.validation() == null ? ""
                        : String.format(Locale.ROOT, ", val accuracy %.4f", e.validation().accuracy()), e.seconds()));
    }
}
