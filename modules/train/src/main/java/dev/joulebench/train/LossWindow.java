package dev.joulebench.train;

import dev.joulebench.core.JobContext;

/**
 * The streamed loss of the training loop: the mean of the step losses since the last point, emitted
 * every {@link #EVERY} optimizer steps. One window per epoch (a partial window at the end of an epoch
 * is dropped, as its steps are in the epoch's mean loss).
 */
final class LossWindow {
    /** Loss is logged every this many optimizer steps. */
    static final int EVERY = 20;

    private final String name;
    private double sum;
    private int count;

    LossWindow(String name) {
        this.name = name;
    }

    /** Adds the loss of optimizer step {@code step} and emits the window's mean on every EVERY-th step. */
    void add(JobContext ctx, long step, int epoch, double loss) {
        sum += loss;
        count++;
        if (step % EVERY == 0) {
            ctx.metric(step, epoch, name, sum / count);
            reset();
        }
    }

    void reset() {
        sum = 0;
        count = 0;
    }
}
