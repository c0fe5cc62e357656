package dev.joulebench.energy;

import dev.joulebench.energy.footprint.FootprintSettings;

/**
 * How a run's energy is measured and turned into a footprint; the job commands' --country,
 * --pue, --wue, --carbon-intensity, --embodied, --cpu-tdp, --tracking-mode and --power-hz.
 *
 * @param project the CodeCarbon {@code project_name} written into emissions.csv
 */
public record EnergySettings(TrackingMode mode, Double cpuTdpWatts, double hz, FootprintSettings footprint,
                             String project) {
    public static final double DEFAULT_HZ = 10;

    public EnergySettings {
        mode = mode == null ? TrackingMode.MACHINE : mode;
        footprint = footprint == null ? FootprintSettings.defaults() : footprint;
        project = project == null ? "joulebench" : project;
        if (!(hz > 0 && hz <= 1000)) {
            throw new IllegalArgumentException("sampling rate must be in (0, 1000] Hz, got " + hz);
        }
    }

    public static EnergySettings defaults() {
        return new EnergySettings(TrackingMode.MACHINE, null, DEFAULT_HZ, FootprintSettings.defaults(), null);
    }
}
