package dev.joulebench.energy.footprint;

/**
 * The grid carbon intensity used for a run, with where it came from, so every output can say
 * which figure it used and why.
 *
 * @param iso3     the country code the figure applies to (ISO 3166-1 alpha-3, or {@code WLD} for the world)
 * @param country  name of the row whose figure is used ("World" for the world row)
 * @param gPerKwh  gCO2e per kWh of electricity drawn from the grid
 * @param source   where the figure comes from (table row source, or "user-set (--carbon-intensity)")
 * @param year     data year of the figure; null when not known (e.g. user-set)
 */
public record CarbonIntensity(String iso3, String country, double gPerKwh, String source, Integer year) {
    /** Source text of a user-given intensity. */
    public static final String USER_SOURCE = "user-set (--carbon-intensity)";

    public CarbonIntensity {
        if (!(gPerKwh >= 0) || !Double.isFinite(gPerKwh)) {
            throw new IllegalArgumentException("carbon intensity must be a finite number >= 0 gCO2e/kWh, got " + gPerKwh);
        }
    }

    /** True when the figure was given by the user rather than taken from the table. */
    public boolean userSet() {
        return USER_SOURCE.equals(source);
    }
}
