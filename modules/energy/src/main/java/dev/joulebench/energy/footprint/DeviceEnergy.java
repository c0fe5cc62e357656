package dev.joulebench.energy.footprint;

/**
 * Energy drawn by the devices themselves (IT energy, before any facility overhead), per source, in kWh.
 */
public record DeviceEnergy(double cpuKwh, double gpuKwh, double ramKwh) {
    /** Joules in one kWh. */
    public static final double JOULES_PER_KWH = 3.6e6;

    public DeviceEnergy {
        check("cpu", cpuKwh);
        check("gpu", gpuKwh);
        check("ram", ramKwh);
    }

    /** From joules, as the energy ledger counts them. */
    public static DeviceEnergy ofJoules(double cpuJ, double gpuJ, double ramJ) {
        return new DeviceEnergy(cpuJ / JOULES_PER_KWH, gpuJ / JOULES_PER_KWH, ramJ / JOULES_PER_KWH);
    }

    /** cpu + gpu + ram, kWh. */
    public double totalKwh() {
        return cpuKwh + gpuKwh + ramKwh;
    }

    private static void check(String source, double kwh) {
        if (!(kwh >= 0) || !Double.isFinite(kwh)) {
            throw new IllegalArgumentException(source + " energy must be a finite number >= 0 kWh, got " + kwh);
        }
    }
}
