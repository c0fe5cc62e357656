package dev.joulebench.energy.footprint;

/**
 * Manufacturing (embodied) emissions of one unit of a device class and the lifetime they are
 * spread over.
 *
 * @param deviceClass   e.g. {@code gpu}, {@code cpu}, {@code server_base}, {@code dram_per_gb}
 * @param kgCo2e        kgCO2e per unit (per card, per CPU, per server, per GB)
 * @param lifetimeYears years of use the emissions are amortised over
 * @param source        where the figures come from
 */
public record EmbodiedFactor(String deviceClass, double kgCo2e, double lifetimeYears, String source) {
    public EmbodiedFactor {
        if (!(kgCo2e >= 0) || !Double.isFinite(kgCo2e)) {
            throw new IllegalArgumentException(deviceClass + ": kgCO2e must be >= 0, got " + kgCo2e);
        }
        if (!(lifetimeYears > 0) || !Double.isFinite(lifetimeYears)) {
            throw new IllegalArgumentException(deviceClass + ": lifetime must be > 0 years, got " + lifetimeYears);
        }
    }

    /** kgCO2e charged to {@code durationS} seconds of use of {@code quantity} units (linear amortisation). */
    public double amortisedKg(double quantity, double durationS) {
        return quantity * kgCo2e * durationS / (lifetimeYears * EmbodiedTable.SECONDS_PER_YEAR);
    }
}
