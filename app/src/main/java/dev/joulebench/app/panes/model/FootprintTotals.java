package dev.joulebench.app.panes.model;

import dev.joulebench.energy.footprint.CarbonIntensity;
import dev.joulebench.energy.footprint.Footprint;
import dev.joulebench.energy.footprint.FootprintSettings;
import dev.joulebench.energy.footprint.WaterIntensity;

/**
 * Energy with its CO2e and water, by the energy module's formulas ({@link Footprint#co2eKg},
 * {@link Footprint#waterL}) for a country and PUE.
 *
 * @param kwh       IT energy
 * @param co2eKg    kg CO2e
 * @param waterL    litres of water
 * @param country   ISO3 code the intensity is for
 * @param gPerKwh   grid intensity used
 * @param pue       PUE used
 */
public record FootprintTotals(double kwh, double co2eKg, double waterL, String country, double gPerKwh, double pue) {

    public static FootprintTotals of(double kwh, Footprint footprint, FootprintSettings settings) {
        CarbonIntensity ci = footprint.intensityFor(settings);
        WaterIntensity water = footprint.waterFactors().lookup(settings.country());
        return new FootprintTotals(kwh, Footprint.co2eKg(kwh, settings.pue(), ci.gPerKwh()),
                Footprint.waterL(kwh, settings.wue(), settings.pue(), water.ewifLPerKwh()), ci.iso3(), ci.gPerKwh(),
                settings.pue());
    }
}
