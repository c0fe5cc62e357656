package dev.joulebench.energy.cpu;

/**
 * CodeCarbon's CPU power model for when no energy counter is readable:
 * {@code P = TDP × (0.1 + 0.9 × load³)}. An idle CPU still draws about a tenth of its TDP, and
 * power rises steeply only near full load; the cube is CodeCarbon's fit, not a measurement here.
 */
public final class LoadModel {
    /** Share of TDP drawn at zero load. */
    public static final double IDLE_FRACTION = 0.1;

    private LoadModel() {}

    /**
     * @param tdpWatts thermal design power of the CPU(s)
     * @param load     busy fraction of all cores, clamped to [0, 1]
     */
    public static double watts(double tdpWatts, double load) {
        double l = Math.max(0, Math.min(1, load));
        return tdpWatts * (IDLE_FRACTION + (1 - IDLE_FRACTION) * l * l * l);
    }
}
