package dev.joulebench.energy.footprint;

/**
 * A run's footprint and the figures it was computed from.
 *
 * @param device            energy at the devices (IT energy) per source, kWh
 * @param durationS         run duration, s
 * @param itEnergyKwh       cpu + gpu + ram at the devices, kWh
 * @param pue               power usage effectiveness applied
 * @param facilityEnergyKwh IT energy × PUE: what the grid delivered, kWh
 * @param carbonIntensity   grid intensity used, with its source (or user-set)
 * @param kgCo2e            operational emissions = facility kWh × g/kWh / 1000, kg
 * @param wueLPerKwh        on-site water usage effectiveness used, L per kWh of IT energy
 * @param water             off-site water intensity (EWIF) used, with its source
 * @param onsiteWaterL      IT kWh × WUE, L (cooling water evaporated at the site)
 * @param offsiteWaterL     IT kWh × PUE × EWIF, L (water consumed by the power plants)
 * @param waterL            on-site + off-site, L
 * @param embodiedIncluded  whether the embodied share was asked for
 * @param embodiedKg        the run's share of the hardware's manufacturing emissions, kg (0 when not included)
 */
public record FootprintResult(DeviceEnergy device, double durationS, double itEnergyKwh, double pue,
                              double facilityEnergyKwh, CarbonIntensity carbonIntensity, double kgCo2e,
                              double wueLPerKwh, WaterIntensity water, double onsiteWaterL, double offsiteWaterL,
                              double waterL, boolean embodiedIncluded, double embodiedKg) {

    /** Operational plus embodied emissions, kg. */
    public double totalKgCo2e() {
        return kgCo2e + embodiedKg;
    }

    /** Operational emissions per second of run, kg/s (0 for a zero-length run). */
    public double emissionsRateKgPerS() {
        return durationS > 0 ? kgCo2e / durationS : 0.0;
    }
}
