package dev.joulebench.energy;

import java.util.Map;

/**
 * One reading of a sensor.
 *
 * @param watts  power now (or averaged since the previous read), NaN when the sensor has none
 * @param joules cumulative energy since the sensor was opened, already corrected for counter
 *               wraparound and monotonic; NaN when the sensor has no energy counter
 * @param extras other fields the sensor read, e.g. {@code utilization_percent}, {@code memory_used_bytes},
 *               {@code temperature_c}, {@code sm_clock_mhz}, {@code load} (0..1)
 */
public record PowerReading(double watts, double joules, Map<String, Double> extras) {
    public PowerReading {
        extras = extras == null ? Map.of() : Map.copyOf(extras);
    }

    public static PowerReading power(double watts) {
        return new PowerReading(watts, Double.NaN, Map.of());
    }
}
