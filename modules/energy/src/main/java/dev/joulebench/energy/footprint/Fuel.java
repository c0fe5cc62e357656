package dev.joulebench.energy.footprint;

import java.util.Locale;

/**
 * Generation classes with their own off-site water factor (EWIF) in
 * {@code /energy/water-fuel-factors.csv}. Biofuel, geothermal and other renewables without a
 * factor of their own count as {@link #OTHER}, as the EIA "OTH" code does in the Ren group's code.
 */
public enum Fuel {
    NATURAL_GAS, COAL, NUCLEAR, OIL, OTHER, SOLAR, HYDRO, WIND;

    /** Name as written in the table ({@code natural_gas}, {@code coal}, ...). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The fuel for a table key. */
    public static Fuel ofKey(String key) {
        return valueOf(key.trim().toUpperCase(Locale.ROOT));
    }
}
