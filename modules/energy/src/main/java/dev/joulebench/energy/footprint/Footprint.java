package dev.joulebench.energy.footprint;

import java.util.List;

/**
 * Turns a run's device energy into CO2e, water and (optionally) embodied emissions.
 *
 * <p>Formulas, with E the IT energy (what the CPU, GPU and RAM drew, as measured or estimated):
 * <ul>
 *   <li>facility energy = E × PUE</li>
 *   <li>CO2e (kg) = E × PUE × intensity (g/kWh) / 1000</li>
 *   <li>water (L) = E × (WUE + PUE × EWIF): on-site WUE is per kWh of IT energy (The Green Grid's
 *       definition, as in Li et al., "Making AI Less Thirsty"); the power plants' water (EWIF)
 *       follows the electricity actually delivered, hence × PUE</li>
 *   <li>embodied (kg) = Σ units × kgCO2e / lifetime × duration, only when asked for</li>
 * </ul>
 *
 * <p>CodeCarbon 3.x, by our reading of its {@code emissions_tracker.py}, multiplies each
 * component's energy by PUE as it is measured ("Apply the PUE of the datacenter to the consumed
 * energy"), so its {@code cpu_energy}, {@code gpu_energy}, {@code ram_energy} and
 * {@code energy_consumed} are facility energies and {@code emissions = energy_consumed × intensity}.
 * Our CO2e is the same number. Its {@code water_consumed} is WUE × energy_consumed (on-site only,
 * over facility energy); ours adds the off-site share and applies WUE to IT energy, so with
 * PUE = 1 and EWIF = 0 the two agree. {@link EmissionsRow.Builder#footprint} writes energies and
 * water the CodeCarbon way (× PUE; on-site only), so that emissions.csv means what CodeCarbon's
 * does; the fuller water figure is {@link FootprintResult#waterL()}, in run.json.
 */
public final class Footprint {
    private final CarbonIntensityTable carbon;
    private final WaterFactors water;
    private final EmbodiedTable embodied;

    public Footprint(CarbonIntensityTable carbon, WaterFactors water, EmbodiedTable embodied) {
        this.carbon = carbon;
        this.water = water;
        this.embodied = embodied;
    }

    /** The calculator over the bundled tables (loaded once, on first use). */
    public static Footprint bundled() {
        return Bundled.INSTANCE;
    }

    private static final class Bundled {
        static final Footprint INSTANCE =
                new Footprint(CarbonIntensityTable.bundled(), WaterFactors.load(), EmbodiedTable.load());
    }

    public CarbonIntensityTable carbonTable() {
        return carbon;
    }

    public WaterFactors waterFactors() {
        return water;
    }

    public EmbodiedTable embodiedTable() {
        return embodied;
    }

    /** The intensity the settings select: the user's figure if given, else the country's row. */
    public CarbonIntensity intensityFor(FootprintSettings settings) {
        return settings.carbonIntensityOverride() != null
                ? carbon.override(settings.country(), settings.carbonIntensityOverride())
                : carbon.lookup(settings.country());
    }

    /**
     * Computes a run's footprint.
     *
     * @param device    IT energy per source, kWh
     * @param durationS run duration, s (≥ 0)
     * @param settings  user options (validated here)
     * @param devices   hardware for the embodied share; used only when {@code settings.embodied()}
     * @throws dev.joulebench.core.BadInputException for invalid settings or an unknown device class
     */
    public FootprintResult compute(DeviceEnergy device, double durationS, FootprintSettings settings,
                                   List<EmbodiedDevice> devices) {
        settings.validate();
        if (!(durationS >= 0) || !Double.isFinite(durationS)) {
            throw new IllegalArgumentException("duration must be a finite number >= 0 s, got " + durationS);
        }
        double it = device.totalKwh();
        double pue = settings.pue();
        double wue = settings.wue();
        CarbonIntensity ci = intensityFor(settings);
        WaterIntensity ewif = water.lookup(settings.country());
        double onsite = it * wue;
        double offsite = it * pue * ewif.ewifLPerKwh();
        boolean withEmbodied = settings.embodied();
        double embodiedKg = withEmbodied && devices != null ? embodied.amortisedKg(devices, durationS) : 0.0;
        return new FootprintResult(device, durationS, it, pue, it * pue, ci, co2eKg(it, pue, ci.gPerKwh()), wue, ewif,
                onsite, offsite, onsite + offsite, withEmbodied, embodiedKg);
    }

    /** kgCO2e = IT kWh × PUE × g/kWh / 1000. */
    public static double co2eKg(double itKwh, double pue, double gPerKwh) {
        return itKwh * pue * gPerKwh / 1000.0;
    }

    /** Litres = IT kWh × (WUE + PUE × EWIF). */
    public static double waterL(double itKwh, double wueLPerKwh, double pue, double ewifLPerKwh) {
        return itKwh * (wueLPerKwh + pue * ewifLPerKwh);
    }
}
