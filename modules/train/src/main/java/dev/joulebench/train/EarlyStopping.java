package dev.joulebench.train;

/**
 * Patience on a score that should rise (validation accuracy): after {@code patience} epochs
 * without a strictly better score, training stops. Patience 0 never stops early but still
 * tracks the best epoch, whose weights are restored at the end.
 */
public final class EarlyStopping {
    private final int patience;
    private double best = Double.NEGATIVE_INFINITY;
    private int bestEpoch = -1;
    private int sinceBest;

    public EarlyStopping(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0");
        }
        this.patience = patience;
    }

    /** Records an epoch's score; true when it is the best so far. */
    public boolean update(int epoch, double score) {
        if (score > best) {
            best = score;
            bestEpoch = epoch;
            sinceBest = 0;
            return true;
        }
        sinceBest++;
        return false;
    }

    public boolean shouldStop() {
        return patience > 0 && sinceBest >= patience;
    }

    public int patience() {
        return patience;
    }

    public double best() {
        return best;
    }

    public int bestEpoch() {
        return bestEpoch;
    }
}
