package dev.joulebench.app.panes.model;

/**
 * Cumulative energy from power samples by the trapezoid rule: between two samples the power is
 * taken to change linearly, so E += (P0 + P1) / 2 × (t1 − t0). Not thread-safe: one writer.
 */
public final class EnergyIntegrator {
    /** Joules in a kWh. */
    public static final double JOULES_PER_KWH = 3.6e6;

    private double lastT = Double.NaN;
    private double lastWatts = Double.NaN;
    private double joules;

    /**
     * Adds a sample of total watts at {@code t} seconds and returns the energy so far in kWh. A sample
     * not later than the previous one, or not finite, changes nothing.
     */
    public double add(double t, double watts) {
        if (!Double.isFinite(t) || !Double.isFinite(watts)) {
            return kwh();
        }
        if (!Double.isNaN(lastT)) {
            if (t <= lastT) {
                return kwh();
            }
            joules += 0.5 * (lastWatts + watts) * (t - lastT);
        }
        lastT = t;
        lastWatts = watts;
        return kwh();
    }

    public double joules() {
        return joules;
    }

    public double kwh() {
        return joules / JOULES_PER_KWH;
    }

    public void reset() {
        lastT = Double.NaN;
        lastWatts = Double.NaN;
        joules = 0;
    }
}
