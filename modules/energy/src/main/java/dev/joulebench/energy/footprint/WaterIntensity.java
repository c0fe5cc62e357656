package dev.joulebench.energy.footprint;

/**
 * Off-site water intensity of a grid (EWIF: litres of water consumed by power plants per kWh
 * delivered) used for a run, with its provenance.
 *
 * @param iso3          country code (ISO 3166-1 alpha-3, or {@code WLD})
 * @param country       country name as in the table (or "World")
 * @param ewifLPerKwh   litres per kWh
 * @param basis         how the figure was formed (e.g. the country's generation mix and its size)
 * @param source        where the mix and the per-fuel factors come from
 * @param year          data year of the generation mix; null when not known
 */
public record WaterIntensity(String iso3, String country, double ewifLPerKwh, String basis, String source,
                             Integer year) {
    public WaterIntensity {
        if (!(ewifLPerKwh >= 0) || !Double.isFinite(ewifLPerKwh)) {
            throw new IllegalArgumentException("EWIF must be a finite number >= 0 L/kWh, got " + ewifLPerKwh);
        }
    }
}
