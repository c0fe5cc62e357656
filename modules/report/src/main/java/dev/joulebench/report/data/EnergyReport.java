package dev.joulebench.report.data;

import java.util.List;
import java.util.Map;

/**
 * run.json's {@code reports.energy}: the ledger's figures of the run.
 *
 * @param itKwh        energy of the IT equipment (the sum of the sources)
 * @param facilityKwh  itKwh × PUE
 * @param co2eKg       facility energy × grid intensity (+ embodied share when asked for)
 * @param waterL       on-site + off-site water
 * @param phasesKwh    energy per phase (setup, train, eval, ...), in run order
 */
public record EnergyReport(double itKwh, double facilityKwh, double co2eKg, double waterL, double waterOnsiteL,
                           double waterOffsiteL, List<EnergySource> sources, Map<String, Double> phasesKwh,
                           Assumptions assumptions) {
    public EnergyReport {
        sources = List.copyOf(sources);
        // run order (setup, train, eval), which Map.copyOf would lose
        phasesKwh = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phasesKwh));
    }

    /** Whether any source's figure comes from a model rather than a meter. */
    public boolean anyEstimated() {
        return sources.stream().anyMatch(EnergySource::estimated);
    }

    public boolean allEstimated() {
        return !sources.isEmpty() && sources.stream().allMatch(EnergySource::estimated);
    }
}
