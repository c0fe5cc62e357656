package dev.joulebench.cli;

import dev.joulebench.core.spec.InvalidSpecException;
import dev.joulebench.energy.EnergySettings;
import dev.joulebench.energy.footprint.FootprintSettings;
import picocli.CommandLine.Option;

/** Footprint options of every job command; with {@link SensorOptions} they make a run's {@link EnergySettings}. */
public final class FootprintOptions {
    @Option(names = "--country", paramLabel = "ISO3",
            description = "Grid country for CO2e and water, an ISO 3166-1 alpha-3 code of Joulebench's table, e.g. DEU,"
                    + " FRA, USA (default WLD: the world average, 475 g/kWh). Another code is bad input naming the"
                    + " closest ones.")
    String country;

    @Option(names = "--pue", paramLabel = "X", description = "Power usage effectiveness of the site (default 1.0).")
    Double pue;

    @Option(names = "--wue", paramLabel = "L/kWh", description = "On-site water usage effectiveness (default 0).")
    Double wue;

    @Option(names = "--carbon-intensity", paramLabel = "G/KWH",
            description = "Use this grid intensity (gCO2e/kWh) instead of the country's.")
    Double carbonIntensity;

    @Option(names = "--embodied", description = "Add the run's share of the hardware's embodied CO2e.")
    boolean embodied;

    @Option(names = "--no-energy", description = "Do not measure power for this run (no power.csv, emissions.csv).")
    boolean noEnergy;

    /**
     * The run's energy settings, or null with --no-energy; bad values (a country not in the table
     * among them) are bad input naming the option, before any run exists.
     */
    EnergySettings settings(SensorOptions sensors) {
        if (noEnergy) {
            return null;
        }
        FootprintSettings f = new FootprintSettings(country, pue, wue, carbonIntensity, embodied);
        var problems = f.problems();
        if (!problems.isEmpty()) {
            throw new InvalidSpecException("footprint", problems);
        }
        sensors.environment(); // validates --cpu-tdp, --power-hz and --tracking-mode
        return new EnergySettings(sensors.mode(), sensors.cpuTdp, sensors.hz, f.validate(), null);
    }
}
