package dev.joulebench.train;

import dev.joulebench.core.JobContext;

/**
 * The streamed {@code train/loss} of every trainer: the mean of the step losses since the last
 * point, emitted every {@link #EVERY} optimizer steps. One window per epoch (a partial window at the
 * end of an epoch is dropped, as its steps are in the epoch's mean loss).
 */
public final class LossWindow {
    /** Loss is logged every this many optimizer steps. */
    public static final int EVERY = 20;

    private double sum;
    private int count;

    /** Adds the loss of optimizer step {@code step} and emits the window's mean on every EVERY-th step. */
    public void add(JobContext ctx, long step, int epoch, double loss) {
        sum += loss;
        count++;
        if (step % EVERY == 0) {
            ctx.metric(step, epoch, "train/loss", sum / count);
            sum = 0;
            count = 0;
        }
    }
}
