package dev.joulebench.energy.rapl;

import java.nio.file.Path;

/**
 * One powercap RAPL zone.
 *
 * @param id                 directory name, e.g. {@code intel-rapl:0} or {@code intel-rapl:0:1}
 * @param name               contents of its {@code name} file, e.g. {@code package-0}, {@code dram}
 * @param dir                the zone's directory
 * @param maxEnergyRangeUj   {@code max_energy_range_uj}: the largest value {@code energy_uj} takes before wrapping to 0
 */
record RaplZone(String id, String name, Path dir, long maxEnergyRangeUj) {
    Path energyFile() {
        return dir.resolve("energy_uj");
    }

    /** "package-0 (/sys/class/powercap/intel-rapl:0)". */
    String label() {
        return name + " (" + dir + ")";
    }

    /**
     * Microjoules between two raw readings, allowing for one wrap of the counter. If the new value
     * is below the previous one the counter passed its maximum and restarted at 0, so
     * {@code delta = (max_energy_range_uj − prev) + 1 + next}: the climb to the maximum, the step
     * from the maximum to 0, then the new value. (The +1 µJ is immaterial but keeps the arithmetic
     * exact for a counter with range [0, max].) Two wraps between reads cannot be told from one;
     * with the usual range of 262 143 328 850 µJ (about 262 kJ) one wrap takes some 15 minutes at
     * 300 W, far longer than the sampler's 0.1 s between reads.
     */
    static long deltaUj(long prev, long next, long maxEnergyRangeUj) {
        if (next >= prev) {
            return next - prev;
        }
        return (maxEnergyRangeUj - prev) + 1 + next;
    }
}
